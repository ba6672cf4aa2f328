// The language's plural rule, once for all its message files (a module of this folder only: the language's chunk
// still stands alone in the build).
const rules = new Intl.PluralRules('de');

/** Whether `count` takes the language's "one" form. */
export const one = (count: number) => rules.select(count) === 'one';
