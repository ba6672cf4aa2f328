// The picker's list, prepared once per brands page so that each keystroke only has to scan strings: brands
// de-duplicated by `brand` (all_brands first, then categories, which repeat brands), e-money removed (it needs a
// signed-in, verified user), each put under one tab, with its search key folded (accents and case) in advance.
import type {Brand, BrandsPage} from '../../api/schemas.js';

/**
 * The tabs. Gift cards = kind `giftcard`, and any kind we do not know yet (a new kind is most likely another sort
 * of voucher, and hiding it would hide products upstream means to sell); eSIMs = category `e-sim` whatever the kind;
 * mobile top-ups = every other `mobile_recharge`.
 */
export const TABS = ['giftcards', 'topups', 'esims'] as const;
export type Tab = (typeof TABS)[number];

export interface IndexedBrand {
  brand: Brand;
  tab: Tab;
  /** Folded `family` + `brand`, for matching. */
  key: string;
  /** Folded `family`, for ranking prefix matches first. */
  name: string;
}

export interface BrandIndex {
  all: IndexedBrand[];
  byTab: Record<Tab, IndexedBrand[]>;
}

/** Letters whose accent is not a separate mark in Unicode (NFD leaves them whole), as a reader would type them. */
const LETTERS: Record<string, string> = {ł: 'l', ø: 'o', đ: 'd', ð: 'd', ħ: 'h', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th'};

/**
 * Lower case without diacritics: "Café" and "CAFE" both become "cafe", "Łódź" "lodz", "Đà Nẵng" "da nang"; full-width
 * and half-width forms (a CJK keyboard's "ｓｔｅａｍ", "ﾌｧﾐﾏ") as their usual letters (NFKD, not NFD).
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøđðħıßæœþ]/g, (ch) => LETTERS[ch]!);
}

/** Letters and digits alone: "T-Mobile" as "tmobile", "McDonald’s" as "mcdonalds", as people type them. */
const compact = (folded: string) => folded.replace(/[^\p{L}\p{N}]+/gu, '');

export function tabOf(brand: Pick<Brand, 'kind' | 'category'>): Tab {
  if (brand.category === 'e-sim') return 'esims';
  if (brand.kind === 'mobile_recharge') return 'topups';
  return 'giftcards';
}

/** Brands a guest can buy: e-money needs a signed-in, verified user (UPSTREAM.md). */
export function isHidden(brand: Pick<Brand, 'category'>): boolean {
  return brand.category === 'e-money';
}

export function indexBrands(page: BrandsPage): BrandIndex {
  const seen = new Set<string>();
  const all: IndexedBrand[] = [];
  const add = (brand: Brand) => {
    if (seen.has(brand.brand) || isHidden(brand)) return;
    seen.add(brand.brand);
    const name = fold(brand.family);
    const key = brand.brand === brand.family ? name : `${name} ${fold(brand.brand)}`;
    // The names without their signs too, so that a search typed without them ("tmobile", "7eleven") finds them.
    all.push({brand, tab: tabOf(brand), name, key: `${key} ${compact(key)}`});
  };
  for (const brand of page.all_brands ?? []) add(brand);
  for (const category of page.categories ?? []) for (const brand of category.brands) add(brand);
  const byTab: Record<Tab, IndexedBrand[]> = {giftcards: [], topups: [], esims: []};
  for (const entry of all) byTab[entry.tab].push(entry);
  return {all, byTab};
}

/**
 * The brands of `list` matching every word of `query` (accent- and case-insensitive, with or without the signs inside
 * a name: "tmobile", "mcdonald’s" with a phone keyboard's apostrophe), those whose name starts with
 * the query first, otherwise in upstream's order. An empty query returns the list itself.
 */
export function filterBrands(list: readonly IndexedBrand[], query: string): readonly IndexedBrand[] {
  const words = fold(query).trim().split(/\s+/).filter(Boolean);
  if (!words.length) return list;
  // "golden  cafe" ranks like "golden cafe".
  const folded = words.join(' ');
  const starts: IndexedBrand[] = [];
  const rest: IndexedBrand[] = [];
  for (const entry of list) {
    if (!words.every((w) => entry.key.includes(w) || entry.key.includes(compact(w)))) continue;
    (entry.name.startsWith(folded) ? starts : rest).push(entry);
  }
  return starts.length ? starts.concat(rest) : rest;
}
