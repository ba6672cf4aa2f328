// The catalogue endpoints: payment vias, brands, homepage, products, price. Pure functions of the query and the
// sandbox's origin (logo URLs carry it), so they are easy to test and to cache.
import {COUNTRY_CODE} from '../upstream/endpoints.js';
import {DEFAULT_COIN, findCoin} from './catalogue/coins.js';
import {brandByName, brandsOfFamily, countryBrands} from './catalogue/index.js';
import {brandJson, brandsPage, familyJson, quoteJson} from './catalogue/shapes.js';
import {paymentViasJson} from './catalogue/payment-vias.js';
import {json, message, type Reply} from './http.js';

/** Serialised BrandsPages, per origin and country: the 10,000-brand page is ~10 MB and is asked for repeatedly. */
const pageCache = new Map<string, string>();

export function paymentVias(): Reply {
  return json(200, paymentViasJson());
}

function countryFrom(query: URLSearchParams): string | undefined {
  const cc = query.get('country_code');
  return cc && COUNTRY_CODE.test(cc) ? cc.toUpperCase() : undefined;
}

export function brands(query: URLSearchParams, origin: string): Reply {
  const cc = countryFrom(query);
  if (!cc) return message(400, 'country_code is required (ISO 3166-1 alpha-2)');
  const key = `${origin}|${cc}`;
  let body = pageCache.get(key);
  if (!body) {
    body = JSON.stringify(brandsPage(cc, countryBrands(cc), origin));
    if (pageCache.size > 50) pageCache.clear();
    pageCache.set(key, body);
  }
  return {status: 200, body, type: 'application/json; charset=utf-8'};
}

/** Shape unknown upstream and not needed by the widget: a plausible object. */
export function homepage(query: URLSearchParams, origin: string): Reply {
  const cc = countryFrom(query);
  if (!cc) return message(400, 'country_code is required (ISO 3166-1 alpha-2)');
  const popular = countryBrands(cc).filter((b) => !b.outOfStock).slice(0, 6);
  return json(200, {country_code: cc, banners: [], popular_brands: popular.map((b) => brandJson(b, origin)), sections: []});
}

export function products(countryParam: string, query: URLSearchParams, origin: string): Reply {
  const cc = countryParam.toUpperCase();
  const familyName = query.get('family_name');
  const brandName = query.get('brand_name');
  if (!familyName && !brandName) return message(400, 'family_name or brand_name is required');
  const coinParam = query.get('coin');
  const coin = findCoin(coinParam ?? DEFAULT_COIN);
  if (!coin) return message(400, `unknown coin: ${coinParam}`);
  // `lang` is accepted; the sandbox's texts are in English only (upstream falls back to English too).
  const found = familyName ? brandsOfFamily(cc, familyName) : [];
  if (brandName) {
    const byBrand = brandByName(cc, brandName);
    if (byBrand && !found.includes(byBrand)) found.push(byBrand);
  }
  return json(200, found.map((b) => familyJson(b, coin, origin)));
}

export function price(query: URLSearchParams): Reply {
  const brandName = query.get('brand_name');
  const cc = countryFrom(query);
  const faceValue = Number(query.get('face_value'));
  const coin = findCoin(query.get('coin') ?? DEFAULT_COIN);
  if (!brandName || !cc || !query.get('face_value') || !Number.isFinite(faceValue)) {
    return message(400, 'brand_name, country_code and face_value are required');
  }
  if (!coin) return message(400, `unknown coin: ${query.get('coin')}`);
  const brand = brandByName(cc, brandName);
  if (!brand) return message(404, `no brand ${brandName} in ${cc}`);
  if (!brand.range) return message(400, `${brand.brand} has fixed products only: prices come with the products`);
  if (faceValue < brand.range.min || faceValue > brand.range.max) {
    return message(400, `face_value must be between ${brand.range.min} and ${brand.range.max} ${brand.currency}`);
  }
  return json(200, quoteJson(brand, faceValue, coin));
}
