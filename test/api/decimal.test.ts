import {assert} from '@open-wc/testing';
import {isPositiveDecimal, toDecimalString} from '../../src/api/decimal.js';

suite('decimal strings', () => {
  test('normalises numbers and strings without float maths', () => {
    const cases: [unknown, string | undefined][] = [
      [1.5, '1.5'],
      ['1.5', '1.5'],
      ['1.50', '1.50'],
      [' 500.0 ', '500.0'],
      ['+2', '2'],
      ['.5', '0.5'],
      ['007', '7'],
      ['-0', '0'],
      [-2.25, '-2.25'],
      [1e-7, '0.0000001'],
      ['1e3', '1000'],
      ['1.25E-2', '0.0125'],
      [1e21, '1000000000000000000000'],
      ['0.000000000000000001', '0.000000000000000001'],
      ['123456789012345678901234567890.5', '123456789012345678901234567890.5'],
      ['abc', undefined],
      ['', undefined],
      ['.', undefined],
      ['1,5', undefined],
      [Number.NaN, undefined],
      [Number.POSITIVE_INFINITY, undefined],
      [null, undefined],
      [{}, undefined],
    ];
    for (const [input, expected] of cases) assert.equal(toDecimalString(input), expected, `for ${String(input)}`);
  });

  test('positive', () => {
    assert.isTrue(isPositiveDecimal('0.00000001'));
    assert.isFalse(isPositiveDecimal('0.000'));
    assert.isFalse(isPositiveDecimal('-1'));
  });
});
