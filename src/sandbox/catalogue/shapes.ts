// Builds upstream's JSON shapes (Brand, BrandsPage, Family, Product, Quote) from the catalogue, with upstream's
// quirks on purpose: short brand ids, range bounds as strings or objects, default_denomination empty, categories
// that repeat brands.
import {stableUuid} from '../ids.js';
import {defaultNetwork, type CoinDef} from './coins.js';
import {coinAmount, toUsd} from './prices.js';
import type {BrandDef, FixedOffer} from './model.js';
import {offerDenomination, offerLocalized} from './build-brand.js';

export type Json = Record<string, unknown>;

/** Countries whose BrandsPage leaves out `all_brands` (it is optional upstream): clients must de-duplicate categories. */
export const WITHOUT_ALL_BRANDS = new Set(['BR']);

export function logoBaseUrl(origin: string, brand: BrandDef): string {
  return `${origin}/logos/${brand.slug}`;
}

export function brandJson(brand: BrandDef, origin: string): Json {
  const base = logoBaseUrl(origin, brand);
  // The captured BrandsPage's out-of-stock brand comes without logo_base_url, bg_color, additional_categories,
  // product_type and brand_tags (fixtures/upstream-captures.json): the sandbox's out-of-stock brands do too, so a
  // client that needs them (logo variants, tile colour, extra categories) must fall back.
  const full = !brand.outOfStock;
  return {
    family: brand.family,
    brand_id: brand.brandId,
    brand: brand.brand,
    logo_url: `${base}.webp`,
    ...(full ? {logo_base_url: base, bg_color: brand.bgColor} : {}),
    min: brand.minLabel,
    max: brand.maxLabel,
    category: brand.category,
    is_out_of_stock: brand.outOfStock,
    country_code: brand.countryCode,
    ...(full ? {additional_categories: brand.additionalCategories} : {}),
    kind: brand.kind,
    ...(full ? {product_type: 'physical', brand_tags: []} : {}),
  };
}

/** BrandsPage: one category per category slug, a brand repeated under each of its additional categories too. */
export function brandsPage(countryCode: string, brands: BrandDef[], origin: string): Json {
  const jsonOf = new Map(brands.map((b) => [b, brandJson(b, origin)]));
  const groups = new Map<string, {kind: string; category: string; brands: Json[]; popular_brands: Json[]}>();
  const add = (category: string, brand: BrandDef) => {
    let group = groups.get(category);
    if (!group) {
      group = {kind: brand.kind, category, brands: [], popular_brands: []};
      groups.set(category, group);
    }
    group.brands.push(jsonOf.get(brand)!);
  };
  for (const brand of brands) {
    add(brand.category, brand);
    for (const extra of brand.additionalCategories) if (extra !== brand.category) add(extra, brand);
  }
  return {
    last_user_purchases: [],
    suggestions: [],
    country_code: countryCode,
    categories: [...groups.values()],
    ...(WITHOUT_ALL_BRANDS.has(countryCode) ? {} : {all_brands: brands.map((b) => jsonOf.get(b)!)}),
  };
}

/** Loyalty points upstream attaches to products (a string); only their shape matters. */
function points(usd: number): string {
  return String(Math.max(1, Math.floor(usd * 0.88)));
}

export function productId(brand: BrandDef, denomination: string): string {
  return stableUuid(`${brand.countryCode}|${brand.brand}|${denomination}`);
}

export function fixedProductJson(brand: BrandDef, offer: FixedOffer, coin: CoinDef): Json {
  const denomination = offerDenomination(offer, brand.currency);
  return {
    product_id: productId(brand, denomination),
    is_dynamic: false,
    denomination,
    localized_denomination: offerLocalized(offer, brand.currency),
    coin: coin.symbol,
    coin_amount: coinAmount(offer.value, brand.currency, coin),
    payment_method: defaultNetwork(coin).paymentMethod,
    delivery_type: brand.deliveryType,
    points: points(toUsd(offer.value, brand.currency)),
    product_type: 'physical',
    face_value: {currency_code: brand.currency, amount: {type: 'fixed', price: String(offer.value)}},
    ...(offer.benefits ? {benefits: offer.benefits} : {}),
  };
}

export function rangeJson(brand: BrandDef): Json {
  const r = brand.range!;
  return {
    min: r.min,
    max: r.max,
    currency: brand.currency,
    step_size: r.step,
    ...(r.default !== undefined ? {default: r.default.toFixed(1)} : {}),
  };
}

export function rangeProductJson(brand: BrandDef, coin: CoinDef): Json {
  const r = brand.range!;
  const bound = (v: number) => (r.faceStyle === 'objects' ? {amount: v, currency: brand.currency} : v.toFixed(2));
  return {
    product_id: productId(brand, 'range'),
    is_dynamic: true,
    range: rangeJson(brand),
    coin: coin.symbol,
    payment_method: defaultNetwork(coin).paymentMethod,
    delivery_type: brand.deliveryType,
    points: points(toUsd(r.min, brand.currency)),
    product_type: 'physical',
    face_value: {currency_code: brand.currency, amount: {type: 'range', min: bound(r.min), max: bound(r.max)}},
  };
}

export function familyJson(brand: BrandDef, coin: CoinDef, origin: string): Json {
  const products = brand.range
    ? [rangeProductJson(brand, coin)]
    : (brand.fixed ?? []).map((offer) => fixedProductJson(brand, offer, coin));
  const base = logoBaseUrl(origin, brand);
  return {
    country_code: brand.countryCode,
    category: brand.category,
    additional_categories: brand.additionalCategories,
    kind: brand.kind,
    default_denomination: brand.defaultDenomination,
    family: brand.family,
    brand_id: brand.brandId,
    brand: brand.brand,
    is_out_of_stock: brand.outOfStock,
    logo_url: `${base}.webp`,
    logo_base_url: base,
    bg_color: brand.bgColor,
    ...(brand.productTc ? {product_tc: brand.productTc} : {}),
    ...(brand.rich ? {rich_description: brand.rich} : {}),
    products,
  };
}

export function quoteJson(brand: BrandDef, faceValue: number, coin: CoinDef): Json {
  const amount = coinAmount(faceValue, brand.currency, coin);
  return {
    product_id: productId(brand, 'range'),
    is_dynamic: true,
    range: rangeJson(brand),
    coin_amount: amount,
    coin: coin.symbol,
    original_coin_amount: amount,
    payment_method: defaultNetwork(coin).paymentMethod,
    delivery_type: brand.deliveryType,
    points: points(toUsd(faceValue, brand.currency)),
    product_type: 'physical',
  };
}
