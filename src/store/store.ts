// The state the elements of one page (or of one `store` name) share: where the proxy is, the country, the
// language, the chosen brand, the current order. Our elements need not share a parent, so stores live in a module
// registry keyed by name rather than in a DOM context; two names never see each other's state.
import type {Brand, Order} from '../api/schemas.js';

/**
 * The shared slots. Other modules add theirs by declaration merging:
 * `declare module '../store/store.js' { interface StoreState { quote?: Quote } }`.
 */
export interface StoreState {
  /** Base URL of the proxy (absolute or relative to the page); undefined until an element sets `proxy-url`. */
  proxyUrl?: string;
  /** ISO alpha-2, upper case. */
  country: string;
  /** Set when an element of the store has an explicit `lang` attribute; the others follow it. */
  lang?: string;
  /** The brand the user picked (cr-brand-picker → cr-checkout). */
  brand?: Brand;
  /** The order just created (cr-checkout → cr-order-status). */
  order?: Order;
  /**
   * The id of the order "new purchase" left last (cr-checkout → cr-order-status): a status that follows this tab's
   * saved copy of it, the store having none (its reads failing), lets it go too, rather than give it back to the store.
   */
  left?: string;
}

export type Listener = (state: Readonly<StoreState>, previous: Readonly<StoreState>) => void;

export const DEFAULT_COUNTRY = 'US';
export const DEFAULT_STORE_NAME = 'default';

export class Store {
  readonly name: string;
  #state: StoreState;
  readonly #listeners = new Set<Listener>();

  constructor(name: string, initial: Partial<StoreState> = {}) {
    this.name = name;
    this.#state = {country: DEFAULT_COUNTRY, ...initial};
  }

  /** The current state (do not mutate it; call update). */
  get(): Readonly<StoreState> {
    return this.#state;
  }

  /**
   * Shallow-merges `partial`; listeners run synchronously, once, and only when some slot really changed
   * (`Object.is`). A slot set to undefined is cleared.
   */
  update(partial: Partial<StoreState>): void {
    const previous = this.#state;
    let changed = false;
    for (const key of Object.keys(partial) as (keyof StoreState)[]) {
      if (!Object.is(previous[key], partial[key])) changed = true;
    }
    if (!changed) return;
    this.#state = {...previous, ...partial};
    for (const listener of [...this.#listeners]) {
      try {
        listener(this.#state, previous);
      } catch (error) {
        // One faulty listener (maybe the host page's) must not stop the others, nor the update that called it.
        console.error('cryptorefills-checkout: a store listener threw', error);
      }
    }
  }

  /** Calls `listener` after every change; returns the function that unsubscribes. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

const stores = new Map<string, Store>();
const createdHooks = new Set<(store: Store) => void>();

/**
 * The store of that name (one per page by default), created on first use. Names are trimmed; an empty or missing
 * name is the page's default store.
 */
export function getStore(name?: string | null): Store {
  const key = name?.trim() || DEFAULT_STORE_NAME;
  let store = stores.get(key);
  if (!store) {
    store = new Store(key);
    stores.set(key, store);
    for (const hook of createdHooks) hook(store);
  }
  return store;
}

/**
 * Runs `hook` for every store, now for the existing ones and later for each new one: the place to attach
 * persistence (hydrate from sessionStorage, then subscribe) without this module knowing about it.
 * Returns the function that stops calling it for new stores.
 */
export function onStoreCreated(hook: (store: Store) => void): () => void {
  createdHooks.add(hook);
  for (const store of stores.values()) hook(store);
  return () => createdHooks.delete(hook);
}

/** Forgets a store (tests; a page that tears a widget down for good). Subscribers keep the old instance. */
export function dropStore(name?: string | null): void {
  stores.delete(name?.trim() || DEFAULT_STORE_NAME);
}
