import type {PickerMessages} from '../en/picker.js';

export const picker: PickerMessages = {
  label: '选择品牌',
  country: '国家/地区',
  kinds: '商品类型',
  kindGiftcards: '礼品卡',
  kindTopups: '手机充值',
  kindEsims: 'eSIM',
  search: '搜索品牌',
  clearSearch: '清除搜索',
  brands: '品牌',
  // Chinese has no plural forms.
  results: (_count, shown) => `${shown} 个品牌`,
  loadingBrands: '正在加载品牌…',
  noBrands: '此处暂无可用品牌。',
  noMatch: (query) => `没有与“${query}”匹配的品牌。`,
  outOfStock: '已售罄',
  outOfStockHint: '已售罄：目前无法选择。',
  range: (min, max) => `${min} – ${max}`,
  loadFailed: '无法加载品牌。',
};
