import {test} from 'node:test';
import assert from 'node:assert/strict';
import {useSandbox} from './support/harness.js';
import {Family, PaymentVia, Quote} from './support/schemas.js';

const h = useSandbox();

test('products require family_name or brand_name (400 {message})', async () => {
  const res = await h.get('/v5/products/country/US');
  assert.equal(res.status, 400);
  assert.equal(typeof (await res.json()).message, 'string');
});

test('family_name and brand_name match case-insensitively', async () => {
  for (const q of ['family_name=airbnb', 'family_name=AIRBNB', 'brand_name=airbnb', 'family_name=Airbnb']) {
    const families = await h.getJson(`/v5/products/country/us?${q}`);
    assert.equal(families.length, 1, q);
    assert.equal(families[0].family, 'Airbnb');
    Family.parse(families[0]);
  }
  assert.deepEqual(await h.getJson('/v5/products/country/US?family_name=Nope'), []);
});

test('fixed products: denomination, localized_denomination, coin_amount in the asked coin with its decimals', async () => {
  const [steam] = await h.getJson('/v5/products/country/US?family_name=Steam&coin=BTC&lang=de');
  Family.parse(steam);
  const ten = steam.products.find((p: any) => p.denomination === '10 USD');
  assert.equal(ten.localized_denomination, '$10');
  assert.equal(ten.is_dynamic, false);
  assert.deepEqual(ten.face_value, {currency_code: 'USD', amount: {type: 'fixed', price: '10'}});
  assert.equal(ten.coin, 'BTC');
  assert.equal(ten.payment_method, 'BTC');
  assert.match(ten.coin_amount, /^0\.\d{8}$/);
  const btc = Number(ten.coin_amount);
  assert.ok(btc > 0.00005 && btc < 0.0005, `10 USD is ${btc} BTC`);
  const [usdc] = await h.getJson('/v5/products/country/US?family_name=Steam');
  const tenUsdc = usdc.products.find((p: any) => p.denomination === '10 USD');
  assert.equal(tenUsdc.coin, 'USDC');
  assert.match(tenUsdc.coin_amount, /^10\.\d{2}$/, 'stablecoins: 1:1 plus a small fee');
  assert.equal(tenUsdc.payment_method, 'USDC-MATIC');
  assert.equal((await h.get('/v5/products/country/US?family_name=Steam&coin=NOPE')).status, 400);
});

test('range products: range, face_value bounds, default; default_denomination empty', async () => {
  const [amazon] = await h.getJson('/v5/products/country/US?family_name=Amazon.com');
  assert.equal(amazon.default_denomination, '');
  const [p] = amazon.products;
  assert.equal(p.is_dynamic, true);
  assert.deepEqual(p.range, {min: 5, max: 500, currency: 'USD', step_size: 1, default: '500.0'});
  assert.deepEqual(p.face_value.amount, {type: 'range', min: {amount: 5, currency: 'USD'}, max: {amount: 500, currency: 'USD'}});
  const [airbnb] = await h.getJson('/v5/products/country/US?family_name=Airbnb');
  assert.deepEqual(airbnb.products[0].face_value.amount, {type: 'range', min: '50.00', max: '500.00'});
});

test('top-ups are by_phone (US, NG, PH); eSIM plans carry benefits with -1 for unlimited', async () => {
  for (const [cc, family] of [['US', 'T-Mobile'], ['NG', 'MTN'], ['PH', 'Globe'], ['NG', 'Airtel'], ['PH', 'Smart']]) {
    const [f] = await h.getJson(`/v5/products/country/${cc}?family_name=${family}`);
    assert.equal(f.kind, 'mobile_recharge', family);
    for (const p of f.products) assert.equal(p.delivery_type, 'by_phone', family);
  }
  const [mtn] = await h.getJson('/v5/products/country/NG?family_name=MTN');
  assert.ok(mtn.products.some((p: any) => p.denomination === '500 NGN' && p.localized_denomination === '₦500'));
  const [esim] = await h.getJson('/v5/products/country/GB?family_name=esim');
  assert.equal(esim.category, 'e-sim');
  assert.equal(esim.brand, 'eSIM');
  const plan = esim.products.find((p: any) => p.denomination === '1 GB 7 days');
  assert.ok(plan);
  assert.equal(plan.delivery_type, 'by_email');
  assert.ok(plan.benefits.length >= 2);
  const unlimited = esim.products.find((p: any) => /^Unlimited/.test(p.denomination));
  assert.ok(unlimited.benefits.some((b: any) => b.amount === -1));
});

test('rich descriptions: safe HTML beside script, handler, javascript:, iframe, remote image and style traps', async () => {
  const [amazon] = await h.getJson('/v5/products/country/US?family_name=Amazon.com');
  const all = Object.values(amazon.rich_description).join('\n');
  assert.equal(amazon.rich_description.markup, 'html');
  for (const trap of ['<script>', 'onerror=', 'javascript:', '<iframe', '<img src="http://', '<style>']) assert.ok(all.includes(trap), trap);
  for (const safe of ['<p>', '<ul>', '<li>', '<b>', '<a href="https://']) assert.ok(all.includes(safe), safe);
  const [steam] = await h.getJson('/v5/products/country/US?family_name=Steam');
  const safeText = Object.values(steam.rich_description).join('\n');
  assert.ok(!/script|onerror|javascript:/i.test(safeText));
});

test('the HTML-named brand is found by its family_name', async () => {
  const page = await h.getJson('/v2/brands?country_code=US');
  const trap = page.all_brands.find((b: any) => b.family.includes('<img'));
  const families = await h.getJson(`/v5/products/country/US?family_name=${encodeURIComponent(trap.family)}`);
  assert.equal(families.length, 1);
  assert.equal(families[0].brand, trap.brand);
});

test('GET /v4/products/price quotes range products only, within the range', async () => {
  const quote = await h.getJson('/v4/products/price?brand_name=Airbnb&country_code=US&face_value=100&coin=USDC');
  Quote.parse(quote);
  assert.equal(quote.coin_amount, '101.50');
  const [airbnb] = await h.getJson('/v5/products/country/US?family_name=Airbnb');
  assert.equal(quote.product_id, airbnb.products[0].product_id);
  const btc = await h.getJson('/v4/products/price?brand_name=Airbnb&country_code=US&face_value=100&coin=BTC');
  assert.match(btc.coin_amount, /^0\.\d{8}$/);
  assert.equal((await h.get('/v4/products/price?brand_name=Steam&country_code=US&face_value=10&coin=USDC')).status, 400, 'fixed');
  assert.equal((await h.get('/v4/products/price?brand_name=Airbnb&country_code=US&face_value=10&coin=USDC')).status, 400, 'below');
  assert.equal((await h.get('/v4/products/price?brand_name=Airbnb&country_code=US&face_value=501&coin=USDC')).status, 400, 'above');
  assert.equal((await h.get('/v4/products/price?brand_name=Airbnb&country_code=US&coin=USDC')).status, 400, 'no face value');
});

test('payment vias: USER_WALLET with the documented networks, one suspended coin, one suspended network', async () => {
  const vias = PaymentVia.array().parse(await h.getJson('/v3/payment_vias'));
  const wallet = vias.find((v) => v.name === 'USER_WALLET')!;
  assert.equal(wallet.available, true);
  assert.ok(vias.some((v) => v.name === 'GATE_PAY') && vias.some((v) => v.name === 'KUCOIN_PAY'));
  const networks = (coin: string) => wallet.currencies.find((c) => c.name === coin)!.networks.map((n) => n.name);
  assert.deepEqual(networks('BTC'), ['Mainnet', 'Lightning']);
  assert.ok(networks('ETH').includes('ETH Mainnet'));
  assert.deepEqual([...networks('USDC')].sort(), ['Arbitrum', 'Base', 'ETH Mainnet', 'Polygon (Matic)', 'Solana']);
  assert.deepEqual([...networks('USDT')].sort(), ['ETH Mainnet', 'Polygon (Matic)', 'Tron']);
  const suspendedCoins = wallet.currencies.filter((c) => c.is_suspended).map((c) => c.name);
  assert.deepEqual(suspendedCoins, ['DOGE']);
  const suspendedNetworks = wallet.currencies.flatMap((c) => c.networks.filter((n) => n.is_suspended).map((n) => `${c.name}/${n.name}`));
  assert.deepEqual(suspendedNetworks, ['USDT/Tron']);
  for (const c of wallet.currencies) {
    for (const n of c.networks) {
      assert.ok(n.threshold, `${c.name}/${n.name} threshold`);
      if (['ETH Mainnet', 'Base', 'Polygon (Matic)', 'Arbitrum'].includes(n.name)) assert.equal(typeof n.chain_id, 'number');
      if (['USDC', 'USDT', 'DAI'].includes(c.name)) assert.equal(n.smart_contract?.symbol, c.name, `${c.name}/${n.name} contract`);
    }
  }
  const solUsdc = wallet.currencies.find((c) => c.name === 'USDC')!.networks.find((n) => n.name === 'Solana')!;
  assert.equal(solUsdc.smart_contract?.address, 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v');
});
