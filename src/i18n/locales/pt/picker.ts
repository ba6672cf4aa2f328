import type {PickerMessages} from '../en/picker.js';

// Locale files import at run time only their own language's modules, so each language chunk stands alone in the build.
import {one} from './plural.js';

export const picker: PickerMessages = {
  label: 'Escolha uma marca',
  country: 'País',
  kinds: 'Tipo de produto',
  kindGiftcards: 'Cartões-presente',
  kindTopups: 'Recargas de celular',
  kindEsims: 'eSIMs',
  search: 'Buscar marcas',
  clearSearch: 'Limpar busca',
  brands: 'Marcas',
  results: (count, shown) => (one(count) ? `${shown} marca` : `${shown} marcas`),
  loadingBrands: 'Carregando marcas…',
  noBrands: 'Ainda não há marcas disponíveis aqui.',
  noMatch: (query) => `Nenhuma marca corresponde a “${query}”.`,
  outOfStock: 'Esgotado',
  outOfStockHint: 'Esgotado: não pode ser selecionado no momento.',
  range: (min, max) => `${min} – ${max}`,
  loadFailed: 'Não foi possível carregar as marcas.',
};
