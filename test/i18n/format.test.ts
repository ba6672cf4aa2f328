import {assert} from '@open-wc/testing';
import {COUNTRY_CODES, countryOptions} from '../../src/i18n/countries.js';
import {formatCoin, formatDate, formatDecimalString, formatMoney, formatRelative, numberFormat, pluralCategory} from '../../src/i18n/format.js';

// Intl output uses narrow/normal no-break spaces in places: compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

suite('format', () => {
  test('coin amounts keep every digit, with the locale separators', () => {
    assert.equal(formatDecimalString('en', '0.00032833'), '0.00032833');
    assert.equal(formatDecimalString('en', '1234567.123456789012345678'), '1,234,567.123456789012345678');
    assert.equal(plain(formatDecimalString('fr', '1234567.10')), '1 234 567,10');
    assert.equal(formatDecimalString('de', '98765432109876543210.000000000000000001'), '98.765.432.109.876.543.210,000000000000000001');
    assert.equal(formatDecimalString('en', '-5.5'), '-5.5');
    assert.equal(plain(formatCoin('fr', '0.00032833', 'BTC')), '0,00032833 BTC');
    assert.equal(formatDecimalString('en', 'not a number'), 'not a number');
  });

  test('money through Intl currency formats', () => {
    assert.equal(formatMoney('en', '10', 'USD'), '$10.00');
    assert.equal(plain(formatMoney('de', '10.5', 'EUR')), '10,50 €');
    assert.equal(formatMoney('en', '12345678901234567.89', 'USD'), '$12,345,678,901,234,567.89');
    assert.equal(formatMoney('en', undefined, 'USD'), '');
    assert.equal(formatMoney('en', '5', 'NOT-A-CURRENCY'), '5 NOT-A-CURRENCY');
  });

  test('dates and relative times', () => {
    assert.equal(formatDate('en', 0, {timeZone: 'UTC', dateStyle: 'medium'}), 'Jan 1, 1970');
    assert.equal(formatRelative('en', 300), 'in 5 minutes');
    assert.equal(formatRelative('en', -7200), '2 hours ago');
    assert.equal(formatRelative('de', -86400), 'gestern');
    assert.equal(formatRelative('en', 10), 'in 10 seconds');
  });

  test('formatters are cached per locale and options', () => {
    assert.strictEqual(numberFormat('en', {maximumFractionDigits: 2}), numberFormat('en', {maximumFractionDigits: 2}));
    assert.notStrictEqual(numberFormat('en'), numberFormat('de'));
  });

  test('plural categories', () => {
    assert.equal(pluralCategory('en', 1), 'one');
    assert.equal(pluralCategory('fr', 0), 'one');
    assert.equal(pluralCategory('zh', 1), 'other');
  });

  test('the 233 supported countries, unique, sorted by the locale collator', () => {
    assert.equal(COUNTRY_CODES.length, 233);
    assert.equal(new Set(COUNTRY_CODES).size, 233);
    for (const code of ['US', 'GB', 'DE', 'BR', 'NG', 'PH', 'IN', 'CN', 'AX', 'ZM']) assert.include(COUNTRY_CODES, code);
    const de = countryOptions('de');
    assert.equal(de.length, 233);
    const names = de.map((c) => c.name);
    const sorted = [...names].sort(new Intl.Collator('de').compare);
    assert.deepEqual(names, sorted);
    // Accented names sort among their letters, not after Z: Österreich comes before Polen.
    assert.isBelow(names.indexOf('Österreich'), names.indexOf('Polen'));
  });
});
