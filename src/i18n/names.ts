// What only the brand picker needs of Intl: the names of countries and the collator that sorts them, beside format.ts
// rather than in it, so they come with the picker and not with every page's API client.

const displayNames = new Map<string, Intl.DisplayNames | null>();

/** The country's name in the locale (`Intl.DisplayNames`, one per locale); the code itself when unknown. */
export function countryName(locale: string, code: string): string {
  let names = displayNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames(locale, {type: 'region', fallback: 'code'});
    } catch {
      names = null;
    }
    displayNames.set(locale, names);
  }
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
