import type {PickerMessages} from '../en/picker.js';

export const picker: PickerMessages = {
  label: 'Pumili ng brand',
  country: 'Bansa',
  kinds: 'Uri ng produkto',
  kindGiftcards: 'Mga gift card',
  kindTopups: 'Mobile load',
  kindEsims: 'Mga eSIM',
  search: 'Maghanap ng brand',
  clearSearch: 'I-clear ang paghahanap',
  brands: 'Mga brand',
  // A noun after a number takes no plural marker in Tagalog.
  results: (_count, shown) => `${shown} brand`,
  loadingBrands: 'Naglo-load ng mga brand…',
  noBrands: 'Wala pang available na brand dito.',
  noMatch: (query) => `Walang brand na tumutugma sa “${query}”.`,
  outOfStock: 'Ubos na',
  outOfStockHint: 'Ubos na: hindi ito mapipili sa ngayon.',
  range: (min, max) => `${min} – ${max}`,
  loadFailed: 'Hindi ma-load ang mga brand.',
};
