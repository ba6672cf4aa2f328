import type {PickerMessages} from '../en/picker.js';
import {plural} from '../../plural.js';

export const picker: PickerMessages = {
  label: 'Elige una marca',
  country: 'País',
  kinds: 'Tipo de producto',
  kindGiftcards: 'Tarjetas regalo',
  kindTopups: 'Recargas móviles',
  kindEsims: 'eSIM',
  search: 'Buscar marcas',
  searchPlaceholder: 'Buscar marcas',
  clearSearch: 'Borrar búsqueda',
  brands: 'Marcas',
  results: (count) => plural('es', count, {one: '1 marca', other: `${count} marcas`}),
  loadingBrands: 'Cargando marcas…',
  noBrands: 'Por ahora no hay marcas disponibles aquí.',
  noMatch: (query) => `Ninguna marca coincide con «${query}».`,
  outOfStock: 'Agotado',
  outOfStockHint: 'Agotado: no se puede seleccionar por ahora.',
  range: (min, max) => `${min} – ${max}`,
  loadFailed: 'No se pudieron cargar las marcas.',
  selected: 'Seleccionada',
};
