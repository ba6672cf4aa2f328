import type {PickerMessages} from '../en/picker.js';

// Locale files import at run time only their own language's modules, so each language chunk stands alone in the build.
import {one} from './plural.js';

export const picker: PickerMessages = {
  label: 'Choisissez une marque',
  country: 'Pays',
  kinds: 'Type de produit',
  kindGiftcards: 'Cartes cadeaux',
  kindTopups: 'Recharges mobiles',
  kindEsims: 'eSIM',
  search: 'Rechercher une marque',
  clearSearch: 'Effacer la recherche',
  brands: 'Marques',
  results: (count, shown) => (one(count) ? `${shown} marque` : `${shown} marques`),
  loadingBrands: 'Chargement des marques…',
  noBrands: 'Aucune marque n’est disponible ici pour le moment.',
  noMatch: (query) => `Aucune marque ne correspond à « ${query} ».`,
  outOfStock: 'En rupture',
  outOfStockHint: 'En rupture de stock : impossible de la choisir pour le moment.',
  range: (min, max) => `${min} – ${max}`,
  loadFailed: 'Impossible de charger les marques.',
};
