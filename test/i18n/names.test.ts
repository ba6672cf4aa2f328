import {assert} from '@open-wc/testing';
import {countryName} from '../../src/i18n/names.js';

suite('names', () => {
  test('country names in the reader language', () => {
    assert.equal(countryName('en', 'de'), 'Germany');
    assert.equal(countryName('de', 'DE'), 'Deutschland');
    assert.equal(countryName('es', 'US'), 'Estados Unidos');
  });
});
