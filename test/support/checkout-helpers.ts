// Helpers for the <cr-checkout> browser tests: mount one in its own store, find things in its shadow root, type
// like a user, wait (bounded) for a condition, and ask the sandbox which orders really exist for a buyer.
import {fixture, html} from '@open-wc/testing';
import '../../src/define.js';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';
import {dropStore} from '../../src/store/store.js';
import {proxyUrl, sandboxUrl} from './env.js';

let counter = 0;
/** A token no other test (or parallel test file) uses: for store names and buyer e-mails. */
export function unique(prefix = 't'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 7)}`;
}

export function buyerEmail(tokens: string[] = []): string {
  return `${[...tokens, unique('buyer')].join('+')}@sandbox.test`;
}

export interface MountOptions {
  brand: string;
  country?: string;
  lang?: string;
  store?: string;
  theme?: 'light' | 'dark';
}

export async function mountCheckout(options: MountOptions): Promise<CrCheckout> {
  const store = options.store ?? unique('store');
  const el = await fixture<CrCheckout>(html`<cr-checkout
    proxy-url=${proxyUrl}
    brand=${options.brand}
    country=${options.country ?? 'US'}
    lang=${options.lang ?? 'en'}
    store=${store}
    theme=${options.theme ?? 'light'}
  ></cr-checkout>`);
  await el.updateComplete;
  return el;
}

export function $<T extends Element = HTMLElement>(el: Element, selector: string): T | null {
  return el.shadowRoot!.querySelector<T>(selector);
}

export function $$<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(selector)];
}

/** Polls `condition` every 20 ms until it is truthy; fails after `timeoutMs` with `what`. */
export async function waitFor<T>(condition: () => T | undefined | null | false, what: string, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function type(input: HTMLInputElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
}

export function blur(input: HTMLElement): void {
  input.dispatchEvent(new FocusEvent('blur'));
}

/** Waits for the form to be ready (products and coins loaded). */
export async function formReady(el: CrCheckout): Promise<void> {
  await waitFor(() => $(el, 'form') && $<HTMLSelectElement>(el, '#coin')?.value, 'the checkout form', 8000);
  await el.updateComplete;
}

export function pickDenomination(el: CrCheckout, label: string): void {
  const option = $$(el, '[part~="denomination"]').find((l) => l.querySelector('.denomination-label')?.textContent?.trim() === label);
  if (!option) throw new Error(`no denomination ${label}`);
  const input = option.querySelector('input')!;
  input.click();
}

export async function submit(el: CrCheckout): Promise<void> {
  $<HTMLButtonElement>(el, '[part="pay-button"]')!.click();
  await el.updateComplete;
}

/** Waits for the payment screen of an order; returns its order id. */
export async function paymentShown(el: CrCheckout, timeoutMs = 8000): Promise<string> {
  const screen = await waitFor(() => $<HTMLElement>(el, '[part="payment"][data-order-id]'), 'the payment screen', timeoutMs);
  return screen.dataset['orderId']!;
}

async function sandboxJson<T>(path: string): Promise<T> {
  const res = await fetch(`${sandboxUrl}/__sandbox/${path}`);
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status}`);
  return (await res.json()) as T;
}

export interface SandboxOrder {
  order_id: string;
  order_state: string;
  user: {email: string};
  deliveries: {deliverable: Record<string, unknown>}[];
  [key: string]: unknown;
}

/** The order as the sandbox stores it (what upstream really received). */
export async function sandboxOrder(orderId: string): Promise<SandboxOrder> {
  return (await sandboxJson<{order: SandboxOrder}>(`orders/${orderId}`)).order;
}

/** Every order the sandbox created for this buyer e-mail (other tests use other e-mails, so parallel runs do not mix). */
export async function ordersFor(email: string): Promise<SandboxOrder[]> {
  const list = await sandboxJson<{order_id: string}[]>('orders');
  const orders = await Promise.all(list.map((o) => sandboxOrder(o.order_id)));
  return orders.filter((o) => o.user?.email === email);
}

/** Price requests the sandbox received for a brand, in order (face values as sent). */
export async function priceRequests(brandName: string): Promise<string[]> {
  const stats = await sandboxJson<{requests: {endpoint: string | null; query: Record<string, string>}[]}>('stats');
  return stats.requests.filter((r) => r.endpoint === 'price' && r.query['brand_name'] === brandName).map((r) => r.query['face_value']!);
}

/**
 * Makes the next answer to `pathPattern` arrive truncated (the real answer from the proxy, cut in half), like the
 * sandbox's malformed-json fault but scoped to this page: a sandbox fault is global, and test files run in parallel
 * would take each other's faults. Returns the function that restores fetch.
 */
export function truncateNextAnswer(pathPattern: RegExp): () => void {
  const realFetch = window.fetch;
  let armed = true;
  window.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const response = await realFetch(input, init);
    if (!armed || !pathPattern.test(new URL(url).pathname)) return response;
    armed = false;
    const text = await response.text();
    return new Response(text.slice(0, Math.floor(text.length / 2)), {status: 200, headers: {'content-type': 'application/json'}});
  };
  return () => {
    window.fetch = realFetch;
  };
}

export {proxyUrl, sandboxUrl};

/** Fills the form's e-mail (the form's defaults for the rest), submits, and waits for the payment screen. */
export async function orderOn(el: CrCheckout, email = buyerEmail()): Promise<{orderId: string; email: string}> {
  await formReady(el);
  type($<HTMLInputElement>(el, '#email')!, email);
  await submit(el);
  const orderId = await paymentShown(el);
  await el.updateComplete;
  return {orderId, email};
}

/**
 * An order made on a checkout of a fresh store, then what a reload leaves of it: the element and the page's stores
 * gone, sessionStorage kept. The next checkout of `store` is the reloaded page's.
 */
export async function orderThenReload(): Promise<{store: string; orderId: string; email: string}> {
  const store = unique('store');
  const first = await mountCheckout({brand: 'Steam', store});
  const {orderId, email} = await orderOn(first);
  first.remove();
  dropStore(store);
  return {store, orderId, email};
}
