import type {PickerMessages} from '../en/picker.js';

// Locale files import at run time only their own language's modules, so each language chunk stands alone in the build.
import {one} from './plural.js';

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
