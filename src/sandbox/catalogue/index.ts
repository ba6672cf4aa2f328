// Looks brands up by country, family, brand name and logo slug. Countries are built on first use and cached:
// the generated ones are large and most runs never ask for them.
import type {BrandDef} from './model.js';
import {CURATED, fallbackCountry} from './countries.js';
import {generateCountry, GENERATED_COUNTRIES} from './generated.js';

const cache = new Map<string, BrandDef[]>();

/** Brands of a country (any valid alpha-2 code; unknown ones get a small fallback catalogue). */
export function countryBrands(countryCode: string): BrandDef[] {
  const cc = countryCode.toUpperCase();
  let brands = cache.get(cc);
  if (!brands) {
    const curated = CURATED[cc];
    brands = curated ? curated() : GENERATED_COUNTRIES[cc] ? generateCountry(cc) : fallbackCountry(cc);
    cache.set(cc, brands);
  }
  return brands;
}

const same = (a: string, b: string) => a.localeCompare(b, 'en', {sensitivity: 'accent'}) === 0 || a.toLowerCase() === b.toLowerCase();

/** Brands of a family, matched case-insensitively, as upstream does (the captures ask `family_name=airbnb`). */
export function brandsOfFamily(countryCode: string, familyName: string): BrandDef[] {
  return countryBrands(countryCode).filter((b) => same(b.family, familyName));
}

/** A brand by its brand name: exact first, then case-insensitive. */
export function brandByName(countryCode: string, brandName: string): BrandDef | undefined {
  const brands = countryBrands(countryCode);
  return brands.find((b) => b.brand === brandName) ?? brands.find((b) => same(b.brand, brandName));
}

/** A brand for its logo slug, searching the curated countries first (cheap), then the generated ones. */
export function brandBySlug(slug: string): BrandDef | undefined {
  for (const cc of Object.keys(CURATED)) {
    const found = countryBrands(cc).find((b) => b.slug === slug);
    if (found) return found;
  }
  // Generated slugs end in their country ("golden-mart-in-in"): build a big country only when the slug can be in it.
  for (const cc of Object.keys(GENERATED_COUNTRIES)) {
    if (!slug.endsWith(`-${cc.toLowerCase()}`)) continue;
    const found = countryBrands(cc).find((b) => b.slug === slug);
    if (found) return found;
  }
  for (const brands of cache.values()) {
    const found = brands.find((b) => b.slug === slug);
    if (found) return found;
  }
  return undefined;
}
