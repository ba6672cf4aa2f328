import {assert} from '@open-wc/testing';
import {errorFromResponse} from '../../src/api/response-error.js';
import {problemDetails, problemInfo, validationProblems} from '../../src/api/problems.js';
import {PROBLEM_FIELDS} from '../../src/upstream/problems.js';

suite('problems', () => {
  test('every documented code maps to its field', () => {
    for (const [code, field] of Object.entries(PROBLEM_FIELDS)) {
      const info = problemInfo(code);
      assert.equal(info.code, code);
      assert.equal(info.field, field);
    }
  });

  test('an unknown code gets the generic code and the form field', () => {
    assert.deepEqual(problemInfo('BRAND_NEW_PROBLEM'), {code: 'unknown-problem', raw: 'BRAND_NEW_PROBLEM', field: 'form'});
    // Not shaped like a code: not even kept as raw text.
    assert.equal(problemInfo('<img src=x onerror=alert(1)>').raw, 'unknown-problem');
  });

  test('problems null, [] and duplicates', () => {
    assert.deepEqual(validationProblems({problems: null}), []);
    assert.deepEqual(validationProblems({problems: []}), []);
    const list = validationProblems({problems: [{problem: 'OUT_OF_STOCK'}, {problem: 'OUT_OF_STOCK'}, {problem: 'COUPON_EXPIRED'}]});
    assert.deepEqual(list.map((p) => [p.code, p.field]), [['OUT_OF_STOCK', 'product'], ['COUPON_EXPIRED', 'coupon']]);
  });

  test('moreDetails: supported pairs are validated into plain strings, anything else is dropped', () => {
    const pairs = problemDetails('UNSUPPORTED_PROTOCOL_COIN_COMBINATION', {
      supported: [
        {coin: 'USDC', network: 'Solana'},
        {coin: 'USDT', networks: ['Tron', {name: 'Polygon (Matic)'}]},
        {coin: '<script>alert(1)</script>', network: 'Solana'},
        {coin: 'BTC', network: {evil: true}},
        'junk',
      ],
    });
    assert.deepEqual(pairs, {
      kind: 'pairs',
      pairs: [
        {coin: 'USDC', network: 'Solana'},
        {coin: 'USDT', network: 'Tron'},
        {coin: 'USDT', network: 'Polygon (Matic)'},
      ],
    });
    assert.deepEqual(problemDetails('NOT_ALLOWED_PAYMENT_VIA', {allowed: ['USER_WALLET', '<b>x</b>']}), {kind: 'list', items: ['USER_WALLET']});
    assert.isUndefined(problemDetails('UNSUPPORTED_PROTOCOL_COIN_COMBINATION', '<h1>raw html</h1>'));
    assert.isUndefined(problemDetails('OUT_OF_STOCK', {anything: [1, 2]}));
    const many = Array.from({length: 100}, (_, i) => ({coin: `C${i}`, network: 'N'}));
    assert.equal((problemDetails('UNSUPPORTED_PROTOCOL_COIN_COMBINATION', many) as {pairs: unknown[]}).pairs.length, 24);
  });

  test('HTTP error bodies', () => {
    const suspended = errorFromResponse(400, {status: 'SUSPENDED_NETWORK', detail: 'USDC on Tron is suspended', moreDetails: {coin: 'USDC'}});
    assert.equal(suspended.code, 'SUSPENDED_NETWORK');
    assert.equal(suspended.problems[0]?.field, 'payment');
    assert.equal(errorFromResponse(422, {detail: 'LOGIN_REQUIRED'}).code, 'LOGIN_REQUIRED');
    assert.equal(errorFromResponse(400, {message: 'Bad things <b>happened</b>'}).code, 'http-4xx');
    assert.equal(errorFromResponse(400, undefined).code, 'http-4xx');
    assert.equal(errorFromResponse(404, {message: 'nope'}).code, 'not-found');
    // The proxy's own "no such endpoint" (a wrong proxy-url) says nothing of an order: not "not found".
    assert.equal(errorFromResponse(404, {error: {code: 'NOT_FOUND', message: 'No such endpoint.'}}).code, 'http-4xx');
    assert.equal(errorFromResponse(503, {message: 'down'}).code, 'http-5xx');
    // Request Timeout is no refusal: the request may have been acted on (a create's key must be kept).
    assert.equal(errorFromResponse(408, {}).code, 'timeout');
    const limited = errorFromResponse(429, {}, 2000);
    assert.equal(limited.code, 'rate-limited');
    assert.equal(limited.retryAfterMs, 2000);
    const withProblems = errorFromResponse(400, {problems: [{problem: 'OUT_OF_STOCK'}, {problem: 42}]});
    assert.equal(withProblems.code, 'problems');
    assert.deepEqual(withProblems.problems.map((p) => p.code), ['OUT_OF_STOCK']);
    // The server's free text is never the message shown: only codes are read.
    assert.notInclude(errorFromResponse(400, {message: 'Bad things <b>happened</b>'}).message, '<b>');
  });
});
