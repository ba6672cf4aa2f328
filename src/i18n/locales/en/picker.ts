// Locale files import at run time only their own language's modules, so each language chunk stands alone in the build.
import {one} from './plural.js';

export const picker = {
  /** Accessible name of the whole picker. */
  label: 'Choose a brand',
  country: 'Country',
  kinds: 'Product type',
  kindGiftcards: 'Gift cards',
  kindTopups: 'Mobile top-ups',
  kindEsims: 'eSIMs',
  /** The search box's label and its placeholder. */
  search: 'Search brands',
  clearSearch: 'Clear search',
  brands: 'Brands',
  /** Announced politely after each filter (screen readers): `shown` is `count` formatted for the reader (1,234). */
  results: (count: number, shown: string) => (one(count) ? `${shown} brand` : `${shown} brands`),
  loadingBrands: 'Loading brands…',
  noBrands: 'No brands are available here for now.',
  noMatch: (query: string) => `No brand matches “${query}”.`,
  outOfStock: 'Out of stock',
  outOfStockHint: 'Out of stock: it cannot be selected right now.',
  /** Price span of a brand, from upstream display labels such as "$5" and "$500". */
  range: (min: string, max: string) => `${min} – ${max}`,
  loadFailed: 'The brands could not be loaded.',
};
export type PickerMessages = typeof picker;
