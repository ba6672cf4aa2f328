import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {useSandbox} from './support/harness.js';
import {BrandsPage, Family, keyPaths, PaymentVia, Quote} from './support/schemas.js';

const h = useSandbox();
const CURATED = ['US', 'GB', 'DE', 'BR', 'NG', 'PH'];
// The captures of /work/shared/fixtures, copied into the repository's test fixtures.
const captures = JSON.parse(readFileSync(new URL('../fixtures/upstream-captures.json', import.meta.url), 'utf8'));

function allBrands(page: any): any[] {
  const seen = new Map<string, any>();
  for (const b of page.all_brands ?? page.categories.flatMap((c: any) => c.brands)) seen.set(`${b.brand_id}|${b.brand}`, b);
  return [...seen.values()];
}

test('GET /v2/brands answers a BrandsPage for every curated country', async () => {
  for (const cc of CURATED) {
    const page = await h.getJson(`/v2/brands?country_code=${cc}`);
    BrandsPage.parse(page);
    assert.equal(page.country_code, cc);
    for (const b of allBrands(page)) assert.equal(b.country_code, cc);
  }
});

/** The products upstream serves for one brand (asked by family_name, as the widget does). */
async function productsOf(cc: string, brand: any): Promise<any> {
  const families = await h.getJson(`/v5/products/country/${cc}?family_name=${encodeURIComponent(brand.family)}`);
  const family = families.find((f: any) => f.brand === brand.brand);
  assert.ok(family, `${cc} ${brand.brand}: its family is served`);
  Family.parse(family);
  assert.ok(family.products.length > 0, `${cc} ${brand.brand}: has products`);
  return family;
}

const isFixed = (p: any) =>
  p.is_dynamic === false && typeof p.denomination === 'string' && p.range === undefined && p.face_value.amount.type === 'fixed';
const isRange = (p: any) =>
  p.is_dynamic === true && p.denomination === undefined && p.range && p.range.min < p.range.max && p.face_value.amount.type === 'range';

test('each curated country has fixed and range gift cards, by_phone top-ups, an eSIM, an out-of-stock brand, an e-money brand', async () => {
  for (const cc of CURATED) {
    const brands = allBrands(await h.getJson(`/v2/brands?country_code=${cc}`));
    const families = new Map<any, any>();
    for (const b of brands) families.set(b, await productsOf(cc, b));
    const products = (b: any) => families.get(b).products as any[];

    // Gift cards a guest can buy: kind giftcard, in stock, not e-money (which needs a verified user).
    const giftCards = brands.filter((b) => b.kind === 'giftcard' && b.category !== 'e-money' && !b.is_out_of_stock);
    assert.ok(giftCards.some((b) => products(b).every(isFixed)), `${cc}: a fixed-denomination gift card`);
    assert.ok(giftCards.some((b) => products(b).every(isRange)), `${cc}: a range gift card`);

    const topUps = brands.filter((b) => b.kind === 'mobile_recharge' && b.category !== 'e-sim');
    assert.ok(topUps.length > 0, `${cc}: a mobile top-up`);
    for (const b of topUps) for (const p of products(b)) assert.equal(p.delivery_type, 'by_phone', `${cc} ${b.brand}: top-ups are by_phone`);

    const esim = brands.find((b) => b.brand === 'eSIM');
    assert.ok(esim, `${cc}: an eSIM`);
    assert.equal(esim.kind, 'mobile_recharge', `${cc} eSIM kind`);
    assert.equal(esim.category, 'e-sim', `${cc} eSIM category`);
    assert.ok(products(esim).every((p) => isFixed(p) && p.delivery_type === 'by_email' && p.benefits?.length > 0), `${cc}: eSIM plans`);

    const outOfStock = brands.filter((b) => b.is_out_of_stock);
    assert.ok(outOfStock.length > 0, `${cc}: an out-of-stock brand`);
    for (const b of outOfStock) assert.equal(families.get(b).is_out_of_stock, true, `${cc} ${b.brand}: out of stock in its products too`);

    assert.ok(brands.some((b) => b.category === 'e-money'), `${cc}: an e-money brand`);
  }
});

test('quirks: short brand ids beside UUIDs, categories repeat brands, all_brands absent for BR, an e-money brand', async () => {
  const us = await h.getJson('/v2/brands?country_code=US');
  const ids = allBrands(us).map((b) => b.brand_id);
  assert.ok(ids.some((id) => /^[0-9a-f]{8}$/.test(id)), 'a short id');
  assert.ok(ids.some((id) => /^[0-9a-f-]{36}$/.test(id)), 'a UUID');
  const inCategories = us.categories.flatMap((c: any) => c.brands);
  assert.ok(inCategories.length > us.all_brands.length, 'categories repeat brands');
  const amazon = inCategories.filter((b: any) => b.brand === 'Amazon.com');
  assert.ok(amazon.length >= 2);
  assert.ok(allBrands(us).some((b) => b.category === 'e-money'));
  const br = await h.getJson('/v2/brands?country_code=BR');
  assert.equal(br.all_brands, undefined);
  assert.ok(br.categories.length > 0);
});

test('one brand carries HTML-looking names; one brand has min/max labels for eSIM plans', async () => {
  const brands = allBrands(await h.getJson('/v2/brands?country_code=US'));
  const trap = brands.find((b) => b.family.includes('<img'));
  assert.ok(trap);
  assert.match(trap.family, /onerror=alert\(1\)/);
  const esim = brands.find((b) => b.brand === 'eSIM');
  assert.equal(esim.min, '1 GB 7 days');
  assert.equal(esim.max, '50 GB 90 days');
});

test('logo URLs point at the sandbox itself', async () => {
  const brands = allBrands(await h.getJson('/v2/brands?country_code=DE'));
  for (const b of brands) {
    assert.equal(b.logo_url.startsWith(`${h.url}/logos/`), true);
    // Out-of-stock brands come without logo_base_url, as captured (upstream-shapes.test.ts).
    if (!b.is_out_of_stock) assert.equal(b.logo_url, `${b.logo_base_url}.webp`);
  }
});

test('IN has 2,000 brands and CN 10,000, generated the same way every time', async () => {
  const t0 = Date.now();
  const india = await h.getJson('/v2/brands?country_code=IN');
  BrandsPage.parse(india);
  assert.equal(india.all_brands.length, 2000);
  const names = new Set(india.all_brands.map((b: any) => b.brand));
  assert.equal(names.size, india.all_brands.length, 'brand names are unique');
  const china = await h.getJson('/v2/brands?country_code=CN');
  assert.equal(china.all_brands.length, 10000);
  assert.ok(Date.now() - t0 < 20000);
  const again = await h.getJson('/v2/brands?country_code=IN');
  assert.deepEqual(again.all_brands.slice(0, 50), india.all_brands.slice(0, 50));
  // A generated brand has products too.
  const pick = india.all_brands[123];
  const families = await h.getJson(`/v5/products/country/IN?brand_name=${encodeURIComponent(pick.brand)}`);
  assert.equal(families.length, 1);
  Family.parse(families[0]);
});

test('an unlisted country gets a small catalogue; a malformed country_code is a 400', async () => {
  const fr = await h.getJson('/v2/brands?country_code=fr');
  assert.equal(fr.country_code, 'FR');
  assert.ok(allBrands(fr).length >= 2);
  const bad = await h.get('/v2/brands?country_code=FRA');
  assert.equal(bad.status, 400);
  assert.equal(typeof (await bad.json()).message, 'string');
  assert.equal((await h.get('/v2/brands')).status, 400);
});

test('GET /v2/homepage answers an object', async () => {
  const home = await h.getJson('/v2/homepage?country_code=US');
  assert.equal(home.country_code, 'US');
});

test('the sandbox answers every key the captures show', async () => {
  const brandsKeys = keyPaths(await h.getJson('/v2/brands?country_code=US'));
  for (const k of keyPaths(captures.captured['GET /v2/brands?country_code=US'])) assert.ok(brandsKeys.has(k), `brands: ${k}`);
  const amazon = await h.getJson('/v5/products/country/US?family_name=Amazon.com&coin=BTC');
  const familyKeys = keyPaths(amazon);
  for (const k of keyPaths(captures.captured['GET /v5/products/country/US?family_name=Amazon.com'])) assert.ok(familyKeys.has(k), `products: ${k}`);
  const steam = await h.getJson('/v5/products/country/US?family_name=Steam');
  const productKeys = keyPaths(steam[0].products[0]);
  for (const k of keyPaths(captures.observed['GET /v5/products/country/US?family_name=Steam (fixed product)'])) assert.ok(productKeys.has(k), `fixed product: ${k}`);
  const airbnb = await h.getJson('/v5/products/country/US?family_name=airbnb');
  const rangeKeys = keyPaths(airbnb[0].products[0]);
  for (const k of keyPaths(captures.observed['GET /v5/products/country/US?family_name=airbnb (range product)'])) assert.ok(rangeKeys.has(k), `range product: ${k}`);
  assert.equal(typeof airbnb[0].products[0].face_value.amount.min, 'string', 'airbnb range bounds are strings');
  assert.equal(typeof amazon[0].products[0].face_value.amount.min, 'object', 'amazon range bounds are objects');
  const quote = await h.getJson('/v4/products/price?brand_name=Amazon.com&country_code=US&face_value=25&coin=BTC');
  Quote.parse(quote);
  const quoteKeys = keyPaths(quote);
  for (const k of keyPaths(captures.captured['GET /v4/products/price'])) assert.ok(quoteKeys.has(k), `price: ${k}`);
  const vias = await h.getJson('/v3/payment_vias');
  const viaKeys = keyPaths(vias);
  for (const k of keyPaths(captures.observed['GET /v3/payment_vias (USDC on Solana entry)'])) assert.ok(viaKeys.has(k), `payment vias: ${k}`);
  PaymentVia.array().parse(vias);
});
