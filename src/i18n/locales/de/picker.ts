import type {PickerMessages} from '../en/picker.js';

// Locale files import nothing at run time (types only), so each language chunk stands alone in the build.
const rules = new Intl.PluralRules('de');
const one = (count: number) => rules.select(count) === 'one';

export const picker: PickerMessages = {
  label: 'Marke wählen',
  country: 'Land',
  kinds: 'Produktart',
  kindGiftcards: 'Geschenkkarten',
  kindTopups: 'Handy-Aufladungen',
  kindEsims: 'eSIMs',
  search: 'Marken durchsuchen',
  clearSearch: 'Suche löschen',
  brands: 'Marken',
  results: (count, shown) => (one(count) ? `${shown} Marke` : `${shown} Marken`),
  loadingBrands: 'Marken werden geladen…',
  noBrands: 'Hier sind derzeit keine Marken verfügbar.',
  noMatch: (query) => `Keine Marke passt zu „${query}“.`,
  outOfStock: 'Ausverkauft',
  outOfStockHint: 'Ausverkauft: derzeit nicht auswählbar.',
  range: (min, max) => `${min} – ${max}`,
  loadFailed: 'Die Marken konnten nicht geladen werden.',
};
