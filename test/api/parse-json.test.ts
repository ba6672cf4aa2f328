// JSON numbers read as upstream wrote them: an amount of 18 significant digits and a PIN past 2^53 sent as JSON
// numbers are their exact digits where the browser gives a reviver the source text (this Chromium does), through
// the parse helper alone and through the client's answers (http.ts); short numbers stay numbers. Without source text
// (an older browser, simulated by a reviver that never gets the third argument) a number stays a double, and an
// amount that may have lost digits is refused rather than shown.
import {assert} from '@open-wc/testing';
import {getOrder, parseOrder} from '../../src/api/client.js';
import {toDecimalString} from '../../src/api/decimal.js';
import {ApiError} from '../../src/api/errors.js';
import {keepLongNumbers, parseJson} from '../../src/api/parse-json.js';
import {proxyUrl} from '../support/env.js';

type Json = Record<string, unknown>;
const captures = (await (await fetch(new URL('../fixtures/upstream-captures.json', import.meta.url))).json()) as Record<string, Record<string, Json>>;
const done = () => structuredClone(captures['captured']!['GET /v5/orders/{id} (Done)']!);

/** An 18-decimal ETH-style amount of 18 significant digits, more than a double holds (JSON.parse: 0.12345678901234568). */
const AMOUNT = '0.123456789012345678';
const BIG_PIN = '12345678901234567890';

/**
 * The Done capture as upstream's text, with coin_amount, sent_coin_amount and the PIN written as bare JSON numbers
 * (JSON.stringify cannot write them: it would write the rounded double).
 */
function answerText(amount = AMOUNT, pin = BIG_PIN): string {
  const order = done();
  order['coin_amount'] = '@amount';
  order['sent_coin_amount'] = '@amount';
  const delivery = (order['deliveries'] as Json[])[0]!;
  delivery['deliverable'] = {...(delivery['deliverable'] as Json), pin_code: '@pin'};
  return JSON.stringify(order).replaceAll('"@amount"', amount).replace('"@pin"', pin);
}

/** What an older browser does: the reviver is called without the source text. */
const withoutSource = (text: string): unknown => JSON.parse(text, (key, value) => keepLongNumbers(key, value));

suite('parseJson: numbers as upstream wrote them', () => {
  test('this browser gives a reviver the source text (else the tests below would test the fallback only)', () => {
    const seen: unknown[] = [];
    JSON.parse('[1.50]', (_key, value, context?: {source?: string}) => (seen.push(context?.source), value));
    assert.equal(seen[0], '1.50');
  });

  test('an amount sent as a number of 18 significant digits is its exact digits, in coin_amount and sent_coin_amount', () => {
    const text = answerText();
    assert.notEqual(String((JSON.parse(text) as Json)['coin_amount']), AMOUNT, 'plain JSON.parse rounds it');
    const order = parseOrder(parseJson(text));
    assert.equal(order.coin_amount, AMOUNT);
    assert.equal(order.sent_coin_amount, AMOUNT);
  });

  test('a PIN sent as a number past 2^53 is its exact digits', () => {
    assert.equal(parseOrder(parseJson(answerText())).deliveries[0]!.deliverable.pin_code, BIG_PIN);
  });

  test('through the client: an answer with such numbers is read exactly', async () => {
    const text = answerText();
    const order = await getOrder(proxyUrl, '0d2c9d55-1111-4bbb-8ccc-000000000001', {
      retry: false,
      fetch: async () => new Response(text, {status: 200, headers: {'content-type': 'application/json'}}),
    });
    assert.equal(order.coin_amount, AMOUNT);
    assert.equal(order.deliveries[0]!.deliverable.pin_code, BIG_PIN);
  });

  test('short numbers stay numbers, and strings are never touched', () => {
    const text = '{"decimals":18,"chain_id":137,"created_at":1787679708,"ms":1787679708123,"v":1.0,"e":-1.5e-7,' +
      '"s":"12345678901234567890","t":"a 1234567890123456 b","n":[123456789012345,0.1234567890123],"b":true,"z":null}';
    assert.deepEqual(parseJson(text), {
      decimals: 18, chain_id: 137, created_at: 1787679708, ms: 1787679708123, v: 1, e: -1.5e-7,
      s: '12345678901234567890', t: 'a 1234567890123456 b', n: [123456789012345, 0.1234567890123], b: true, z: null,
    });
  });

  test('a long number elsewhere (a 64-bit delivery id, an exponent) is its text, and still parses', () => {
    // Sixteen characters of digits and point are enough (0.12345678901234 has 14 significant digits): the text is
    // always exact, so taking a few exact numbers as text too costs nothing.
    const parsed = parseJson('{"id":1234567890123456789,"x":-1.2345678901234567e-5,"p":0.12345678901234,"small":12.5}') as Json;
    assert.deepEqual(parsed, {id: '1234567890123456789', x: '-1.2345678901234567e-5', p: '0.12345678901234', small: 12.5});
    assert.equal(toDecimalString(parsed['x']), '-0.000012345678901234567');
    const text = answerText().replace('"id":"521def0e-7b78-48d9-b907-b4ed130e3015"', '"id":1234567890123456789');
    assert.equal(parseOrder(parseJson(text)).deliveries[0]!.id, '1234567890123456789');
  });
});

suite('parseJson: without source text (an older browser)', () => {
  test('the reviver leaves every number as the double JSON.parse made', () => {
    assert.equal(keepLongNumbers('coin_amount', 0.012345678901234568), 0.012345678901234568);
    assert.equal(keepLongNumbers('', 1.5, undefined), 1.5);
    assert.deepEqual(withoutSource('{"a":1234567890123456789,"b":"x"}'), {a: 1234567890123456789, b: 'x'});
  });

  test('an amount that may have lost digits is refused (bad-response), never shown rounded', () => {
    let error: unknown;
    try {
      parseOrder(withoutSource(answerText()));
    } catch (thrown) {
      error = thrown;
    }
    assert.instanceOf(error, ApiError);
    assert.equal((error as ApiError).code, 'bad-response');
  });

  test('an amount of up to 15 significant digits is read as written, and a PIN past 2^53 is none, as before', () => {
    const order = parseOrder(withoutSource(answerText('0.123456789012345', BIG_PIN)));
    assert.equal(order.coin_amount, '0.123456789012345');
    assert.isUndefined(order.deliveries[0]!.deliverable.pin_code);
  });

  test('toDecimalString refuses a double of 16 or 17 significant digits, keeps the rest', () => {
    for (const lossy of [0.12345678901234568, 0.012345678901234567, 1234567890123456, 0.1234567890123456, 1.2345678901234567e-7]) {
      assert.isUndefined(toDecimalString(lossy), String(lossy));
    }
    assert.equal(toDecimalString(0.123456789012345), '0.123456789012345');
    assert.equal(toDecimalString(1e-7), '0.0000001');
    assert.equal(toDecimalString(1e21), '1000000000000000000000');
    assert.equal(toDecimalString(AMOUNT), AMOUNT, 'a string is never refused for its length');
  });
});
