// Big catalogues for performance work, generated deterministically (seeded PRNG, no Math.random): the same names,
// ids and prices on every machine. IN has 2,000 brands, CN 10,000.
import {seededRandom} from '../ids.js';
import type {BrandDef} from './model.js';
import {buildBrand, values} from './build-brand.js';
import {esimBrand} from './esim.js';
import {safeRich} from './rich-text.js';

export const GENERATED_COUNTRIES: Readonly<Record<string, {size: number; currency: string; seed: number}>> = {
  IN: {size: 2000, currency: 'INR', seed: 91},
  CN: {size: 10000, currency: 'CNY', seed: 86},
};

const FIRST = ['Golden', 'Blue', 'Royal', 'Urban', 'Happy', 'Silver', 'Green', 'Lucky', 'Bright', 'Swift', 'Noble', 'Prime',
  'Sunny', 'Crystal', 'Lotus', 'Coral', 'Maple', 'Cedar', 'Amber', 'Nova', 'Orbit', 'Pixel', 'Metro', 'Rapid', 'Zen'];
const SECOND = ['Mart', 'Bazaar', 'Games', 'Cinema', 'Travel', 'Foods', 'Fashion', 'Books', 'Music', 'Play', 'Stay', 'Rides',
  'Kitchen', 'Sports', 'Beauty', 'Tech', 'Home', 'Pets', 'Garden', 'Café', 'Pharmacy', 'Fuel', 'Cloud', 'Studio'];
const CATEGORIES = ['e-commerce', 'games', 'streaming', 'travel_flights', 'food', 'fashion', 'electronics', 'entertainment',
  'groceries', 'books_learning'];
const TOPUP_CATEGORIES = ['mobile_credits', 'mobile_talk_time', 'mobile_bundle'];

function color(rand: () => number): string {
  return `#${Math.floor(rand() * 0xffffff).toString(16).padStart(6, '0')}`;
}

export function generateCountry(cc: string): BrandDef[] {
  const spec = GENERATED_COUNTRIES[cc];
  if (!spec) return [];
  const rand = seededRandom(spec.seed);
  const brands: BrandDef[] = [esimBrand(cc)];
  const pairs = FIRST.length * SECOND.length;
  for (let i = 0; brands.length < spec.size; i++) {
    const a = FIRST[i % FIRST.length]!;
    const b = SECOND[Math.floor(i / FIRST.length) % SECOND.length]!;
    const round = Math.floor(i / pairs);
    const family = round === 0 ? `${a} ${b}` : `${a} ${b} ${round + 1}`;
    const topUp = rand() < 0.08;
    const unit = cc === 'IN' ? 100 : 10;
    const useRange = rand() < 0.3;
    const category = topUp
      ? TOPUP_CATEGORIES[Math.floor(rand() * TOPUP_CATEGORIES.length)]!
      : CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!;
    const extra = rand() < 0.25 ? [CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!].filter((c) => c !== category) : [];
    brands.push(
      buildBrand(cc, {
        family,
        brand: `${family} ${cc}`,
        kind: topUp ? 'mobile_recharge' : 'giftcard',
        category,
        additionalCategories: extra,
        currency: spec.currency,
        bgColor: color(rand),
        deliveryType: topUp ? 'by_phone' : 'by_email',
        deliverable: topUp ? 'topup' : rand() < 0.2 ? 'link' : 'pin',
        shortBrandId: rand() < 0.1,
        outOfStock: rand() < 0.03,
        ...(useRange
          ? {range: {min: unit, max: unit * 100, step: unit / 10, faceStyle: rand() < 0.5 ? 'strings' : 'objects'} as const}
          : {fixed: values(unit, unit * 2.5, unit * 5, unit * 10)}),
        ...(rand() < 0.5 ? {rich: safeRich(family)} : {}),
      }),
    );
  }
  return brands;
}
