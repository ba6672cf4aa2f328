import type {PickerMessages} from '../en/picker.js';

// Locale files import at run time only their own language's modules, so each language chunk stands alone in the build.
import {one} from './plural.js';

export const picker: PickerMessages = {
  label: 'Elige una marca',
  country: 'País',
  kinds: 'Tipo de producto',
  kindGiftcards: 'Tarjetas regalo',
  kindTopups: 'Recargas móviles',
  kindEsims: 'eSIM',
  search: 'Buscar marcas',
  clearSearch: 'Borrar búsqueda',
  brands: 'Marcas',
  results: (count, shown) => (one(count) ? `${shown} marca` : `${shown} marcas`),
  loadingBrands: 'Cargando marcas…',
  noBrands: 'Por ahora no hay marcas disponibles aquí.',
  noMatch: (query) => `Ninguna marca coincide con «${query}».`,
  outOfStock: 'Agotado',
  outOfStockHint: 'Agotado: no se puede seleccionar por ahora.',
  range: (min, max) => `${min} – ${max}`,
  loadFailed: 'No se pudieron cargar las marcas.',
};
