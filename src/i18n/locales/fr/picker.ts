import type {PickerMessages} from '../en/picker.js';
import {plural} from '../../plural.js';

export const picker: PickerMessages = {
  label: 'Choisissez une marque',
  country: 'Pays',
  kinds: 'Type de produit',
  kindGiftcards: 'Cartes cadeaux',
  kindTopups: 'Recharges mobiles',
  kindEsims: 'eSIM',
  search: 'Rechercher une marque',
  searchPlaceholder: 'Rechercher une marque',
  clearSearch: 'Effacer la recherche',
  brands: 'Marques',
  results: (count) => plural('fr', count, {one: `${count} marque`, other: `${count} marques`}),
  loadingBrands: 'Chargement des marques…',
  noBrands: 'Aucune marque n’est disponible ici pour le moment.',
  noMatch: (query) => `Aucune marque ne correspond à « ${query} ».`,
  outOfStock: 'En rupture',
  outOfStockHint: 'En rupture de stock : impossible de la choisir pour le moment.',
  range: (min, max) => `${min} – ${max}`,
  loadFailed: 'Impossible de charger les marques.',
  selected: 'Sélectionnée',
};
