// Turns a short brand spec into a full BrandDef, filling the derived fields (ids, slug, labels, default
// denomination) the same way for curated and generated brands.
import {shortId, slugify, stableUuid} from '../ids.js';
import {localizedMoney} from './prices.js';
import type {BrandDef, FixedOffer} from './model.js';

export type BrandSpec = Partial<BrandDef> &
  Pick<BrandDef, 'family' | 'category' | 'currency'> & {
    /** Use upstream's short 8-hex brand id instead of a UUID (both occur). */
    shortBrandId?: boolean;
    /** Leave default_denomination empty even for a fixed brand (seen upstream). */
    noDefault?: boolean;
  };

export function offerDenomination(offer: FixedOffer, currency: string): string {
  return offer.label ?? `${offer.value} ${currency}`;
}

export function offerLocalized(offer: FixedOffer, currency: string): string {
  return offer.label ?? localizedMoney(offer.value, currency);
}

export function buildBrand(countryCode: string, spec: BrandSpec): BrandDef {
  const brand = spec.brand ?? spec.family;
  const seed = `${countryCode}|${brand}`;
  const fixed = spec.fixed;
  const range = spec.range;
  let minLabel: string | null = null;
  let maxLabel: string | null = null;
  if (fixed && fixed.length > 0) {
    minLabel = offerLocalized(fixed[0]!, spec.currency);
    maxLabel = offerLocalized(fixed[fixed.length - 1]!, spec.currency);
  } else if (range) {
    minLabel = localizedMoney(range.min, spec.currency);
    maxLabel = localizedMoney(range.max, spec.currency);
  }
  const middle = fixed && fixed.length > 0 ? fixed[Math.floor((fixed.length - 1) / 2)]! : undefined;
  return {
    countryCode,
    family: spec.family,
    brand,
    brandId: spec.brandId ?? (spec.shortBrandId ? shortId(seed) : stableUuid(seed)),
    slug: spec.slug ?? slugify(`${brand}-${countryCode}`),
    kind: spec.kind ?? 'giftcard',
    category: spec.category,
    additionalCategories: spec.additionalCategories ?? [],
    bgColor: spec.bgColor ?? '#1f2937',
    currency: spec.currency,
    deliveryType: spec.deliveryType ?? 'by_email',
    ...(fixed ? {fixed} : {}),
    ...(range ? {range} : {}),
    defaultDenomination: spec.noDefault || !middle ? '' : offerDenomination(middle, spec.currency),
    outOfStock: spec.outOfStock ?? false,
    logoMissing: spec.logoMissing ?? false,
    limited: spec.limited ?? false,
    deliverable: spec.deliverable ?? 'pin',
    ...(spec.rich ? {rich: spec.rich} : {}),
    ...(spec.productTc ? {productTc: spec.productTc} : {}),
    minLabel: spec.minLabel !== undefined ? spec.minLabel : minLabel,
    maxLabel: spec.maxLabel !== undefined ? spec.maxLabel : maxLabel,
  };
}

/** Fixed offers from plain face values. */
export const values = (...vs: number[]): FixedOffer[] => vs.map((value) => ({value}));
