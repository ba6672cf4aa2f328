import {assert} from '@open-wc/testing';
import {compareDecimals} from '../../src/api/difference.js';

suite('decimal differences', () => {
  test('comparison, exact on decimal strings', () => {
    assert.equal(compareDecimals('0.562099175481640', '0.56'), 1);
    assert.equal(compareDecimals('0.56', '0.560'), 0);
    assert.equal(compareDecimals('10', '9.99'), 1);
    assert.equal(compareDecimals('-1', '0.1'), -1);
    assert.equal(compareDecimals('-2', '-1'), -1);
  });
});
