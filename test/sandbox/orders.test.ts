import {test} from 'node:test';
import assert from 'node:assert/strict';
import {BUYER, createOrder, eventually, orderBody, STEAM_10, useSandbox} from './support/harness.js';
import {Order} from './support/schemas.js';
import {base58checkVersion, base58Decode, isBech32} from './support/address-check.js';
import {invoiceTimes} from '../../src/elements/shared/bolt11.js';
import {LIGHTNING_EXPIRY_SECONDS} from '../../src/sandbox/addresses.js';

const h = useSandbox({autopilotStepMs: 40});

test('create returns a full Order in upstream shape', async () => {
  const order = await createOrder(h);
  Order.parse(order);
  assert.match(order.order_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok(Math.abs(Number(order.created_at) - Date.now() / 1000) < 60, 'created_at: epoch seconds');
  assert.equal(typeof order.created_at, 'string');
  assert.equal(order.order_state, 'WaitingForPayment');
  assert.equal(order.payment_state, 'WalletCreated');
  assert.equal(order.sent_coin_amount, '0');
  assert.equal(typeof order.payment_value, 'number');
  assert.equal(order.user.email, BUYER);
  assert.equal(order.coin, 'USDC');
  assert.equal(order.network, 'Solana');
  assert.equal(order.payment_method, 'USDC-SOL');
  assert.equal(order.qr_url, `${h.url}/v3/qrs/${order.order_id}`);
  assert.equal(order.deliveries[0].delivery_state, 'WaitingForPayment');
  assert.equal(order.deliveries[0].deliverable.localized_denomination, '$10');
  assert.deepEqual(await h.getJson(`/v5/orders/${order.order_id}`), order);
});

test('GET /v5/orders/{id} and /v3/qrs/{id} answer 404 {message} for unknown ids', async () => {
  for (const path of ['/v5/orders/00000000-0000-4000-8000-000000000000', '/v3/qrs/00000000-0000-4000-8000-000000000000']) {
    const res = await h.get(path);
    assert.equal(res.status, 404);
    assert.equal(typeof (await res.json()).message, 'string');
  }
  assert.equal((await h.get('/v5/orders/not-a-uuid')).status, 404);
  assert.equal((await h.get('/v9/nothing')).status, 404);
  assert.equal((await fetch(`${h.url}/v5/orders`, {method: 'GET'})).status, 405);
});

test('qr_text and wallet_address per coin and network', async () => {
  const cases: [string, string, (o: any) => void][] = [
    ['BTC', 'Mainnet', (o) => {
      assert.ok(isBech32(o.wallet_address, 'bc'), o.wallet_address);
      assert.equal(o.qr_text, `bitcoin:${o.wallet_address}?amount=${o.coin_amount}`);
      assert.equal(o.payment_method, 'BTC');
    }],
    ['BTC', 'Lightning', (o) => {
      assert.match(o.wallet_address, /^lnbc\d+n1p/);
      assert.equal(o.qr_text, `lightning:${o.wallet_address}`);
      assert.equal(o.payment_method, 'BTC-LIGHTNING');
      assert.equal(o.payment_method_protocol, 'LIGHTNING_LIKE');
      // lnbc<nano-BTC>n: the invoice's amount is the order's amount.
      assert.equal(Number(/^lnbc(\d+)n/.exec(o.wallet_address)![1]) / 1e9, Number(o.coin_amount));
      // It reads as a BOLT11 invoice (the widget's parser): created with the order, payable for 15 minutes.
      assert.deepEqual(invoiceTimes(o.wallet_address), {timestamp: Number(o.created_at), expiry: LIGHTNING_EXPIRY_SECONDS});
      assert.equal(LIGHTNING_EXPIRY_SECONDS, 900);
    }],
    ['ETH', 'ETH Mainnet', (o) => {
      assert.match(o.wallet_address, /^0x[0-9a-f]{40}$/);
      const wei = BigInt(Math.round(Number(o.coin_amount) * 1e8)) * 10n ** 10n;
      assert.equal(o.qr_text, `ethereum:${o.wallet_address}@1?value=${wei}`);
    }],
    ['USDC', 'Base', (o) => {
      const units = BigInt(Math.round(Number(o.coin_amount) * 1e6));
      assert.equal(o.qr_text, `ethereum:0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913@8453/transfer?address=${o.wallet_address}&uint256=${units}`);
      assert.equal(o.payment_method, 'USDC-BASE');
    }],
    ['USDT', 'Polygon (Matic)', (o) => assert.match(o.qr_text, /^ethereum:0xc2132D05D31c914a87C6611C10748AEb04B58e8F@137\/transfer\?address=0x[0-9a-f]{40}&uint256=\d+$/)],
    ['USDC', 'Solana', (o) => {
      assert.equal(base58Decode(o.wallet_address).length, 32);
      assert.equal(o.qr_text, `solana:${o.wallet_address}?amount=${o.coin_amount}&spl-token=EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v`);
    }],
    ['SOL', 'Solana', (o) => assert.equal(o.qr_text, `solana:${o.wallet_address}?amount=${o.coin_amount}`)],
    ['TRX', 'Tron', (o) => {
      assert.match(o.wallet_address, /^T[1-9A-HJ-NP-Za-km-z]{33}$/);
      assert.equal(base58checkVersion(o.wallet_address), 0x41);
      assert.equal(o.qr_text, o.wallet_address);
    }],
    ['LTC', 'Mainnet', (o) => {
      assert.ok(isBech32(o.wallet_address, 'ltc'));
      assert.equal(o.qr_text, o.wallet_address);
    }],
  ];
  for (const [coin, network, check] of cases) {
    const order = await createOrder(h, orderBody(STEAM_10, {coin, network}));
    Order.parse(order);
    assert.equal(order.coin, coin);
    assert.equal(order.network, network);
    check(order);
  }
});

test('no network: the coin\'s default network', async () => {
  const btc = await createOrder(h, orderBody(STEAM_10, {coin: 'BTC', network: null}));
  assert.equal(btc.network, 'Mainnet');
  const usdc = await createOrder(h, orderBody(STEAM_10, {coin: 'USDC', network: null}));
  assert.equal(usdc.network, 'Polygon (Matic)');
  assert.equal(usdc.payment_method, 'USDC-MATIC');
});

test('GET /v3/qrs/{id} serves an SVG QR code', async () => {
  const order = await createOrder(h);
  const res = await h.get(`/v3/qrs/${order.order_id}`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/svg+xml');
  const svg = await res.text();
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.ok(svg.length > 1000);
});

async function act(id: string, action: string, body: Record<string, unknown> = {}) {
  return h.controls.act(id, action as never, body);
}

test('lifecycle: pay exact → seen → confirm → deliver, versions growing', async () => {
  const order = await createOrder(h);
  const id = order.order_id;
  const steps: [string, Record<string, unknown>, string, string][] = [
    ['pay', {amount: 'exact'}, 'PaymentStarted', 'PaymentRequested'],
    ['seen', {}, 'PaymentReceived', 'PaymentReceived'],
    ['confirm', {}, 'WaitingForDelivery', 'PaymentCompleted'],
    ['deliver', {}, 'Done', 'PaymentCompleted'],
  ];
  let version = 1;
  for (const [action, body, state, payment] of steps) {
    const result = await act(id, action, body);
    assert.equal(result.version, version + 1, action);
    version = result.version;
    const now = await h.getJson(`/v5/orders/${id}`);
    Order.parse(now);
    assert.equal(now.order_state, state, action);
    assert.equal(now.payment_state, payment, action);
  }
  const done = await h.getJson(`/v5/orders/${id}`);
  // The captured Done order has no sent_coin_amount (see upstream-shapes.test.ts); the paid states before it do.
  assert.equal(done.sent_coin_amount, undefined);
  assert.equal(done.deliveries[0].delivery_state, 'Done');
  assert.match(done.deliveries[0].deliverable.pin_code, /^[A-Z0-9]{4}-[A-Z0-9]{6}-[A-Z0-9]{4}$/);
  assert.ok(done.deliveries[0].deliverable.pin_serial);
  assert.ok(done.deliveries[0].deliverable.security_code);
  assert.match(done.deliveries[0].deliverable.redeem_instructions, /<ol>.*onerror=/);
});

test('under-pay and over-pay', async () => {
  const a = await createOrder(h);
  const under = (await act(a.order_id, 'pay', {amount: 'under'})).order as any;
  assert.equal(under.order_state, 'PartialPaymentStarted');
  assert.ok(Number(under.sent_coin_amount) > 0 && Number(under.sent_coin_amount) < Number(under.coin_amount));
  const b = await createOrder(h);
  const over = (await act(b.order_id, 'pay', {amount: 'over'})).order as any;
  assert.equal(over.order_state, 'PaymentStarted');
  assert.ok(Number(over.sent_coin_amount) > Number(over.coin_amount));
  await assert.rejects(act(b.order_id, 'pay', {amount: 'lots'}), /400/);
});

test('failures and review: expire, fail, review, refund, cancel, arbitrary state', async () => {
  const expect: [string, Record<string, unknown>, string, string?][] = [
    ['expire', {}, 'Expired', 'Expired'],
    ['fail', {}, 'PaymentFailed'],
    ['review', {}, 'WaitingForManualAction'],
    ['refund', {}, 'Refunded'],
    ['cancel', {}, 'Canceled'],
    ['state', {order_state: 'QuantumLimbo', payment_state: 'Wobbly'}, 'QuantumLimbo', 'Wobbly'],
  ];
  for (const [action, body, state, payment] of expect) {
    const order = await createOrder(h);
    const result = (await act(order.order_id, action, body)).order as any;
    assert.equal(result.order_state, state, action);
    if (payment) assert.equal(result.payment_state, payment, action);
  }
  const paid = await createOrder(h);
  await act(paid.order_id, 'pay');
  assert.equal(((await act(paid.order_id, 'expire')).order as any).payment_state, 'ExpiredAfterPaymentDetection');
  await assert.rejects(act(paid.order_id, 'state', {}), /400/);
  await assert.rejects(act(paid.order_id, 'explode'), /400/);
  await assert.rejects(act('00000000-0000-4000-8000-000000000000', 'pay'), /404/);
});

test('deliverables per product: redemption link, barcode, eSIM (LPA + QR image), top-up without code', async () => {
  const deliver = async (body: Record<string, unknown>) => {
    const order = await createOrder(h, body);
    return ((await act(order.order_id, 'deliver')).order as any).deliveries[0].deliverable;
  };
  const link = await deliver(orderBody({brand_name: 'Airbnb', country_code: 'US', denomination: 'range', product_value: 100}));
  assert.match(link.pin_code, /^https:\/\//);
  assert.equal(link.denomination, '100 USD');
  const barcode = await deliver(orderBody({brand_name: 'Amazon.com', country_code: 'US', denomination: 'range', product_value: 25}));
  const img = await fetch(barcode.barcode_image_url);
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/svg+xml');
  const esim = await deliver(orderBody({brand_name: 'eSIM', country_code: 'DE', denomination: '3 GB 30 days'}));
  assert.match(esim.pin_code, /^LPA:1\$[^$]+\$[A-Z0-9]+$/);
  assert.equal(esim.denomination, '3 GB 30 days');
  const qr = await fetch(esim.qr_image_url);
  assert.equal(qr.status, 200);
  assert.match(await qr.text(), /^<svg/);
  const topUp = await deliver(orderBody({brand_name: 'Globe Telecom', country_code: 'PH', denomination: '100 PHP', beneficiary_account: '+639171234567'}));
  assert.equal(topUp.pin_code, undefined);
  assert.equal(topUp.delivery_type, 'by_phone');
  assert.equal(topUp.beneficiary_account, '+639171234567');
  assert.equal((await fetch(`${h.url}/assets/00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-000000000000/barcode.svg`)).status, 404);
});

test('auto-pilot: after pay, the order completes by itself', async () => {
  await h.controls.autopilot(true);
  const order = await createOrder(h);
  await act(order.order_id, 'pay');
  const seen: string[] = [];
  await eventually(async () => {
    const now = await h.getJson(`/v5/orders/${order.order_id}`);
    if (seen.at(-1) !== now.order_state) seen.push(now.order_state);
    return now.order_state === 'Done';
  }, 3000, 'Done');
  assert.equal(seen.at(-1), 'Done');
  const {version} = await (await fetch(`${h.url}/__sandbox/orders/${order.order_id}`)).json();
  assert.equal(version, 5, 'created, pay, seen, confirm, deliver');
  // Without auto-pilot nothing moves.
  await h.controls.autopilot(false);
  const still = await createOrder(h);
  await act(still.order_id, 'pay');
  await new Promise((r) => setTimeout(r, 200));
  assert.equal((await h.getJson(`/v5/orders/${still.order_id}`)).order_state, 'PaymentStarted');
});

test('an unpaid order expires by itself after the payment window', async () => {
  await h.controls.config({paymentWindowSeconds: 0.1});
  const order = await createOrder(h);
  await eventually(async () => (await h.getJson(`/v5/orders/${order.order_id}`)).order_state === 'Expired', 2000, 'Expired');
  const paid = await createOrder(h);
  await act(paid.order_id, 'pay');
  await new Promise((r) => setTimeout(r, 250));
  assert.equal((await h.getJson(`/v5/orders/${paid.order_id}`)).order_state, 'PaymentStarted', 'a paid order does not expire');
});
