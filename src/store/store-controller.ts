// Binds an element to a store: subscribe on connect, unsubscribe on disconnect, re-render when the picked slice
// changes. The store can be swapped (an element's `store` attribute changed) without re-creating the controller.
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {getStore, type Store, type StoreState} from './store.js';

export class StoreController<T> implements ReactiveController {
  /** The picked slice, kept current. */
  value: T;
  #store: Store;
  #off: (() => void) | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly pick: (state: Readonly<StoreState>) => T,
    store: Store = getStore(),
  ) {
    this.#store = store;
    this.value = pick(store.get());
    host.addController(this);
  }

  get store(): Store {
    return this.#store;
  }

  /** Moves to another store; re-renders if that changes the slice. */
  setStore(store: Store): void {
    if (store === this.#store) return;
    this.#off?.();
    this.#off = undefined;
    this.#store = store;
    if (this.#connected) this.#listen();
    this.#refresh();
  }

  hostConnected(): void {
    // Lit calls this when the controller is added to a host that is connected, and again on the host's connection:
    // subscribe once.
    if (this.#connected) return;
    this.#connected = true;
    this.#listen();
    // Changes made while disconnected were missed.
    this.#refresh();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#off?.();
    this.#off = undefined;
  }

  #listen(): void {
    this.#off = this.#store.subscribe(() => this.#refresh());
  }

  #refresh(): void {
    const next = this.pick(this.#store.get());
    if (Object.is(next, this.value)) return;
    this.value = next;
    this.host.requestUpdate();
  }
}
