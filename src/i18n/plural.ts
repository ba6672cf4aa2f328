// Plural categories with Intl.PluralRules, cached per locale, for the message functions of the locale files.
// The one runtime module locale files may import (besides their own sections): anything they import is shared by
// the entry and every lazy language chunk, which a bundler may split into an extra chunk the entry must load.
const rules = new Map<string, Intl.PluralRules>();

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & {other: string};

/** Picks the form for `count` in `locale`; `other` when the locale's category has no form given. */
export function plural(locale: string, count: number, forms: PluralForms): string {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  return forms[rule.select(count)] ?? forms.other;
}
