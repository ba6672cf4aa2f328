import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createOrder, eventually, SseClient, useSandbox} from './support/harness.js';

const h = useSandbox({keepAliveMs: 5000});
const subscribe = (id: string) => SseClient.open(`${h.url}/v5/orders/${id}/subscribe`);

async function withStream(fn: (sse: SseClient, id: string) => Promise<void>): Promise<void> {
  const order = await createOrder(h);
  const sse = await subscribe(order.order_id);
  try {
    await sse.next(); // the snapshot
    await fn(sse, order.order_id);
  } finally {
    sse.close();
  }
}

test('drop-stream (now): open streams close at once without stop; later connections work', async () => {
  await withStream(async (sse, id) => {
    const fault = await h.controls.fault({kind: 'drop-stream', orderId: id, times: 1});
    assert.equal(fault.dropped, 1);
    await sse.until(() => sse.ended, 2000, 'dropped');
    assert.ok(!sse.events.some((e) => e.event === 'stop'));
    const again = await subscribe(id);
    try {
      assert.equal((await again.next()).id, '1');
    } finally {
      again.close();
    }
  });
});

test('drop-stream (now) before connecting: the next connection closes before any frame', async () => {
  const order = await createOrder(h);
  await h.controls.fault({kind: 'drop-stream', endpoint: 'subscribe', times: 1});
  const sse = await subscribe(order.order_id);
  try {
    await sse.until(() => sse.ended, 2000, 'dropped');
    assert.equal(sse.events.length, 0);
  } finally {
    sse.close();
  }
  await eventually(async () => (await h.controls.stats()).openStreams === 0, 2000, 'no open streams');
});

test('drop-stream (after-frame): the next frame arrives, then the connection drops', async () => {
  await withStream(async (sse, id) => {
    await h.controls.fault({kind: 'drop-stream', orderId: id, timing: 'after-frame', times: 1});
    await h.controls.act(id, 'pay');
    const frame = await sse.next();
    assert.equal(frame.id, '2');
    await sse.until(() => sse.ended, 2000, 'dropped');
    assert.ok(!sse.events.some((e) => e.event === 'stop'));
  });
});

test('malformed-frame: a `data: {not json` frame before the real one', async () => {
  await withStream(async (sse, id) => {
    await h.controls.fault({kind: 'malformed-frame', times: 1});
    await h.controls.act(id, 'pay');
    const bad = await sse.next();
    assert.equal(bad.data, '{not json');
    assert.throws(() => JSON.parse(bad.data));
    const good = await sse.next();
    assert.equal(good.id, '2');
    assert.equal(JSON.parse(good.data).order_state, 'PaymentStarted');
  });
});

test('duplicate-frame: the same frame twice', async () => {
  await withStream(async (sse, id) => {
    await h.controls.fault({kind: 'duplicate-frame', orderId: id, times: 1});
    await h.controls.act(id, 'pay');
    const first = await sse.next();
    const second = await sse.next();
    assert.deepEqual(second, first);
    await h.controls.act(id, 'seen');
    assert.equal((await sse.next()).id, '3');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(sse.events.length, 4, 'used once only');
  });
});

test('out-of-order-frame: after the current frame, the previous version again', async () => {
  await withStream(async (sse, id) => {
    await h.controls.fault({kind: 'out-of-order-frame', times: 1});
    await h.controls.act(id, 'pay');
    await h.controls.act(id, 'seen');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await sse.next()).id!);
    assert.deepEqual(ids, ['2', '1', '3']);
  });
});

test('unknown-state: order answers and frames carry an unknown order_state', async () => {
  const order = await createOrder(h);
  await h.controls.fault({kind: 'unknown-state', endpoint: 'order', times: 1});
  assert.equal((await h.getJson(`/v5/orders/${order.order_id}`)).order_state, 'QuantumLimbo');
  assert.equal((await h.getJson(`/v5/orders/${order.order_id}`)).order_state, 'WaitingForPayment', 'once only');
  await withStream(async (sse, id) => {
    await h.controls.fault({kind: 'unknown-state', endpoint: 'subscribe', state: 'Teleported', times: 1});
    await h.controls.act(id, 'pay');
    assert.equal(JSON.parse((await sse.next()).data).order_state, 'Teleported');
  });
});

test('slow: delays the chosen endpoint only', async () => {
  await h.controls.fault({kind: 'slow', endpoint: 'paymentVias', ms: 300});
  let t = Date.now();
  assert.equal((await h.get('/v3/payment_vias')).status, 200);
  assert.ok(Date.now() - t >= 280, `took ${Date.now() - t} ms`);
  t = Date.now();
  await h.get('/v2/brands?country_code=US');
  assert.ok(Date.now() - t < 250, 'another endpoint is not slowed');
  t = Date.now();
  await h.get('/v3/payment_vias');
  assert.ok(Date.now() - t >= 280, 'until cleared');
  await h.controls.clearFaults();
  t = Date.now();
  await h.get('/v3/payment_vias');
  assert.ok(Date.now() - t < 250, 'cleared');
});

test('server-error: 500/502/503 with a body; before creating anything', async () => {
  for (const status of [500, 502, 503]) {
    await h.controls.fault({kind: 'server-error', endpoint: 'createOrder', status, times: 1});
    const res = await h.post('/v5/orders', {});
    assert.equal(res.status, status);
    assert.equal(typeof (await res.json()).message, 'string');
  }
  assert.equal((await h.controls.stats()).orders, 0);
  await createOrder(h);
});

test('rate-limit: 429 with Retry-After', async () => {
  await h.controls.fault({kind: 'rate-limit', endpoint: 'brands', retryAfter: 7, times: 2});
  for (let i = 0; i < 2; i++) {
    const res = await h.get('/v2/brands?country_code=US');
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '7');
  }
  assert.equal((await h.get('/v2/brands?country_code=US')).status, 200);
});

test('rate-limit without Retry-After (upstream: it may come): retryAfter null', async () => {
  await h.controls.fault({kind: 'rate-limit', endpoint: 'brands', retryAfter: null, times: 1});
  const res = await h.get('/v2/brands?country_code=US');
  assert.equal(res.status, 429);
  assert.equal(res.headers.get('retry-after'), null);
  assert.equal(typeof (await res.json()).message, 'string');
  await h.controls.fault({kind: 'rate-limit', endpoint: 'brands', times: 1});
  assert.equal((await h.get('/v2/brands?country_code=US')).headers.get('retry-after'), '1', 'the default still sends 1 s');
  assert.equal((await h.get('/v2/brands?country_code=US')).status, 200);
});

test('malformed-json: 200 with a truncated JSON body', async () => {
  const order = await createOrder(h);
  await h.controls.fault({kind: 'malformed-json', endpoint: 'order', orderId: order.order_id, times: 1});
  const other = await createOrder(h);
  assert.equal((await h.getJson(`/v5/orders/${other.order_id}`)).order_id, other.order_id, 'another order is untouched');
  const res = await h.get(`/v5/orders/${order.order_id}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type')!, /^application\/json/);
  const text = await res.text();
  assert.throws(() => JSON.parse(text));
  assert.ok(text.startsWith('{"order_id"'));
  assert.equal((await h.getJson(`/v5/orders/${order.order_id}`)).order_id, order.order_id);
});

test('fault specs are checked, listed and removable', async () => {
  for (const bad of [{kind: 'meteor'}, {kind: 'slow', endpoint: 'nowhere'}, {kind: 'server-error', status: 404}, {kind: 'slow', times: 0}]) {
    const res = await h.post('/__sandbox/faults', bad);
    assert.equal(res.status, 400, JSON.stringify(bad));
  }
  const {id} = await h.controls.fault({kind: 'slow', ms: 1});
  assert.equal((await h.controls.stats()).faults.length, 1);
  assert.equal((await fetch(`${h.url}/__sandbox/faults/${id}`, {method: 'DELETE'})).status, 200);
  assert.equal((await h.controls.stats()).faults.length, 0);
});
