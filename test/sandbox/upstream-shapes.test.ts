// The sandbox answers in the shapes captured from production (/work/shared/fixtures/upstream-captures.json via
// UPSTREAM.md), including the fields upstream leaves out, so a widget that relies on an optional field fails here
// rather than in production.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {createOrder, useSandbox} from './support/harness.js';
import {Order} from './support/schemas.js';

const captures = JSON.parse(readFileSync(new URL('../fixtures/upstream-captures.json', import.meta.url), 'utf8'));

const h = useSandbox();

test('a delivered order is read in the captured GET (Done) shape: no qr_text, qr_url, sent_coin_amount, payment_value, user, localized_denomination', async () => {
  const order = await createOrder(h);
  await h.controls.act(order.order_id, 'pay');
  await h.controls.act(order.order_id, 'deliver');
  const done = await h.getJson(`/v5/orders/${order.order_id}`);
  Order.parse(captures.captured['GET /v5/orders/{id} (Done)']);
  Order.parse(done);
  assert.equal(done.order_state, 'Done');
  // Present in the capture.
  for (const key of ['order_id', 'order_state', 'payment_state', 'coin', 'coin_amount', 'wallet_address', 'network', 'payment_method', 'payment_method_protocol', 'created_at', 'updated_at', 'deliveries']) {
    assert.ok(key in done, `${key} is in the captured Done order`);
  }
  // Absent from the capture.
  for (const key of ['qr_url', 'qr_text', 'sent_coin_amount', 'payment_value', 'user', 'original_price', 'payment_id', 'payment_via']) {
    assert.ok(!(key in done), `${key} is not in the captured Done order`);
  }
  const deliverable = done.deliveries[0].deliverable;
  assert.equal(done.deliveries[0].delivery_state, 'Done');
  assert.equal(deliverable.denomination, '10 USD');
  assert.ok(typeof deliverable.pin_code === 'string');
  for (const key of ['localized_denomination', 'points', 'coin_amount', 'currency_code']) {
    assert.ok(!(key in deliverable), `deliverable.${key} is not in the captured Done order`);
  }
  // The QR image still answers (from the wallet address).
  assert.equal((await h.get(`/v3/qrs/${order.order_id}`)).status, 200);
});
