// Unit tests of the picker's brand index (src/elements/cr-brand-picker/brand-index.ts): tabs, hiding, de-duplication
// and search, on BrandsPages built by hand in the shapes of test/fixtures/upstream-captures.json.
import {assert} from '@open-wc/testing';
import type {Brand, BrandsPage} from '../../src/api/schemas.js';
import {filterBrands, fold, indexBrands, isHidden, tabOf, type IndexedBrand} from '../../src/elements/cr-brand-picker/brand-index.js';

let ids = 0;

/** A brand as upstream sends it in GET /v2/brands (see the US capture), with the given fields changed. */
function brand(family: string, more: Partial<Brand> = {}): Brand {
  const slug = family.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    family,
    brand: family,
    brand_id: (++ids).toString(16).padStart(8, '0'),
    logo_url: `https://cdn.cryptorefills.com/logos_v2/${slug}.webp`,
    logo_base_url: `https://cdn.cryptorefills.com/logos_v2/${slug}`,
    bg_color: '#FFFFFF',
    min: '$5',
    max: '$500',
    kind: 'giftcard',
    category: 'e-commerce',
    additional_categories: [],
    is_out_of_stock: false,
    product_type: 'physical',
    country_code: 'US',
    ...more,
  };
}

function page(all: Brand[] | undefined, categories: {kind: string; category: string; brands: Brand[]}[] = []): BrandsPage {
  return {
    country_code: 'US',
    last_user_purchases: [],
    suggestions: [],
    categories,
    ...(all ? {all_brands: all} : {}),
  } as BrandsPage;
}

const families = (list: readonly IndexedBrand[]) => list.map((e) => e.brand.family);
const brandNames = (list: readonly IndexedBrand[]) => list.map((e) => e.brand.brand);

suite('brand index', () => {
  suite('search (filterBrands)', () => {
    const index = indexBrands(
      page([
        brand('T-Mobile', {brand: 'T-Mobile US', kind: 'mobile_recharge', category: 'mobile_credits'}),
        brand('Verizon', {brand: 'Verizon Prepaid', kind: 'mobile_recharge', category: 'mobile_talk_time'}),
        brand('Binance', {brand: 'Binance Gift Card'}),
        brand('Café Lumière'),
        brand('Golden Café 2'),
        brand('Blue Cafe'),
        brand('Amazon.com'),
        brand('Steam', {category: 'games'}),
        brand('Royal Steam Bazaar', {category: 'games'}),
        brand('Xbox', {category: 'games'}),
      ]),
    );
    const gift = index.byTab.giftcards;
    const topups = index.byTab.topups;

    test('matches the `brand` field, not only `family`', () => {
      // "Prepaid" and "Gift Card" are only in the brand names; the family names do not contain them.
      assert.deepEqual(families(filterBrands(topups, 'prepaid')), ['Verizon']);
      assert.deepEqual(families(filterBrands(gift, 'gift card')), ['Binance']);
      assert.deepEqual(brandNames(filterBrands(topups, 'mobile us')), ['T-Mobile US']);
      // The family still matches.
      assert.deepEqual(families(filterBrands(topups, 'verizon')), ['Verizon']);
    });

    test('accent- and case-insensitive, both ways', () => {
      assert.equal(fold('Café'), 'cafe');
      assert.equal(fold('CAFÉ LUMIÈRE'), 'cafe lumiere');
      const expected = ['Café Lumière', 'Golden Café 2', 'Blue Cafe'];
      assert.sameMembers(families(filterBrands(gift, 'cafe')), expected);
      assert.sameMembers(families(filterBrands(gift, 'CAFÉ')), expected);
      assert.sameMembers(families(filterBrands(gift, 'cAfE')), expected);
      assert.deepEqual(families(filterBrands(gift, 'LUMIERE')), ['Café Lumière']);
      assert.deepEqual(families(filterBrands(gift, 'lumière')), ['Café Lumière']);
      // Letters whose accent is not a separate mark (Polish, Vietnamese, Turkish, Danish, German).
      assert.equal(fold('Łódź'), 'lodz');
      assert.equal(fold('Đà Nẵng'), 'da nang');
      assert.equal(fold('Işık'), 'isik');
      assert.equal(fold('Søstrene Grene'), 'sostrene grene');
      assert.equal(fold('Straße'), 'strasse');
    });

    test('full-width and half-width forms (what a Chinese or Japanese keyboard types) match their usual letters', () => {
      assert.equal(fold('ＳＴＥＡＭ'), 'steam');
      assert.equal(fold('Ｓｔｅａｍ\u3000Ｃａｒｄ'), 'steam card');
      assert.equal(fold('ﾌｧﾐﾘｰﾏｰﾄ'), fold('ファミリーマート'));
      assert.equal(fold('ﬁnd'), 'find');
      assert.deepEqual(families(filterBrands(gift, 'ｓｔｅａｍ')), ['Steam', 'Royal Steam Bazaar']);
      assert.deepEqual(families(filterBrands(gift, 'Ｇｏｌｄｅｎ　ｃａｆé')), ['Golden Café 2']);
    });

    test('every word must match (in any order), not any word', () => {
      assert.deepEqual(families(filterBrands(gift, 'golden cafe')), ['Golden Café 2']);
      assert.deepEqual(families(filterBrands(gift, 'cafe golden')), ['Golden Café 2']);
      assert.deepEqual(families(filterBrands(gift, '  golden   cafe  ')), ['Golden Café 2'], 'extra spaces are ignored');
      assert.deepEqual(families(filterBrands(gift, 'golden steam')), [], 'one word matching is not enough');
      // Words may come from the family and the brand name together.
      assert.deepEqual(families(filterBrands(gift, 'binance card')), ['Binance']);
    });

    test('names that start with the query come first, the rest in upstream order', () => {
      assert.deepEqual(families(filterBrands(gift, 'cafe')), ['Café Lumière', 'Golden Café 2', 'Blue Cafe']);
      assert.deepEqual(families(filterBrands(gift, 'bazaar')), ['Royal Steam Bazaar']);
      const reordered = indexBrands(page([brand('Royal Steam Bazaar'), brand('Golden Steam'), brand('Steam'), brand('Steamworks')]));
      assert.deepEqual(families(filterBrands(reordered.all, 'steam')), ['Steam', 'Steamworks', 'Royal Steam Bazaar', 'Golden Steam']);
      assert.deepEqual(families(filterBrands(reordered.all, 'STÉAM')), ['Steam', 'Steamworks', 'Royal Steam Bazaar', 'Golden Steam']);
      // Spaces inside the query do not change the ranking.
      assert.deepEqual(families(filterBrands(reordered.all, 'steam  ')), families(filterBrands(reordered.all, 'steam')));
      const spaced = indexBrands(page([brand('Blue Golden Cafe'), brand('Golden Cafe')]));
      assert.deepEqual(families(filterBrands(spaced.all, 'golden  cafe')), ['Golden Cafe', 'Blue Golden Cafe']);
      // Without any prefix match, upstream's order is kept.
      assert.deepEqual(families(filterBrands(reordered.all, 'team')), ['Royal Steam Bazaar', 'Golden Steam', 'Steam', 'Steamworks']);
    });

    test('an empty or blank query returns the list itself', () => {
      assert.strictEqual(filterBrands(gift, ''), gift);
      assert.strictEqual(filterBrands(gift, '   '), gift);
    });
  });

  suite('de-duplication (indexBrands)', () => {
    test('by `brand`, all_brands first, then the categories in order', () => {
      const amazonAll = brand('Amazon.com', {additional_categories: ['electronics', 'books_learning']});
      const amazonCat = {...amazonAll, brand_id: 'from-category'};
      const steamCat = brand('Steam', {category: 'games'});
      const steamOther = {...steamCat, brand_id: 'second-steam'};
      const index = indexBrands(
        page(
          [amazonAll, brand('Uber', {category: 'travel_flights'})],
          [
            {kind: 'giftcard', category: 'electronics', brands: [amazonCat, steamCat]},
            {kind: 'giftcard', category: 'books_learning', brands: [amazonCat, brand('Corner Bookshop'), steamOther]},
          ],
        ),
      );
      assert.deepEqual(brandNames(index.all), ['Amazon.com', 'Uber', 'Steam', 'Corner Bookshop']);
      assert.strictEqual(index.all[0]!.brand, amazonAll, 'the all_brands entry wins over the category copies');
      assert.equal(index.all[2]!.brand.brand_id, steamCat.brand_id, 'the first category copy wins over later ones');
    });

    test('de-duplicates on `brand`, not on `family`', () => {
      // Two brands of one family (e.g. a top-up and a data bundle of the same operator) are both kept.
      const index = indexBrands(
        page(undefined, [
          {kind: 'mobile_recharge', category: 'mobile_credits', brands: [brand('MTN Nigeria', {kind: 'mobile_recharge', category: 'mobile_credits'})]},
          {kind: 'mobile_recharge', category: 'mobile_bundle', brands: [
            brand('MTN Nigeria', {brand: 'MTN Nigeria Data', kind: 'mobile_recharge', category: 'mobile_bundle'}),
            brand('MTN Nigeria', {kind: 'mobile_recharge', category: 'mobile_bundle'}),
          ]},
        ]),
      );
      assert.deepEqual(brandNames(index.all), ['MTN Nigeria', 'MTN Nigeria Data']);
    });

    test('no all_brands (optional upstream, as in the US capture and BR): the categories alone, de-duplicated', () => {
      const esim = brand('eSIM', {kind: 'mobile_recharge', category: 'e-sim', min: '1 GB 3 days', max: '50 GB 90 days'});
      const amazon = brand('Amazon.com');
      const index = indexBrands(
        page(undefined, [
          {kind: 'mobile_recharge', category: 'e-sim', brands: [esim]},
          {kind: 'giftcard', category: 'e-commerce', brands: [amazon, brand('OOS Brand', {is_out_of_stock: true})]},
          {kind: 'giftcard', category: 'electronics', brands: [amazon]},
        ]),
      );
      assert.deepEqual(brandNames(index.all), ['eSIM', 'Amazon.com', 'OOS Brand']);
      // all_brands: null (nullish upstream) behaves the same.
      const nulled = indexBrands({...page(undefined, [{kind: 'giftcard', category: 'e-commerce', brands: [amazon]}]), all_brands: null});
      assert.deepEqual(brandNames(nulled.all), ['Amazon.com']);
    });
  });

  suite('hidden brands and tabs', () => {
    test('e-money is hidden, from all_brands and from the categories', () => {
      const paysafe = brand('Paysafecard', {category: 'e-money', bg_color: '#008AC9'});
      const gcash = brand('GCash', {category: 'e-money', country_code: 'PH'});
      const index = indexBrands(
        page([brand('Steam', {category: 'games'}), paysafe], [{kind: 'giftcard', category: 'e-money', brands: [paysafe, gcash]}]),
      );
      assert.deepEqual(brandNames(index.all), ['Steam']);
      assert.isTrue(isHidden(paysafe));
      assert.isFalse(isHidden(brand('Steam', {category: 'games'})));
      const onlyEmoney = indexBrands(page([paysafe], [{kind: 'giftcard', category: 'e-money', brands: [gcash]}]));
      assert.lengthOf(onlyEmoney.all, 0);
      assert.deepEqual(onlyEmoney.byTab, {giftcards: [], topups: [], esims: []});
    });

    test('gift cards: kind giftcard and any unknown kind; eSIMs: category e-sim whatever the kind; top-ups: other mobile_recharge', () => {
      const cases: [Brand, string][] = [
        [brand('Amazon.com', {kind: 'giftcard'}), 'giftcards'],
        [brand('Future Voucher', {kind: 'crypto_voucher', category: 'e-commerce'}), 'giftcards'],
        [brand('Kindless', {kind: ''}), 'giftcards'],
        [brand('Game Pass', {kind: 'subscription', category: 'games'}), 'giftcards'],
        [brand('eSIM', {kind: 'mobile_recharge', category: 'e-sim'}), 'esims'],
        [brand('Travel eSIM', {kind: 'giftcard', category: 'e-sim'}), 'esims'],
        [brand('New eSIM', {kind: 'data_plan', category: 'e-sim'}), 'esims'],
        [brand('T-Mobile', {brand: 'T-Mobile US', kind: 'mobile_recharge', category: 'mobile_credits'}), 'topups'],
        [brand('MTN Nigeria Data', {kind: 'mobile_recharge', category: 'mobile_bundle'}), 'topups'],
        [brand('Odd Top-up', {kind: 'mobile_recharge', category: 'some_new_category'}), 'topups'],
      ];
      for (const [b, tab] of cases) assert.equal(tabOf(b), tab, `${b.family} (${b.kind}, ${b.category})`);
      const index = indexBrands(page(cases.map(([b]) => b)));
      assert.deepEqual(families(index.byTab.giftcards), ['Amazon.com', 'Future Voucher', 'Kindless', 'Game Pass']);
      assert.deepEqual(families(index.byTab.esims), ['eSIM', 'Travel eSIM', 'New eSIM']);
      assert.deepEqual(families(index.byTab.topups), ['T-Mobile', 'MTN Nigeria Data', 'Odd Top-up']);
      const expected = new Map(cases.map(([b, tab]) => [b.family, tab]));
      for (const entry of index.all) assert.equal(entry.tab, expected.get(entry.brand.family), entry.brand.family);
    });

    test('each tab keeps upstream order and together they hold every shown brand once', () => {
      const list = [
        brand('eSIM', {kind: 'mobile_recharge', category: 'e-sim'}),
        brand('Steam', {category: 'games'}),
        brand('Verizon', {brand: 'Verizon Prepaid', kind: 'mobile_recharge', category: 'mobile_talk_time'}),
        brand('Netflix', {category: 'streaming'}),
      ];
      const index = indexBrands(page(list));
      assert.deepEqual(families(index.byTab.giftcards), ['Steam', 'Netflix']);
      assert.deepEqual(families(index.byTab.topups), ['Verizon']);
      assert.deepEqual(families(index.byTab.esims), ['eSIM']);
      assert.equal(index.byTab.giftcards.length + index.byTab.topups.length + index.byTab.esims.length, index.all.length);
    });
  });
});
