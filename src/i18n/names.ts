// What only the brand picker needs of Intl: the names of countries and the collator that sorts them, beside format.ts
// rather than in it, so they come with the picker and not with every page's API client.
import {cached} from './format.js';

/** The country's name in the locale (`Intl.DisplayNames`, one per locale); the code itself when unknown. */
export function countryName(locale: string, code: string): string {
  const names = cached('region', locale, undefined, () => {
    try {
      return new Intl.DisplayNames(locale, {type: 'region', fallback: 'code'});
    } catch {
      return null;
    }
  });
  const upper = code.toUpperCase();
  try {
    return names?.of(upper) ?? upper;
  } catch {
    return upper;
  }
}

/** A collator for sorting names the way the locale's readers expect (accents, case); the caller keeps it. */
export function collator(locale: string): Intl.Collator {
  return new Intl.Collator(locale, {sensitivity: 'base', numeric: true});
}
