import type {PickerMessages} from '../en/picker.js';

export const picker: PickerMessages = {
  label: 'Bir marka seçin',
  country: 'Ülke',
  kinds: 'Ürün türü',
  kindGiftcards: 'Hediye kartları',
  kindTopups: 'Mobil TL yükleme',
  kindEsims: 'eSIM’ler',
  search: 'Marka ara',
  clearSearch: 'Aramayı temizle',
  brands: 'Markalar',
  // A noun after a number stays singular in Turkish.
  results: (_count, shown) => `${shown} marka`,
  loadingBrands: 'Markalar yükleniyor…',
  noBrands: 'Burada şimdilik kullanılabilir marka yok.',
  noMatch: (query) => `“${query}” ile eşleşen marka yok.`,
  outOfStock: 'Tükendi',
  outOfStockHint: 'Tükendi: şu anda seçilemez.',
  range: (min, max) => `${min} – ${max}`,
  loadFailed: 'Markalar yüklenemedi.',
};
