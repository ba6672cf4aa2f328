// Shared by the tracker and element specs: orders created through the real proxy, the sandbox's controls, bounded
// waits, and a look at the sandbox's request log for one order.
import {parseOrder} from '../../src/api/client.js';
import type {Order} from '../../src/api/schemas.js';
import {OrderTracker, type OrderTrackerOptions, type OrderUpdate} from '../../src/stream/order-tracker.js';
import {proxyUrl, sandboxUrl} from '../support/env.js';
import {sandboxControls, type LoggedRequest} from '../support/sandbox-controls.js';

export {proxyUrl, sandboxUrl};
export const controls = sandboxControls(sandboxUrl);

export interface DeliveryInput {
  brand_name: string;
  country_code: string;
  denomination: string;
  beneficiary_account?: string;
  product_value?: number;
}

export const STEAM_10: DeliveryInput = {brand_name: 'Steam', country_code: 'US', denomination: '10 USD'};

/** Creates an order through the proxy, as <cr-checkout> would. */
export async function createOrder(delivery: DeliveryInput = STEAM_10, coin = 'USDC', network = 'Solana'): Promise<Order> {
  const res = await fetch(`${proxyUrl}/v5/orders`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({
      user: {email: 'buyer@example.com'},
      payment: {type: 'via', payment_via: 'USER_WALLET', coin, network},
      deliveries: [{beneficiary_account: 'buyer@example.com', ...delivery}],
      lang: 'en',
    }),
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`create order: ${res.status} ${JSON.stringify(body)}`);
  return parseOrder(body);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `check()` is truthy, at most `timeoutMs`; fails with `what` otherwise. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 5000, stepMs = 20): Promise<NonNullable<T>> {
  const until = performance.now() + timeoutMs;
  for (let i = 0; i < 10_000; i++) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (performance.now() > until) break;
    await sleep(stepMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** The sandbox's logged requests for one order and endpoint (`subscribe` or `order`). */
export async function requestsFor(orderId: string, endpoint: 'subscribe' | 'order'): Promise<LoggedRequest[]> {
  const {requests} = await controls.stats();
  return requests.filter((r) => r.endpoint === endpoint && r.path.toLowerCase().includes(orderId.toLowerCase()));
}

/** Removes one fault by id (never all: other spec files share the sandbox and may have faults of their own). */
export async function removeFault(id: number): Promise<void> {
  await fetch(`${sandboxUrl.replace(/\/+$/, '')}/__sandbox/faults/${id}`, {method: 'DELETE'});
}

/** A fresh store name per test, so no test sees another's order. */
let storeCount = 0;
export const freshStore = () => `status-test-${Date.now().toString(36)}-${++storeCount}`;

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const trackers: OrderTracker[] = [];

/** Stops every tracker `track` started (a suite's teardown). */
export function stopTrackers(): void {
  for (const t of trackers.splice(0)) t.stop();
}


/** Starts a tracker of `order` (an order, or its id) through the real proxy; what it reports is collected. */
export function track(order: Order | string, options: Partial<OrderTrackerOptions> = {}) {
  const updates: OrderUpdate[] = [];
  const errors: {code: string; fatal: boolean}[] = [];
  const orderId = typeof order === 'string' ? order : order.order_id;
  const tracker = new OrderTracker({
    proxyUrl,
    orderId,
    initialOrder: typeof order === 'string' ? undefined : order,
    onUpdate: (u) => updates.push(u),
    onError: (e, fatal) => errors.push({code: e.code, fatal}),
    baseDelayMs: 100,
    ...options,
  });
  trackers.push(tracker);
  tracker.start();
  return {tracker, updates, errors, changes: () => updates.filter((u) => u.stateChanged)};
}
