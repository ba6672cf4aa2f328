import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createOrder, eventually, SseClient, useSandbox} from './support/harness.js';
import {Order} from './support/schemas.js';

const h = useSandbox({keepAliveMs: 60});
const subscribe = (id: string, headers?: Record<string, string>) => SseClient.open(`${h.url}/v5/orders/${id}/subscribe`, headers);
const openStreams = async () => (await h.controls.stats()).openStreams;

test('headers at once, a snapshot first (id = version), then one frame per change, stop after a terminal state', async () => {
  const order = await createOrder(h);
  const sse = await subscribe(order.order_id);
  try {
    assert.equal(sse.status, 200);
    assert.match(sse.headers!.get('content-type')!, /^text\/event-stream/);
    assert.equal(sse.headers!.get('cache-control'), 'no-cache, no-transform');
    const snapshot = await sse.next();
    assert.equal(snapshot.event, 'message');
    assert.equal(snapshot.id, '1');
    assert.deepEqual(JSON.parse(snapshot.data), order);
    await h.controls.act(order.order_id, 'pay');
    const paid = await sse.next();
    assert.equal(paid.id, '2');
    Order.parse(JSON.parse(paid.data));
    assert.equal(JSON.parse(paid.data).order_state, 'PaymentStarted');
    await h.controls.act(order.order_id, 'deliver');
    const done = await sse.next();
    assert.equal(JSON.parse(done.data).order_state, 'Done');
    const stop = await sse.next();
    assert.equal(stop.event, 'stop');
    assert.equal(stop.data, '{}');
    await sse.until(() => sse.ended, 2000, 'end');
    await eventually(async () => (await openStreams()) === 0, 2000, 'no open stream');
  } finally {
    sse.close();
  }
});

test('unknown order: event stop, then the stream ends', async () => {
  const sse = await subscribe('00000000-0000-4000-8000-000000000000');
  try {
    const stop = await sse.next();
    assert.equal(stop.event, 'stop');
    await sse.until(() => sse.ended, 2000, 'end');
  } finally {
    sse.close();
  }
});

test('a terminal order sends its snapshot then stop', async () => {
  const order = await createOrder(h);
  await h.controls.act(order.order_id, 'expire');
  const sse = await subscribe(order.order_id);
  try {
    assert.equal(JSON.parse((await sse.next()).data).order_state, 'Expired');
    assert.equal((await sse.next()).event, 'stop');
  } finally {
    sse.close();
  }
});

test('keep-alive comments arrive at the configured interval', async () => {
  const order = await createOrder(h);
  const sse = await subscribe(order.order_id);
  try {
    await sse.until(() => sse.comments.filter((c) => c === 'keep-alive').length >= 2, 2000, 'two keep-alives');
  } finally {
    sse.close();
  }
});

test('Last-Event-ID: no snapshot when current, the newest snapshot when behind (no change missed)', async () => {
  const order = await createOrder(h);
  await h.controls.act(order.order_id, 'pay');
  // Current (version 2): nothing is resent, the next change still comes.
  const current = await subscribe(order.order_id, {'Last-Event-ID': '2'});
  try {
    await sse_quiet(current, 150);
    assert.equal(current.events.length, 0);
    await h.controls.act(order.order_id, 'seen');
    const next = await current.next();
    assert.equal(next.id, '3');
  } finally {
    current.close();
  }
  // Behind (version 1 seen, now 4 after confirm): the newest snapshot at once.
  await h.controls.act(order.order_id, 'confirm');
  const behind = await subscribe(order.order_id, {'Last-Event-ID': '1'});
  try {
    const snap = await behind.next();
    assert.equal(snap.id, '4');
    assert.equal(JSON.parse(snap.data).order_state, 'WaitingForDelivery');
  } finally {
    behind.close();
  }
  // Already has the terminal version: just stop.
  await h.controls.act(order.order_id, 'deliver');
  const finished = await subscribe(order.order_id, {'Last-Event-ID': '5'});
  try {
    assert.equal((await finished.next()).event, 'stop');
  } finally {
    finished.close();
  }
});

async function sse_quiet(client: SseClient, ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  assert.equal(client.ended, false);
}

test('every open stream of the order gets each frame; the count of open streams returns to 0', async () => {
  const order = await createOrder(h);
  const other = await createOrder(h);
  const a = await subscribe(order.order_id);
  const b = await subscribe(order.order_id);
  const c = await subscribe(other.order_id);
  try {
    await Promise.all([a.next(), b.next(), c.next()]);
    assert.equal(await openStreams(), 3);
    await h.controls.act(order.order_id, 'pay');
    assert.equal((await a.next()).id, '2');
    assert.equal((await b.next()).id, '2');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(c.events.length, 1, 'another order\'s stream gets nothing');
  } finally {
    a.close();
    b.close();
    c.close();
  }
  await eventually(async () => (await openStreams()) === 0, 2000, 'streams closed');
});

test('reset ends open streams', async () => {
  const order = await createOrder(h);
  const sse = await subscribe(order.order_id);
  try {
    await sse.next();
    await h.controls.reset();
    await sse.until(() => sse.ended, 2000, 'end');
    assert.equal(await openStreams(), 0);
  } finally {
    sse.close();
  }
});
