import type {PickerMessages} from '../en/picker.js';

// Locale files import at run time only their own language's modules, so each language chunk stands alone in the build.
import {one} from './plural.js';

export const picker: PickerMessages = {
  label: 'Scegli un marchio',
  country: 'Paese',
  kinds: 'Tipo di prodotto',
  kindGiftcards: 'Carte regalo',
  kindTopups: 'Ricariche telefoniche',
  kindEsims: 'eSIM',
  search: 'Cerca marchi',
  clearSearch: 'Cancella ricerca',
  brands: 'Marchi',
  results: (count, shown) => (one(count) ? `${shown} marchio` : `${shown} marchi`),
  loadingBrands: 'Caricamento dei marchi…',
  noBrands: 'Al momento qui non ci sono marchi disponibili.',
  noMatch: (query) => `Nessun marchio corrisponde a «${query}».`,
  outOfStock: 'Esaurito',
  outOfStockHint: 'Esaurito: al momento non può essere selezionato.',
  range: (min, max) => `${min} – ${max}`,
  loadFailed: 'Impossibile caricare i marchi.',
};
