// The sandbox's request log keeps POST bodies (parsed JSON, or the head of the text) so a test can assert what
// upstream really received; GETs carry none, and the log stays bounded.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {JSON_BODY_LIMIT, loggedBody, RequestLog, TEXT_BODY_LIMIT} from '../../src/sandbox/request-log.js';
import {orderBody, STEAM_10, useSandbox} from './support/harness.js';

const h = useSandbox();

test('an order POST is logged with its parsed body; a GET without one', async () => {
  const body = orderBody({...STEAM_10, beneficiary_account: 'friend@example.com'}, {email: 'logged-body@example.com'});
  const res = await h.post('/v5/orders', body);
  assert.equal(res.status, 200);
  await h.get('/v3/payment_vias');
  const stats = await h.controls.stats();
  const create = stats.requests.find((r) => r.endpoint === 'createOrder')!;
  assert.deepEqual(create.body, body);
  const vias = stats.requests.find((r) => r.endpoint === 'paymentVias')!;
  assert.equal('body' in vias, false);
});

test('a malformed body is logged as its text, cut at 2 KiB; a validation body too', async () => {
  const text = `{oops ${'x'.repeat(5000)}`;
  assert.equal((await h.postRaw('/v5/orders', text)).status, 400);
  await h.post('/v5/orders/validations', orderBody(STEAM_10));
  const stats = await h.controls.stats();
  const broken = stats.requests.find((r) => r.endpoint === 'createOrder')!;
  assert.equal(broken.body, text.slice(0, TEXT_BODY_LIMIT));
  const validation = stats.requests.find((r) => r.endpoint === 'validateOrder')!;
  assert.deepEqual(validation.body, orderBody(STEAM_10));
});

test('loggedBody: small JSON parsed, large JSON and text cut, empty absent', () => {
  assert.deepEqual(loggedBody('{"a":[1,2]}'), {a: [1, 2]});
  assert.equal(loggedBody(''), undefined);
  const big = JSON.stringify({pad: 'y'.repeat(JSON_BODY_LIMIT)});
  assert.equal(loggedBody(big), big.slice(0, TEXT_BODY_LIMIT));
  assert.equal(loggedBody('plain words'), 'plain words');
});

test('RequestLog: entries are returned for attachBody, reset forgets them', () => {
  const log = new RequestLog();
  const entry = log.record('POST', new URL('http://x/v5/orders?q=1'), {'content-type': 'application/json'}, 'createOrder');
  log.attachBody(entry, '{"n":1}');
  log.attachBody(log.record('GET', new URL('http://x/v3/payment_vias'), {}, 'paymentVias'), '');
  assert.deepEqual(log.requests[0]!.body, {n: 1});
  assert.equal('body' in log.requests[1]!, false);
  assert.deepEqual(log.counts, {createOrder: 1, paymentVias: 1});
  log.reset();
  assert.equal(log.requests.length, 0);
});
