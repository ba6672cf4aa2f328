// What all three elements share: the common attributes of CONTRACT.md (`proxy-url`, `country`, `lang`, `store`,
// plus `theme`), the binding to the named store, the language (resolved, loaded, followed when it changes), the
// theme styles and the `cr-error` event. Elements extend CrElement and render with `this.messages`/`this.locale`.
import {LitElement, type PropertyValues} from 'lit';
import {property} from 'lit/decorators.js';
import {errorEvent} from '../events.js';
import {ApiError, isApiError} from '../api/errors.js';
import {errorMessage} from '../i18n/error-message.js';
import {cachedMessages, loadMessages, toLang, toLocale, type Lang, type Messages} from '../i18n/i18n.js';
import {offline} from '../i18n/offline.js';
import {getStore, type Store, type StoreState} from '../store/store.js';
import {StoreController} from '../store/store-controller.js';
import {hostStyles} from '../styles/theme.js';

// One observer for the whole page: elements without their own `lang` follow `<html lang>` when the host page
// switches language at runtime.
const langFollowers = new Set<CrElement>();
let htmlLangObserver: MutationObserver | undefined;

function followPageLang(element: CrElement, follow: boolean): void {
  if (follow) langFollowers.add(element);
  else langFollowers.delete(element);
  if (langFollowers.size && !htmlLangObserver && typeof MutationObserver !== 'undefined') {
    htmlLangObserver = new MutationObserver(() => langFollowers.forEach((el) => el.refreshLang()));
    htmlLangObserver.observe(document.documentElement, {attributes: true, attributeFilter: ['lang']});
  } else if (!langFollowers.size && htmlLangObserver) {
    htmlLangObserver.disconnect();
    htmlLangObserver = undefined;
  }
}

/** The `lang` of the closest ancestor that has one, looking through shadow roots up to `<html>`. */
function inheritedLang(from: Element): string | undefined {
  let node: Node | null = from.parentNode;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang) return lang;
      node = node.parentNode;
    } else if (node instanceof ShadowRoot) {
      node = node.host;
    } else {
      node = null;
    }
  }
  return undefined;
}

/**
 * @cssprop --cr-accent - accent colour (buttons, selection, focus ring)
 * @cssprop --cr-accent-fg - text on the accent colour
 * @cssprop --cr-bg - background
 * @cssprop --cr-fg - text
 * @cssprop --cr-muted - secondary text
 * @cssprop --cr-surface - raised surfaces (cards, tabs)
 * @cssprop --cr-border - borders
 * @cssprop --cr-danger - errors
 * @cssprop --cr-success - success
 * @cssprop --cr-focus - focus ring (defaults to the accent)
 * @cssprop --cr-radius - corner radius
 * @cssprop --cr-font - font family
 * @cssprop --cr-font-size - base font size
 * @cssprop --cr-space - spacing unit
 * @fires cr-error - a failure the user was told about: `detail.code`, `detail.message`
 */
export class CrElement extends LitElement {
  static override styles = hostStyles;

  /** Base URL of the proxy; set on any element of a store, the others inherit it. */
  @property({attribute: 'proxy-url'}) proxyUrl?: string;
  /** ISO alpha-2 country; pushed into the store (default US). */
  @property() country?: string;
  /** Name of the shared store; elements with the same name (or none) share brand, order, proxy and country. */
  @property() store?: string;
  /** Forces the light or dark theme; by default it follows the reader's system setting. */
  @property({reflect: true}) theme?: 'light' | 'dark';

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  // Created lazily: field initialisers of subclasses call useStore before ours would be guaranteed to have run.
  private _controllers?: StoreController<unknown>[];
  /** The whole store state, kept current; any change re-renders. */
  protected readonly _state = this.useStore((state) => state);
  #lang: Lang = 'en';
  /** Whether the focus was in the element when the update began (willUpdate → updated). */
  #focusWasIn = false;
  #locale = 'en';
  /** What the element renders with: its language's messages once loaded; until then the previous language's. */
  #messages: Messages | undefined;
  #pendingMessages: Promise<unknown> | undefined;

  /** The store this element is bound to. */
  get storeInstance(): Store {
    return this._state.store;
  }

  /** Current shared state. */
  get state(): Readonly<StoreState> {
    return this._state.value;
  }

  /** The resolved upstream language (one of the ten). */
  get resolvedLang(): Lang {
    return this.#lang;
  }

  /**
   * The locale used for Intl formatting (the page's tag when it belongs to the resolved language, e.g. pt-BR): that of
   * the words shown, so English's where a language's file could not be fetched (or while another one loads), never
   * German numbers beside English words.
   */
  get locale(): string {
    const shown = this.#messages?.lang;
    return !shown || shown === this.#lang ? this.#locale : shown;
  }

  /**
   * Messages of the resolved language; while another language loads, the previous one's. Rendering waits for the
   * first (lazy-body.ts holds an element back until `messagesReady()`).
   */
  get messages(): Messages {
    return this.#messages!;
  }

  /** Whether the element shows an order's tracking, whose words (`messages.status`) are loaded only for it. */
  protected get wantsTrackingWords(): boolean {
    return false;
  }

  /** Whether the element has messages to render with (some language's, see `messages`). */
  protected get hasMessages(): boolean {
    return this.#messages !== undefined;
  }

  /** Resolves once the element has messages to render with; rejects when none could be fetched (offline). */
  protected messagesReady(): Promise<void> {
    return Promise.resolve(this.#pendingMessages).then(() => {
      if (!this.#messages) throw new ApiError('network', 'no messages could be loaded');
    });
  }

  /**
   * A controller bound to this element's store (rebound when the `store` attribute changes). Subclasses use it for
   * the slices they care about: `private _order = this.useStore((s) => s.order)`.
   */
  protected useStore<T>(pick: (state: Readonly<StoreState>) => T): StoreController<T> {
    const controller = new StoreController(this, pick, getStore(this.getAttribute('store')));
    (this._controllers ??= []).push(controller as StoreController<unknown>);
    return controller;
  }

  override connectedCallback(): void {
    this.bindStore();
    super.connectedCallback();
    this.refreshLang();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    followPageLang(this, false);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name !== 'lang' || !this.isConnected) return;
    // The language this element gave its store goes with its attribute (an element that still has one gives the
    // store its own as it updates), so the others follow the page again.
    if (value === null && old !== null && this.state.lang === old) this.storeInstance.update({lang: undefined});
    // A language set now is the page's latest choice: the store takes it (refreshLang only fills an empty one).
    if (value) this.storeInstance.update({lang: value});
    this.refreshLang();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#focusWasIn = !!this.shadowRoot?.activeElement;
    if (changed.has('store')) this.bindStore();
    const store = this.storeInstance;
    // Push our own attributes into the store, so elements without them inherit ours.
    const push: Partial<StoreState> = {};
    // An empty proxy-url is treated as missing (likely a templating slip); same-origin root is written "/".
    if ((changed.has('proxyUrl') || changed.has('store')) && this.proxyUrl?.trim()) push.proxyUrl = this.proxyUrl.trim();
    if ((changed.has('country') || changed.has('store')) && this.country && /^[A-Za-z]{2}$/.test(this.country)) {
      push.country = this.country.toUpperCase();
    }
    if (Object.keys(push).length) store.update(push);
    // Our language may come from the store (another element's `lang`).
    this.refreshLang();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // What had the focus is gone (the pay button became the payment screen, "try again" the loading message, the
    // copy button the next status): the focus goes to what replaced it, so a keyboard or screen-reader user is not
    // left at the top of the page. The last one marked: what replaced the focus sits below a screen's title.
    if (this.#focusWasIn && !this.shadowRoot?.activeElement) {
      [...this.renderRoot.querySelectorAll<HTMLElement>('[data-takes-focus]')].at(-1)?.focus();
    }
  }

  /** Binds the store controllers to the store named by `store` (and gives it this element's own `lang`). */
  protected bindStore(): void {
    const store = getStore(this.store ?? this.getAttribute('store'));
    for (const controller of this._controllers ?? []) controller.setStore(store);
    const ownLang = this.getAttribute('lang');
    if (ownLang) store.update({lang: ownLang});
  }

  /**
   * Re-resolves the language: own `lang` attribute, else the store's (set by an element with an explicit `lang`),
   * else the closest `[lang]` ancestor (`<html lang>` included), else English; loads its messages if needed.
   */
  refreshLang(): void {
    const own = this.getAttribute('lang');
    // Only into an empty store: two elements with different languages of their own would otherwise take turns
    // writing it, each write updating the other, for ever. Each shows its own anyway.
    if (own && this.isConnected && !this.state.lang) this.storeInstance.update({lang: own});
    const tag = own || this.state.lang || inheritedLang(this) || 'en';
    followPageLang(this, !own && !this.state.lang && this.isConnected);
    const lang = toLang(tag);
    const locale = toLocale(tag, lang);
    if (lang === this.#lang && locale === this.#locale && (this.#messages || this.#pendingMessages)) return;
    this.#lang = lang;
    this.#locale = locale;
    this.requestUpdate();
    const tracking = this.wantsTrackingWords;
    const cached = cachedMessages(lang, tracking);
    if (cached) {
      this.#messages = cached;
      this.#pendingMessages = undefined;
      return;
    }
    const pending = loadMessages(lang, tracking).then(
      (messages) => {
        // The language asked for last wins; but words of an earlier one beat having none (messagesReady).
        if (this.#lang === lang || !this.#messages) this.#messages = messages;
      },
      // Not even English arrived: an element showing a language keeps it; one that never had any says so
      // (messagesReady), and the next refresh tries again.
      () => undefined,
    ).finally(() => {
      if (this.#pendingMessages === pending) this.#pendingMessages = undefined;
      this.requestUpdate();
    });
    this.#pendingMessages = pending;
  }

  /** Resolves once rendered in the right language (after its messages loaded), so tests and hosts can wait on it. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    for (let i = 0; this.#pendingMessages && i < 5; i++) {
      await this.#pendingMessages; // never rejects
      result = await super.getUpdateComplete();
    }
    return result;
  }

  /** The localized message for a failure (with no language loaded at all, offline's network message). */
  protected errorText(error: unknown): string {
    return this.#messages ? errorMessage(error, this.#messages.common) : offline.network;
  }

  /**
   * Tells the host page about a failure the user was shown (never for a superseded request). Returns the message:
   * `shown` where the element says something else than the failure's own text (an outcome it cannot know).
   */
  protected fireError(error: unknown, shown?: string): string {
    const message = shown ?? this.errorText(error);
    if (isApiError(error) && error.code === 'aborted') return message;
    const first = isApiError(error) ? error.problems[0] : undefined;
    const code = isApiError(error) ? (error.code === 'problems' && first ? first.raw : error.code) : 'network';
    this.dispatchEvent(errorEvent(code, message));
    if (SETUP_CODES.has(code)) hintSetup(this.localName, code, error, this.state.proxyUrl);
    return message;
  }
}

/** Errors a buyer may meet, but that are also how a page that is not set up right fails. */
const SETUP_CODES = new Set(['config', 'network', 'not-found', 'http-4xx', 'http-5xx']);
const hinted = new Set<string>();

/**
 * Tells the partner's developer, once per kind of error and page, what to check: the buyer sees a plain message, and
 * a refused origin is only a "network error" to the page (the proxy's refusal has no CORS headers to read).
 */
function hintSetup(tag: string, code: string, error: unknown, proxyUrl: string | undefined): void {
  if (hinted.has(code)) return;
  hinted.add(code);
  console.warn(
    `cryptorefills-checkout: <${tag}> ${code} (${error instanceof Error ? error.message : error}); proxy-url ${proxyUrl ?? 'not set'}, page ${location.origin}. ` +
      'Setting up? The proxy must run, with its CR_BASE_PATH in proxy-url and this origin in CR_ALLOWED_ORIGINS.',
  );
}
