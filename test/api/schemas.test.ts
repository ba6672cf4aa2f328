// Schema tolerance: every shape captured from production parses; quirks are normalised (amounts as decimal strings,
// created_at as epoch seconds); unknown keys and enum values pass; bad data becomes ApiError `bad-response`.
import {assert} from '@open-wc/testing';
import * as z from 'zod/mini';
import {parseAs, parseOrder} from '../../src/api/client.js';
import {ApiError} from '../../src/api/errors.js';
import {BrandsPage, Currency, Families, Order, PaymentVias, Product, Quote, Validation} from '../../src/api/schemas.js';

type Json = Record<string, unknown>;
// A copy of /work/shared/fixtures/upstream-captures.json (the test server serves the project root only).
const captures = (await (await fetch(new URL('../fixtures/upstream-captures.json', import.meta.url))).json()) as Record<string, Json>;
const entries = Object.entries({...captures['captured'], ...captures['observed']}) as [string, unknown][];

/** The schema for a capture, from its request line and shape; undefined for one we have not mapped (a failure). */
function schemaFor(name: string, value: unknown): z.ZodMiniType | undefined {
  if (name.startsWith('POST /v5/orders/validations')) return Validation;
  if (name.startsWith('POST /v5/orders') || name.startsWith('GET /v5/orders/')) return Order;
  if (name.startsWith('GET /v2/brands')) return BrandsPage;
  if (name.startsWith('GET /v5/products/')) return Array.isArray(value) ? Families : Product;
  if (name.startsWith('GET /v4/products/price')) return Quote;
  if (name.startsWith('GET /v3/payment_vias')) return PaymentVias;
  return undefined;
}

const clone = <T>(value: T): T => structuredClone(value);
const lightningOrder = () => clone(captures['captured']!['POST /v5/orders (Lightning)']) as Json;

suite('schemas: upstream captures', () => {
  test('the fixture has entries', () => {
    assert.isAtLeast(entries.length, 10);
  });
  for (const [name, value] of entries) {
    test(`parses ${name}`, () => {
      const schema = schemaFor(name, value);
      assert.ok(schema, `no schema mapped for capture "${name}"`);
      const result = z.safeParse(schema!, value);
      assert.isTrue(result.success, result.success ? '' : JSON.stringify(result.error.issues, null, 1));
    });
  }
});

suite('schemas: normalisation', () => {
  test('order: created_at string → epoch seconds, payment_value number → decimal string, unknown keys kept', () => {
    const order = parseOrder(lightningOrder());
    assert.equal(order.created_at, 1787679708);
    assert.equal(order.payment_value, '22.1678');
    assert.equal(order.coin_amount, '0.00032833');
    assert.equal(order['is_payment_processor_external'], false);
    assert.equal(order.deliveries[0]!.deliverable['points'], '22');
  });

  test('created_at as a number, in milliseconds, or an ISO date', () => {
    const order = lightningOrder();
    order['created_at'] = 1787679708;
    assert.equal(parseOrder(order).created_at, 1787679708);
    order['created_at'] = 1787679708123;
    assert.equal(parseOrder(order).created_at, 1787679708);
    order['created_at'] = '2026-08-25T10:00:00Z';
    assert.equal(parseOrder(order).created_at, Date.parse('2026-08-25T10:00:00Z') / 1000);
    order['created_at'] = 'yesterday';
    assert.isUndefined(parseOrder(order).created_at);
  });

  test('amounts: 1.5 and "1.5" alike, exponent forms expanded, never float-rounded', () => {
    const order = lightningOrder();
    order['coin_amount'] = 1.5;
    assert.equal(parseOrder(order).coin_amount, '1.5');
    order['coin_amount'] = 1e-7;
    assert.equal(parseOrder(order).coin_amount, '0.0000001');
    order['coin_amount'] = '123456789.123456789012345678';
    assert.equal(parseOrder(order).coin_amount, '123456789.123456789012345678');
  });

  test('face_value range as {amount, currency} objects and as strings give decimal strings', () => {
    const families = parseAs(Families, captures['captured']!['GET /v5/products/country/US?family_name=Amazon.com'], 'x');
    const product = families[0]!.products[0]!;
    assert.equal(product.face_value?.amount?.min, '5');
    assert.equal(product.face_value?.amount?.max, '500');
    assert.equal(product.range?.min, '5');
    assert.equal(product.range?.default, '500.0');
    const airbnb = parseAs(Product, captures['observed']!['GET /v5/products/country/US?family_name=airbnb (range product)'], 'x');
    assert.equal(airbnb.face_value?.amount?.min, '50.00');
    const steam = parseAs(Product, captures['observed']!['GET /v5/products/country/US?family_name=Steam (fixed product)'], 'x');
    assert.equal(steam.face_value?.amount?.price, '10');
    assert.equal(steam.coin_amount, '11.26');
  });

  test('unknown order_state, payment_state, kind and delivery_type pass as strings', () => {
    const order = lightningOrder();
    order['order_state'] = 'QuantumLimbo';
    order['payment_state'] = 'SomethingNew';
    (order['deliveries'] as Json[])[0]!['kind'] = 'hologram';
    ((order['deliveries'] as Json[])[0]!['deliverable'] as Json)['delivery_type'] = 'by_pigeon';
    const parsed = parseOrder(order);
    assert.equal(parsed.order_state, 'QuantumLimbo');
    assert.equal(parsed.deliveries[0]!.kind, 'hologram');
  });

  test('fields left out or sent as null get their defaults, so one missing list never loses the whole answer', () => {
    for (const missing of [undefined, null]) {
      const order = lightningOrder();
      order['payment_state'] = missing;
      order['deliveries'] = missing;
      const parsed = parseOrder(order);
      assert.equal(parsed.payment_state, '', String(missing));
      assert.deepEqual(parsed.deliveries, []);
      const currency = z.safeParse(Currency, {name: 'USDC', networks: missing});
      assert.isTrue(currency.success, String(missing));
      assert.deepEqual(currency.success && currency.data.networks, []);
    }
  });

  test('a delivered order with a PIN, serial or security code sent as a number, or instructions as an object, still parses', () => {
    const order = clone(captures['captured']!['GET /v5/orders/{id} (Done)']) as Json;
    const delivery = (order['deliveries'] as Json[])[0]!;
    delivery['deliverable'] = {...(delivery['deliverable'] as Json), pin_code: 123456789012, pin_serial: 1234, security_code: 999, redeem_instructions: {markup: 'html'}, family: null};
    const parsed = parseOrder(order).deliveries[0]!.deliverable;
    assert.include(parsed, {pin_code: '123456789012', pin_serial: '1234', security_code: '999', redeem_instructions: undefined, family: undefined});
    // A number JSON could not keep exactly is not shown as a code it is not.
    delivery['deliverable'] = {pin_code: 12345678901234567890};
    assert.isUndefined(parseOrder(order).deliveries[0]!.deliverable.pin_code);
  });

  test('a delivery of a shape this widget does not know (a list of deliverables, a string, null, deliveries not a list) never has the order refused', () => {
    const order = clone(captures['captured']!['GET /v5/orders/{id} (Done)']) as Json;
    const good = (order['deliveries'] as Json[])[0]!;
    order['deliveries'] = [good, {id: 7, delivery_state: 'Done', deliverable: [{pin_code: 'A'}, {pin_code: 'B'}]}, 'odd', null, {kind: ['x'], delivery_state: {}}];
    const parsed = parseOrder(order);
    assert.lengthOf(parsed.deliveries, 5, 'each delivery keeps its place');
    assert.equal(parsed.deliveries[0]!.deliverable.pin_code, (good['deliverable'] as Json)['pin_code']);
    assert.deepInclude(parsed.deliveries[1], {id: '7', delivery_state: 'Done'});
    assert.isUndefined(parsed.deliveries[1]!.deliverable.pin_code);
    for (const i of [2, 3, 4]) {
      assert.isUndefined(parsed.deliveries[i]!.delivery_state);
      assert.isUndefined(parsed.deliveries[i]!.kind);
      assert.deepEqual(parsed.deliveries[i]!.deliverable, {});
    }
    order['deliveries'] = {0: good};
    assert.deepEqual(parseOrder(order).deliveries, []);
  });

  test('validation: problems null, [] and a list all parse', () => {
    const base = clone(captures['captured']!['POST /v5/orders/validations']) as Json;
    for (const problems of [null, [], [{problem: 'OUT_OF_STOCK'}, {problem: 'FUTURE_CODE', moreDetails: {any: ['thing']}}]]) {
      const parsed = parseAs(Validation, {...base, problems}, 'validation');
      assert.deepEqual(parsed.problems, problems);
    }
    const missing = {...base};
    delete missing['problems'];
    assert.isUndefined(parseAs(Validation, missing, 'validation').problems);
  });

  test('brands page without all_brands; one broken brand is dropped, not the page', () => {
    const page = clone(captures['captured']!['GET /v2/brands?country_code=US']) as Json;
    const categories = page['categories'] as Json[];
    (categories[1]!['brands'] as unknown[]).push({family: 42}, null, 'junk');
    const parsed = parseAs(BrandsPage, page, 'brands');
    assert.equal(parsed.categories?.[1]?.brands.length, 2);
    assert.equal(parsed.categories?.[1]?.brands[0]?.brand, 'Amazon.com');
  });
});

suite('schemas: bad data is a typed error', () => {
  const bad: [string, (o: Json) => void][] = [
    ['order_id missing (the field is not "id")', (o) => {
      o['id'] = o['order_id'];
      delete o['order_id'];
    }],
    ['order_id not a UUID', (o) => void (o['order_id'] = 'abc')],
    ['wallet_address empty', (o) => void (o['wallet_address'] = '')],
    ['coin_amount zero', (o) => void (o['coin_amount'] = '0.000')],
    ['coin_amount negative', (o) => void (o['coin_amount'] = -1)],
    ['coin_amount not a number', (o) => void (o['coin_amount'] = '1,5')],
    ['network missing', (o) => void delete o['network']],
    ['coin missing', (o) => void delete o['coin']],
  ];
  for (const [name, breakIt] of bad) {
    test(`order: ${name} → ApiError bad-response`, () => {
      const order = lightningOrder();
      breakIt(order);
      assert.throws(() => parseOrder(order), ApiError);
      try {
        parseOrder(order);
      } catch (error) {
        assert.equal((error as ApiError).code, 'bad-response');
      }
    });
  }

  test('not an object at all', () => {
    for (const value of [null, 'html', 42, [], undefined]) {
      assert.throws(() => parseOrder(value), /unexpected order/);
    }
  });

  test('a brands page with neither categories nor all_brands', () => {
    assert.throws(() => parseAs(BrandsPage, {country_code: 'US'}, 'brands'), ApiError);
    assert.throws(() => parseAs(BrandsPage, {categories: 'nope'}, 'brands'), ApiError);
  });
});
