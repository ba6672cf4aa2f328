import type {PickerMessages} from '../en/picker.js';
import {plural} from '../../plural.js';

export const picker: PickerMessages = {
  label: 'Marke wählen',
  country: 'Land',
  kinds: 'Produktart',
  kindGiftcards: 'Geschenkkarten',
  kindTopups: 'Handy-Aufladungen',
  kindEsims: 'eSIMs',
  search: 'Marken durchsuchen',
  searchPlaceholder: 'Marken durchsuchen',
  clearSearch: 'Suche löschen',
  brands: 'Marken',
  results: (count) => plural('de', count, {one: '1 Marke', other: `${count} Marken`}),
  loadingBrands: 'Marken werden geladen…',
  noBrands: 'Hier sind derzeit keine Marken verfügbar.',
  noMatch: (query) => `Keine Marke passt zu „${query}“.`,
  outOfStock: 'Ausverkauft',
  outOfStockHint: 'Ausverkauft: derzeit nicht auswählbar.',
  range: (min, max) => `${min} – ${max}`,
  loadFailed: 'Die Marken konnten nicht geladen werden.',
  selected: 'Ausgewählt',
};
