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

test('an out-of-stock brand comes in the captured shape: no logo_base_url, bg_color, additional_categories, product_type', async () => {
  const captured = captures.captured['GET /v2/brands?country_code=US'].categories.flatMap((c: any) => c.brands).find((b: any) => b.is_out_of_stock);
  const page = await h.getJson('/v2/brands?country_code=US');
  const brands = [...page.all_brands, ...page.categories.flatMap((c: any) => c.brands)];
  const outOfStock = brands.filter((b: any) => b.is_out_of_stock);
  assert.ok(outOfStock.length > 0, 'the US catalogue has an out-of-stock brand');
  for (const brand of outOfStock) {
    for (const key of ['logo_base_url', 'bg_color', 'additional_categories', 'product_type']) {
      assert.ok(!(key in captured), `the capture has no ${key}`);
      assert.ok(!(key in brand), `${brand.brand}: no ${key}`);
    }
    for (const key of Object.keys(captured)) assert.ok(key in brand, `${brand.brand}: ${key} as captured`);
  }
  assert.ok(brands.some((b: any) => !b.is_out_of_stock && typeof b.logo_base_url === 'string' && typeof b.bg_color === 'string'), 'in-stock brands keep them');
});
