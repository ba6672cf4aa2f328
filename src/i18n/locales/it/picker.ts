import type {PickerMessages} from '../en/picker.js';

// Locale files import nothing at run time (types only), so each language chunk stands alone in the build.
const rules = new Intl.PluralRules('it');
const one = (count: number) => rules.select(count) === 'one';

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
