// The 233 countries upstream supports (GET https://cryptorefills.com/api/available-countries, as published in the
// API reference), embedded as one string of alpha-2 codes: 466 bytes instead of a request to another host.
// Names come from Intl.DisplayNames in the reader's language, so no name list ships at all.
import {collator, countryName} from './names.js';

const CODES =
  'AXALDZASADAOAIAQAGARAMAWAUATAZBSBHBDBBBEBZBJBMBTBOBQBABWBVBRIOBNBGBFBICVKHCMCAKYTDCLCNCXCCCOKMCGCKCRCIHRCWCYCZDKDJ' +
  'DMDOECEGSVGQEREESZETFKFOFJFIFRGFPFTFGAGMGEDEGHGIGRGLGDGPGUGTGGGNGWGYHTHMHNHKHUISINIDIEIMILITJMJPJEJOKZKEKIXKKWKGLA' +
  'LVLBLSLRLILTLUMOMGMWMYMVMTMHMQMRMUYTMXFMMDMCMNMEMSMAMZNANRNPNLNCNZNINENGNUNFMKMPNOOMPKPWPSPAPGPYPEPHPNPLPTPRQARERO' +
  'RWBLSHKNLCMFPMVCWSSMSTSASNRSSCSLSGSXSKSISBSOZAGSKRESLKSRSJSECHTWTJTZTHTLTGTKTOTTTNTRTMTCTVUGUAAEGBUSUMUYUZVUVAVNVG' +
  'VIWFEHYEZM';

/** The supported country codes, in the reference's order. */
export const COUNTRY_CODES: readonly string[] = CODES.match(/../g) ?? [];

export function isSupportedCountry(code: string): boolean {
  return COUNTRY_CODES.includes(code.toUpperCase());
}

export interface CountryOption {
  code: string;
  name: string;
}

const sortedCache = new Map<string, CountryOption[]>();

/** Every supported country with its name in `locale`, sorted the locale's way (cached per locale). */
export function countryOptions(locale: string): CountryOption[] {
  let list = sortedCache.get(locale);
  if (!list) {
    const compare = collator(locale).compare;
    list = COUNTRY_CODES.map((code) => ({code, name: countryName(locale, code)})).sort((a, b) => compare(a.name, b.name));
    sortedCache.set(locale, list);
  }
  return list;
}
