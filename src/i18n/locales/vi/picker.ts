import type {PickerMessages} from '../en/picker.js';

export const picker: PickerMessages = {
  label: 'Chọn thương hiệu',
  country: 'Quốc gia',
  kinds: 'Loại sản phẩm',
  kindGiftcards: 'Thẻ quà tặng',
  kindTopups: 'Nạp tiền điện thoại',
  kindEsims: 'eSIM',
  search: 'Tìm thương hiệu',
  clearSearch: 'Xóa tìm kiếm',
  brands: 'Thương hiệu',
  // Vietnamese has no plural forms.
  results: (_count, shown) => `${shown} thương hiệu`,
  loadingBrands: 'Đang tải thương hiệu…',
  noBrands: 'Hiện chưa có thương hiệu nào ở đây.',
  noMatch: (query) => `Không có thương hiệu nào khớp với “${query}”.`,
  outOfStock: 'Hết hàng',
  outOfStockHint: 'Hết hàng: hiện không thể chọn.',
  range: (min, max) => `${min} – ${max}`,
  loadFailed: 'Không thể tải danh sách thương hiệu.',
};
