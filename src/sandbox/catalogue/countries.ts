// The curated catalogue: real-looking brands for US, GB, DE, BR, NG and PH, covering every product family and
// every quirk a client must survive. Big generated countries (IN, CN) live in generated.ts.
import type {BrandDef} from './model.js';
import {buildBrand, values} from './build-brand.js';
import {esimBrand} from './esim.js';
import {safeRich, trapRich} from './rich-text.js';

/** The brand whose display names carry HTML-looking text: clients must show it as text, never as markup. */
export const HTML_TRAP_FAMILY = '<img src=x onerror=alert(1)> Gifts & "Co"';
export const HTML_TRAP_BRAND = '<b>Bold</b> Gifts <script>alert(2)</script>';

function us(): BrandDef[] {
  const cc = 'US';
  return [
    esimBrand(cc),
    buildBrand(cc, {
      family: 'Amazon.com', category: 'e-commerce', currency: 'USD', shortBrandId: true, slug: 'amazon-com', bgColor: '#FFFFFF',
      additionalCategories: ['electronics', 'entertainment', 'books_learning'],
      range: {min: 5, max: 500, step: 1, default: 500, faceStyle: 'objects'},
      deliverable: 'barcode', rich: trapRich('Amazon.com'), productTc: 'Amazon.com Gift Cards are subject to the terms at amazon.com/gc-legal.',
    }),
    buildBrand(cc, {
      family: 'Steam', category: 'games', currency: 'USD', bgColor: '#171a21', additionalCategories: ['entertainment'],
      fixed: values(5, 10, 20, 50, 100), rich: safeRich('Steam'),
    }),
    buildBrand(cc, {
      family: 'Airbnb', category: 'travel_flights', currency: 'USD', bgColor: '#FF5A5F',
      range: {min: 50, max: 500, step: 1, default: 500, faceStyle: 'strings'},
      deliverable: 'link', rich: safeRich('Airbnb'),
    }),
    buildBrand(cc, {
      family: 'Netflix', category: 'streaming', currency: 'USD', bgColor: '#E50914', additionalCategories: ['entertainment'],
      fixed: values(25, 30, 50, 100), noDefault: true,
    }),
    buildBrand(cc, {family: 'Uber', category: 'travel_flights', currency: 'USD', bgColor: '#000000', fixed: values(15, 25, 50, 100)}),
    buildBrand(cc, {
      family: 'Xbox', category: 'games', currency: 'USD', bgColor: '#107C10', additionalCategories: ['entertainment'],
      fixed: values(10, 15, 25, 50, 100),
    }),
    buildBrand(cc, {
      family: 'Visa Prepaid Card', category: 'e-commerce', currency: 'USD', bgColor: '#1A1F71',
      // Range above the per-order maximum (2,000 USD), so MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED is reachable naturally.
      range: {min: 20, max: 5000, step: 1, faceStyle: 'strings'}, deliverable: 'link',
    }),
    buildBrand(cc, {family: 'Best Buy', category: 'electronics', currency: 'USD', bgColor: '#0046BE', fixed: values(25, 50, 100), outOfStock: true}),
    buildBrand(cc, {family: 'Corner Bookshop', category: 'books_learning', currency: 'USD', bgColor: '#8B5E3C', fixed: values(10, 20), logoMissing: true}),
    buildBrand(cc, {
      family: HTML_TRAP_FAMILY, brand: HTML_TRAP_BRAND, slug: 'html-trap-gifts', category: 'e-commerce', currency: 'USD',
      bgColor: '#ff00aa', fixed: values(10, 25), rich: trapRich('Trap Gifts'),
    }),
    buildBrand(cc, {family: 'Paysafecard', category: 'e-money', currency: 'USD', bgColor: '#008AC9', fixed: values(10, 25, 50, 100)}),
    buildBrand(cc, {
      family: 'T-Mobile', brand: 'T-Mobile US', kind: 'mobile_recharge', category: 'mobile_credits', currency: 'USD',
      bgColor: '#E20074', deliveryType: 'by_phone', deliverable: 'topup', fixed: values(10, 25, 50),
    }),
    buildBrand(cc, {
      family: 'Verizon', brand: 'Verizon Prepaid', kind: 'mobile_recharge', category: 'mobile_talk_time', currency: 'USD',
      bgColor: '#CD040B', deliveryType: 'by_phone', deliverable: 'topup', range: {min: 15, max: 100, step: 5, faceStyle: 'strings'},
    }),
  ];
}

function gb(): BrandDef[] {
  const cc = 'GB';
  return [
    esimBrand(cc),
    buildBrand(cc, {family: 'Amazon.co.uk', category: 'e-commerce', currency: 'GBP', bgColor: '#FFFFFF', shortBrandId: true,
      range: {min: 1, max: 250, step: 1, faceStyle: 'objects'}, deliverable: 'barcode', rich: safeRich('Amazon.co.uk')}),
    buildBrand(cc, {family: 'Tesco', category: 'groceries', currency: 'GBP', bgColor: '#00539F', fixed: values(10, 20, 50, 100)}),
    buildBrand(cc, {family: 'Steam', category: 'games', currency: 'GBP', bgColor: '#171a21', fixed: values(5, 10, 20, 50)}),
    buildBrand(cc, {family: 'Deliveroo', category: 'food', currency: 'GBP', bgColor: '#00CCBC', fixed: values(10, 25, 50), deliverable: 'link'}),
    buildBrand(cc, {family: 'Argos', category: 'e-commerce', currency: 'GBP', bgColor: '#D42114', fixed: values(10, 25), outOfStock: true}),
    buildBrand(cc, {family: 'Paysafecard', category: 'e-money', currency: 'GBP', bgColor: '#008AC9', fixed: values(10, 25, 50)}),
    buildBrand(cc, {family: 'Lebara', brand: 'Lebara UK', kind: 'mobile_recharge', category: 'mobile_credits', currency: 'GBP',
      bgColor: '#2B2A7B', deliveryType: 'by_phone', deliverable: 'topup', fixed: values(5, 10, 15, 20)}),
  ];
}

function de(): BrandDef[] {
  const cc = 'DE';
  return [
    esimBrand(cc),
    buildBrand(cc, {family: 'Amazon.de', category: 'e-commerce', currency: 'EUR', bgColor: '#FFFFFF', shortBrandId: true,
      range: {min: 1, max: 500, step: 1, faceStyle: 'objects'}, deliverable: 'barcode',
      rich: {markup: 'html', description: '<p>Einkaufen bei <b>Amazon.de</b>.</p><ul><li>Keine Gebühren</li></ul>'}}),
    buildBrand(cc, {family: 'Zalando', category: 'fashion', currency: 'EUR', bgColor: '#FF6900', fixed: values(10, 25, 50, 100)}),
    buildBrand(cc, {family: 'MediaMarkt', category: 'electronics', currency: 'EUR', bgColor: '#DF0000', fixed: values(15, 25, 50, 100, 250)}),
    buildBrand(cc, {family: 'Steam', category: 'games', currency: 'EUR', bgColor: '#171a21', fixed: values(5, 10, 20, 50, 100)}),
    buildBrand(cc, {family: 'Lieferando', category: 'food', currency: 'EUR', bgColor: '#FF8000', fixed: values(10, 25), outOfStock: true}),
    buildBrand(cc, {family: 'Paysafecard', category: 'e-money', currency: 'EUR', bgColor: '#008AC9', fixed: values(10, 25, 50, 100)}),
    buildBrand(cc, {family: 'Vodafone', brand: 'Vodafone DE', kind: 'mobile_recharge', category: 'mobile_credits', currency: 'EUR',
      bgColor: '#E60000', deliveryType: 'by_phone', deliverable: 'topup', fixed: values(15, 25, 50)}),
  ];
}

function br(): BrandDef[] {
  const cc = 'BR';
  return [
    esimBrand(cc),
    buildBrand(cc, {family: 'iFood', category: 'food', currency: 'BRL', bgColor: '#EA1D2C',
      range: {min: 15, max: 1000, step: 1, faceStyle: 'strings'}, deliverable: 'link', rich: safeRich('iFood')}),
    buildBrand(cc, {family: 'Google Play', brand: 'Google Play BR', category: 'games', currency: 'BRL', bgColor: '#01875F',
      fixed: values(15, 30, 50, 100, 200)}),
    buildBrand(cc, {family: 'Netflix', category: 'streaming', currency: 'BRL', bgColor: '#E50914', fixed: values(35, 50, 70, 100, 150)}),
    buildBrand(cc, {family: 'Uber', category: 'travel_flights', currency: 'BRL', bgColor: '#000000', fixed: values(20, 50, 100), outOfStock: true}),
    buildBrand(cc, {family: 'PicPay', category: 'e-money', currency: 'BRL', bgColor: '#21C25E', fixed: values(25, 50, 100, 200)}),
    buildBrand(cc, {family: 'Claro', brand: 'Claro Brasil', kind: 'mobile_recharge', category: 'mobile_credits', currency: 'BRL',
      bgColor: '#DA291C', deliveryType: 'by_phone', deliverable: 'topup', fixed: values(10, 15, 20, 30, 50)}),
    buildBrand(cc, {family: 'Vivo', brand: 'Vivo Brasil', kind: 'mobile_recharge', category: 'mobile_credits', currency: 'BRL',
      bgColor: '#660099', deliveryType: 'by_phone', deliverable: 'topup', range: {min: 10, max: 200, step: 1, faceStyle: 'objects'}}),
  ];
}

function ng(): BrandDef[] {
  const cc = 'NG';
  return [
    esimBrand(cc),
    buildBrand(cc, {family: 'MTN', brand: 'MTN Nigeria', kind: 'mobile_recharge', category: 'mobile_credits', currency: 'NGN',
      bgColor: '#FFCC00', deliveryType: 'by_phone', deliverable: 'topup', fixed: values(100, 200, 500, 1000, 2000, 5000)}),
    buildBrand(cc, {family: 'Airtel', brand: 'Airtel Nigeria', kind: 'mobile_recharge', category: 'mobile_talk_time', currency: 'NGN',
      bgColor: '#ED1C24', deliveryType: 'by_phone', deliverable: 'topup', range: {min: 50, max: 50000, step: 50, faceStyle: 'strings'}}),
    buildBrand(cc, {family: 'Glo', brand: 'Glo Nigeria', kind: 'mobile_recharge', category: 'mobile_credits', currency: 'NGN',
      bgColor: '#50B748', deliveryType: 'by_phone', deliverable: 'topup', fixed: values(100, 500, 1000)}),
    buildBrand(cc, {family: 'MTN Data', brand: 'MTN Nigeria Data', kind: 'mobile_recharge', category: 'mobile_bundle', currency: 'NGN',
      bgColor: '#FFCC00', deliveryType: 'by_phone', deliverable: 'topup', fixed: [
        {value: 350, label: '1 GB 1 day', benefits: [{type: 'data', amount: 1, unit: 'GB'}, {type: 'validity', amount: 1, unit: 'days'}]},
        {value: 1500, label: '6 GB 7 days', benefits: [{type: 'data', amount: 6, unit: 'GB'}, {type: 'validity', amount: 7, unit: 'days'}]},
        {value: 3500, label: '15 GB 30 days', benefits: [{type: 'data', amount: 15, unit: 'GB'}, {type: 'validity', amount: 30, unit: 'days'}, {type: 'sms', amount: -1, unit: 'sms'}]},
      ]}),
    buildBrand(cc, {family: 'Jumia', category: 'e-commerce', currency: 'NGN', bgColor: '#F68B1E', fixed: values(5000, 10000, 25000, 50000)}),
    buildBrand(cc, {family: 'Konga', category: 'e-commerce', currency: 'NGN', bgColor: '#ED017F',
      range: {min: 1000, max: 500000, step: 100, faceStyle: 'objects'}, deliverable: 'link'}),
    buildBrand(cc, {family: 'Bolt', category: 'travel_flights', currency: 'NGN', bgColor: '#34D186', fixed: values(2000, 5000, 10000), outOfStock: true}),
    buildBrand(cc, {family: 'OPay', category: 'e-money', currency: 'NGN', bgColor: '#1DCF9F', fixed: values(1000, 5000, 10000, 20000)}),
    buildBrand(cc, {family: 'Steam', category: 'games', currency: 'USD', bgColor: '#171a21', fixed: values(5, 10, 20, 50)}),
  ];
}

function ph(): BrandDef[] {
  const cc = 'PH';
  return [
    esimBrand(cc),
    buildBrand(cc, {family: 'Globe', brand: 'Globe Telecom', kind: 'mobile_recharge', category: 'mobile_credits', currency: 'PHP',
      bgColor: '#0056A6', deliveryType: 'by_phone', deliverable: 'topup', fixed: values(50, 100, 300, 500, 1000)}),
    buildBrand(cc, {family: 'Smart', brand: 'Smart Communications', kind: 'mobile_recharge', category: 'mobile_talk_time', currency: 'PHP',
      bgColor: '#00A651', deliveryType: 'by_phone', deliverable: 'topup', range: {min: 10, max: 1000, step: 1, faceStyle: 'objects'}}),
    buildBrand(cc, {family: 'TNT', brand: 'TNT Philippines', kind: 'mobile_recharge', category: 'mobile_credits', currency: 'PHP',
      bgColor: '#FFD200', deliveryType: 'by_phone', deliverable: 'topup', fixed: values(20, 50, 100), outOfStock: true}),
    buildBrand(cc, {family: 'Lazada', category: 'e-commerce', currency: 'PHP', bgColor: '#0F146D', fixed: values(500, 1000, 2000, 5000)}),
    buildBrand(cc, {family: 'Shopee', category: 'e-commerce', currency: 'PHP', bgColor: '#EE4D2D', fixed: values(250, 500, 1000), deliverable: 'link'}),
    buildBrand(cc, {family: 'Grab', category: 'travel_flights', currency: 'PHP', bgColor: '#00B14F', additionalCategories: ['food'],
      range: {min: 100, max: 10000, step: 50, faceStyle: 'strings'}, deliverable: 'link'}),
    buildBrand(cc, {family: 'GCash', category: 'e-money', currency: 'PHP', bgColor: '#007DFE', fixed: values(500, 1000)}),
  ];
}

/** Small catalogue for any other valid country code, so every one of upstream's 233 countries shows something. */
export function fallbackCountry(cc: string): BrandDef[] {
  return [
    esimBrand(cc),
    buildBrand(cc, {family: 'Steam', category: 'games', currency: 'USD', bgColor: '#171a21', fixed: values(5, 10, 20, 50)}),
    buildBrand(cc, {family: 'Binance', brand: 'Binance Gift Card', category: 'e-commerce', currency: 'USD', bgColor: '#F0B90B',
      range: {min: 10, max: 1000, step: 1, faceStyle: 'strings'}, deliverable: 'link'}),
  ];
}

export const CURATED: Readonly<Record<string, () => BrandDef[]>> = {US: us, GB: gb, DE: de, BR: br, NG: ng, PH: ph};
