import {test} from 'node:test';
import assert from 'node:assert/strict';
import {VALIDATION_PROBLEM_CODES} from '../../src/upstream/problems.js';
import {orderBody, STEAM_10, useSandbox} from './support/harness.js';
import {Validation} from './support/schemas.js';

const h = useSandbox();

async function validate(body: unknown): Promise<{status: number; json: any}> {
  const res = await h.post('/v5/orders/validations', body);
  return {status: res.status, json: await res.json()};
}
const codes = (v: any): string[] => (v.problems ?? []).map((p: any) => p.problem);

test('a valid order validates with problems: null, flat or nested deliveries alike', async () => {
  const flat = await validate(orderBody(STEAM_10));
  assert.equal(flat.status, 200);
  Validation.parse(flat.json);
  assert.equal(flat.json.problems, null);
  assert.equal(flat.json.coin, 'USDC');
  assert.equal(flat.json.coin_amount, '10.15');
  assert.equal(flat.json.deliveries[0].deliverable.localized_denomination, '$10');
  const nested = await validate(orderBody(STEAM_10, {nested: true}));
  assert.equal(nested.status, 200);
  assert.deepEqual(nested.json, flat.json);
});

test('every validation problem code is reachable by its magic e-mail (case-insensitive)', async () => {
  for (const code of VALIDATION_PROBLEM_CODES) {
    // LOGIN_REQUIRED alone is the HTTP-level 422; `+as_problem` puts it in `problems` instead.
    const local = code === 'LOGIN_REQUIRED' ? 'login_required+as_problem' : code.toLowerCase();
    const {status, json} = await validate(orderBody(STEAM_10, {email: `${local}@sandbox.test`}));
    assert.equal(status, 200, code);
    Validation.parse(json);
    assert.ok(codes(json).includes(code), `${code}: got ${codes(json)}`);
  }
  const upper = await validate(orderBody(STEAM_10, {email: 'KYC_Missing@Sandbox.Test'}));
  assert.deepEqual(codes(upper.json), ['KYC_MISSING']);
});

test('several problems at once', async () => {
  const {json} = await validate(orderBody(STEAM_10, {email: 'out_of_stock+kyc_missing+coupon_expired@sandbox.test'}));
  assert.deepEqual(codes(json).sort(), ['COUPON_EXPIRED', 'KYC_MISSING', 'OUT_OF_STOCK']);
});

test('moreDetails for NOT_ALLOWED_PAYMENT_VIA and UNSUPPORTED_PROTOCOL_COIN_COMBINATION', async () => {
  const via = await validate(orderBody(STEAM_10, {payment_via: 'GATE_PAY'}));
  const p = via.json.problems.find((x: any) => x.problem === 'NOT_ALLOWED_PAYMENT_VIA');
  assert.deepEqual(p.moreDetails, {allowed: ['USER_WALLET']});
  const combo = await validate(orderBody(STEAM_10, {coin: 'BTC', network: 'Solana'}));
  const q = combo.json.problems.find((x: any) => x.problem === 'UNSUPPORTED_PROTOCOL_COIN_COMBINATION');
  assert.ok(q.moreDetails.supported.some((s: any) => s.coin === 'USDC' && s.network === 'Solana'));
  assert.ok(!q.moreDetails.supported.some((s: any) => s.coin === 'DOGE'), 'suspended coins are not offered');
  const unknownCoin = await validate(orderBody(STEAM_10, {coin: 'XYZ', network: 'Mainnet'}));
  assert.ok(codes(unknownCoin.json).includes('UNSUPPORTED_PROTOCOL_COIN_COMBINATION'));
});

test('natural problems: range below min / above max, per-order max, bad beneficiary, out of stock, unknown brand', async () => {
  const airbnb = (value: number) => orderBody({brand_name: 'Airbnb', country_code: 'US', denomination: 'range', product_value: value});
  assert.deepEqual(codes((await validate(airbnb(10))).json), ['AMOUNT_LESS_THEN_MINIMUM_ALLOWED']);
  assert.deepEqual(codes((await validate(airbnb(600))).json), ['MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED']);
  assert.equal((await validate(airbnb(100))).json.problems, null);
  const visa = orderBody({brand_name: 'Visa Prepaid Card', country_code: 'US', denomination: 'range', product_value: 2500});
  assert.deepEqual(codes((await validate(visa)).json), ['MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED']);
  const badMail = orderBody({...STEAM_10, beneficiary_account: 'not-an-email'});
  assert.deepEqual(codes((await validate(badMail)).json), ['INVALID_BENEFICIARY_ACCOUNT']);
  const topUp = (phone: string) => orderBody({brand_name: 'MTN Nigeria', country_code: 'NG', denomination: '500 NGN', beneficiary_account: phone});
  assert.equal((await validate(topUp('+2348031234567'))).json.problems, null);
  assert.deepEqual(codes((await validate(topUp('08031234567'))).json), ['INVALID_BENEFICIARY_ACCOUNT'], 'not E.164');
  assert.deepEqual(codes((await validate(topUp('+14155551234'))).json), ['INVALID_BENEFICIARY_ACCOUNT'], 'another country');
  assert.deepEqual(codes((await validate(topUp('buyer@example.com'))).json), ['INVALID_BENEFICIARY_ACCOUNT'], 'e-mail for a phone product');
  const oos = orderBody({brand_name: 'Best Buy', country_code: 'US', denomination: '25 USD'});
  assert.deepEqual(codes((await validate(oos)).json), ['OUT_OF_STOCK']);
  const nope = orderBody({brand_name: 'Nope', country_code: 'US', denomination: '25 USD'});
  assert.deepEqual(codes((await validate(nope)).json), ['NOT_AVAILABLE_PRODUCT']);
  const blocked = orderBody(STEAM_10, {email: 'someone@mailinator.com'});
  assert.deepEqual(codes((await validate(blocked)).json), ['INVALID_EMAIL_DOMAIN']);
});

test('count limits: more than 10 deliveries, a limited product twice', async () => {
  const body = orderBody(STEAM_10) as any;
  body.deliveries = Array.from({length: 11}, () => body.deliveries[0]);
  assert.ok(codes((await validate(body)).json).includes('PRODUCT_COUNT_EXCEEDED'));
  const esim = orderBody({brand_name: 'eSIM', country_code: 'US', denomination: '1 GB 7 days'}) as any;
  assert.equal((await validate(esim)).json.problems, null);
  esim.deliveries.push(esim.deliveries[0]);
  assert.deepEqual(codes((await validate(esim)).json), ['MULTIPLE_LIMITED_PRODUCT_SAME_ORDER']);
});

test('coupons: SANDBOX10 discounts, a COUPON_* code gives that problem, others are not found', async () => {
  const ok = await validate(orderBody(STEAM_10, {promo_code: 'sandbox10'}));
  assert.equal(ok.json.problems, null);
  assert.equal(ok.json.coupon_code, 'SANDBOX10');
  assert.ok(Number(ok.json.coin_amount) < Number(ok.json.original_coin_amount));
  assert.deepEqual(codes((await validate(orderBody(STEAM_10, {promo_code: 'COUPON_NOT_ACTIVE'}))).json), ['COUPON_NOT_ACTIVE']);
  assert.deepEqual(codes((await validate(orderBody(STEAM_10, {promo_code: 'WHATEVER'}))).json), ['COUPON_NOT_FOUND']);
});

test('fixed products with an unlisted denomination fall back to the default one', async () => {
  const {json} = await validate(orderBody({brand_name: 'Steam', country_code: 'US', denomination: '7 USD'}));
  assert.equal(json.problems, null);
  assert.equal(json.deliveries[0].deliverable.denomination, '20 USD');
});

test('HTTP-level: suspended coin, suspended network, login required (e-money brand or magic e-mail)', async () => {
  const doge = await validate(orderBody(STEAM_10, {coin: 'DOGE', network: 'Mainnet'}));
  assert.equal(doge.status, 400);
  assert.equal(doge.json.status, 'SUSPENDED_COIN');
  assert.equal(typeof doge.json.detail, 'string');
  const tron = await validate(orderBody(STEAM_10, {coin: 'USDT', network: 'Tron'}));
  assert.equal(tron.status, 400);
  assert.equal(tron.json.status, 'SUSPENDED_NETWORK');
  for (const body of [
    orderBody({brand_name: 'Paysafecard', country_code: 'US', denomination: '25 USD'}),
    orderBody(STEAM_10, {email: 'login_required@sandbox.test'}),
  ]) {
    const res = await validate(body);
    assert.equal(res.status, 422);
    assert.deepEqual(res.json, {detail: 'LOGIN_REQUIRED'});
  }
  assert.equal((await validate(orderBody(STEAM_10, {email: 'suspended_coin@sandbox.test'}))).json.status, 'SUSPENDED_COIN');
  assert.equal((await validate(orderBody(STEAM_10, {email: 'suspended_network@sandbox.test'}))).json.status, 'SUSPENDED_NETWORK');
});

test('malformed bodies: bad JSON, no deliveries, no payment → 400 {message}', async () => {
  for (const [path, text] of [
    ['/v5/orders/validations', '{"deliveries": ['],
    ['/v5/orders', '{not json'],
    ['/v5/orders/validations', JSON.stringify({payment: {coin: 'USDC'}, deliveries: []})],
    ['/v5/orders/validations', JSON.stringify({deliveries: [{brand_name: 'Steam'}]})],
  ] as const) {
    const res = await h.postRaw(path, text);
    assert.equal(res.status, 400, text);
    assert.equal(typeof (await res.json()).message, 'string');
  }
});

test('create answers 400 with the Validation body when problems exist, and creates no order', async () => {
  const res = await h.post('/v5/orders', orderBody(STEAM_10, {email: 'out_of_stock@sandbox.test'}));
  assert.equal(res.status, 400);
  const json = await res.json();
  Validation.parse(json);
  assert.deepEqual(codes(json), ['OUT_OF_STOCK']);
  assert.equal((await h.controls.stats()).orders, 0);
  const noEmail = orderBody(STEAM_10) as any;
  delete noEmail.user;
  const missing = await h.post('/v5/orders', noEmail);
  assert.equal(missing.status, 400);
  assert.equal(typeof (await missing.json()).message, 'string');
  // The top-level e-mail of the validations example is not enough to create an order: upstream asks for user.email.
  const legacy = {...noEmail, email: 'buyer@example.com'};
  assert.equal((await h.post('/v5/orders/validations', legacy)).status, 200, 'validations take a top-level email');
  const created = await h.post('/v5/orders', legacy);
  assert.equal(created.status, 400, 'creating needs user.email');
  assert.match((await created.json()).message, /user\.email/);
  assert.equal((await h.controls.stats()).orders, 0, 'nothing was created');
});
