// A <cr-order-status> following the store's order over a fake stream the test writes frames into: what the status
// tests that must say what the sandbox would not (a replay, an unknown shape, a drop at a given moment) start from.
import {fixture, html} from '@open-wc/testing';
import '../../src/define.js';
import type {Order} from '../../src/api/schemas.js';
import type {CrOrderStatus} from '../../src/elements/cr-order-status/cr-order-status.js';
import type {StatusChangeDetail} from '../../src/events.js';
import {getStore} from '../../src/store/store.js';
import {createOrder, freshStore, proxyUrl, waitFor} from '../stream/helpers.js';
import {fakeEventSource, type FakeStream} from './fake-event-source.js';

/** A frame of `data` (JSON) on `stream`, with `id` as its event id when given. */
export function frame(stream: FakeStream, data: unknown, id?: number): void {
  stream.onmessage?.(new MessageEvent('message', {data: JSON.stringify(data), ...(id === undefined ? {} : {lastEventId: String(id)})}));
}

/**
 * A new order in a new store, and a status of that store whose stream is open: the element, its streams (one more per
 * reconnect), the cr-status-change details it fired, and the order as upstream answers it (`raw`, to make frames of).
 */
export async function liveStatus(reconnectDelay = 1000) {
  const order: Order = await createOrder();
  const store = freshStore();
  getStore(store).update({proxyUrl, order});
  const streams: FakeStream[] = [];
  const fake = fakeEventSource((s) => streams.push(s));
  const events: StatusChangeDetail[] = [];
  const el = await fixture<CrOrderStatus>(html`<cr-order-status store=${store} lang="en" .reconnectDelay=${reconnectDelay}
    .eventSource=${fake.EventSource} @cr-status-change=${(e: CustomEvent<StatusChangeDetail>) => events.push(e.detail)}></cr-order-status>`);
  await waitFor(() => el.connection === 'live' && streams.length === 1, 'the stream to open');
  const raw = (await (await fetch(`${proxyUrl}/v5/orders/${order.order_id}`)).json()) as Record<string, unknown> & {deliveries: ({deliverable: Record<string, unknown>} & Record<string, unknown>)[]};
  return {el, streams, events, order, raw};
}
