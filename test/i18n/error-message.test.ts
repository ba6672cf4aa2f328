import {assert} from '@open-wc/testing';
import {ApiError} from '../../src/api/errors.js';
import {problemInfo} from '../../src/api/problems.js';
import {detailLines, errorMessage, problemMessage} from '../../src/i18n/error-message.js';
import {loadMessages} from '../../src/i18n/i18n.js';
import {messages as englishMessages} from '../../src/i18n/locales/en/index.js';

const common = englishMessages.common;

suite('error messages', () => {
  test('transport codes have their own message', () => {
    assert.equal(errorMessage(new ApiError('http-5xx'), common), common.errors['http-5xx']);
    assert.equal(errorMessage(new ApiError('rate-limited'), common), common.errors['rate-limited']);
    assert.equal(errorMessage(new TypeError('Failed to fetch'), common), common.errors.network);
  });

  test('problem codes: documented ones have theirs, unknown ones the generic one', () => {
    assert.equal(errorMessage(new ApiError('SUSPENDED_COIN'), common), common.problems.SUSPENDED_COIN);
    const problems = new ApiError('problems', 'problems', {problems: [problemInfo('OUT_OF_STOCK'), problemInfo('KYC_MISSING')]});
    assert.equal(errorMessage(problems, common), common.problems.OUT_OF_STOCK);
    assert.equal(problemMessage(problemInfo('SOMETHING_NEW'), common), common.errors['unknown-problem']);
  });

  test('localized', async () => {
    const de = (await loadMessages('de')).common;
    assert.equal(errorMessage(new ApiError('timeout'), de), 'Der Server hat zu lange nicht geantwortet. Bitte versuchen Sie es erneut.');
  });

  test('details become plain lines with a heading', () => {
    const info = problemInfo('UNSUPPORTED_PROTOCOL_COIN_COMBINATION', [{coin: 'USDC', network: 'Solana'}]);
    assert.deepEqual(detailLines(info.details, common), {heading: common.supportedPairs, items: ['USDC · Solana']});
    assert.isUndefined(detailLines(undefined, common));
  });
});
