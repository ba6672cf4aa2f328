// Every language has exactly the English keys (recursively), the same argument count for every message function,
// and real translations (not English copies); the loader maps page languages onto the ten upstream ones.
import {assert} from '@open-wc/testing';
import {cachedMessages, LANGS, loadMessages, toLang, toLocale, type Messages} from '../../src/i18n/i18n.js';
import {loadMessages as exportedLoadMessages} from '../../src/index.js';
import {messages as englishBase} from '../../src/i18n/locales/en/index.js';
import {status as englishStatus} from '../../src/i18n/locales/en/status.js';

/** Every English message, the tracking's words (a chunk of their own) too. */
const englishMessages = {...englishBase, status: englishStatus};

type Tree = {[key: string]: unknown};

function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') for (const [k, v] of leaves(value as Tree, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

/** Sample arguments for a message function, by arity: numbers and strings both render. */
function sample(fn: (...args: never[]) => unknown): string {
  const args = Array.from({length: fn.length}, (_, i) => (i === 0 ? 3 : 'X')) as never[];
  return String(fn(...args));
}

const english = leaves(englishMessages as unknown as Tree);

suite('locales', () => {
  test('the tracking\'s words are loaded only when asked for (a <cr-order-status>), into the same messages', async () => {
    const tl = await loadMessages('tl');
    assert.hasAllKeys(tl, ['lang', 'common', 'picker', 'checkout'], 'a checkout or a picker does not carry them');
    assert.strictEqual(cachedMessages('tl'), tl);
    assert.isUndefined(cachedMessages('tl', true));
    assert.strictEqual(await loadMessages('tl', true), tl);
    assert.isString(tl.status.title);
    assert.strictEqual(cachedMessages('tl', true), tl);
  });

  test('the package\'s loadMessages gives every message, the tracking\'s words too, as its type says', async () => {
    const zh = await exportedLoadMessages('zh');
    assert.equal(zh.lang, 'zh');
    assert.isString(zh.status.title);
  });

  test('the four sections exist in English, which is a lazy chunk like the others', async () => {
    assert.hasAllKeys(englishMessages, ['lang', 'common', 'picker', 'checkout', 'status']);
    const en = await loadMessages('en', true);
    assert.deepEqual(en, englishMessages);
    assert.strictEqual(cachedMessages('en', true), en);
  });

  for (const lang of LANGS.filter((l) => l !== 'en')) {
    test(`${lang}: same keys, same arities, real translations`, async () => {
      const messages: Messages = await loadMessages(lang, true);
      assert.equal(messages.lang, lang, `${lang} fell back to English (its chunk did not load)? The words say which language they are in`);
      const own = leaves(messages as unknown as Tree);
      assert.sameMembers([...own.keys()], [...english.keys()], `${lang} keys differ from English`);
      let same = 0;
      let strings = 0;
      for (const [key, value] of english) {
        const theirs = own.get(key);
        assert.equal(typeof theirs, typeof value, `${lang}.${key} type`);
        if (typeof value === 'function') {
          assert.equal((theirs as () => unknown).length, (value as () => unknown).length, `${lang}.${key} arity`);
          const text = sample(theirs as () => unknown);
          assert.isString(text);
          assert.isAbove(text.length, 0, `${lang}.${key}() is empty`);
        } else {
          assert.isAbove(String(theirs).trim().length, 0, `${lang}.${key} is empty`);
          strings++;
          if (theirs === value) same++;
        }
      }
      // A few strings may rightly be the same ("eSIM"); most must be translated.
      assert.isBelow(same / strings, 0.1, `${lang}: ${same} of ${strings} messages are identical to English`);
      assert.strictEqual(cachedMessages(lang, true), messages);
    });
  }

  test('locale files import at run time only their own section files, the tiny plural helper and the offline words', async () => {
    // The dev server serves the files as the browser gets them: type-only imports are gone, runtime ones remain.
    // A module shared by the entry and the lazy language chunks may be split by the bundler into a chunk that the
    // entry must then load too; keep that surface to the language's own plural.ts and offline.ts (which the entry
    // holds anyway).
    const offending: string[] = [];
    for (const lang of LANGS) {
      for (const file of ['index', 'common', 'picker', 'checkout', 'status']) {
        const url = new URL(`../../src/i18n/locales/${lang}/${file}.ts`, import.meta.url);
        const code = await (await fetch(url)).text();
        const imports = [...code.matchAll(/(?:import|export)\s*(?:[^'"]*?from\s*)?['"]([^'"]+)['"]/g)].map((m) => m[1]!);
        for (const spec of imports) if (!/^(\.\/[a-z]+|\.\.\/\.\.\/offline)\.(js|ts)(\?.*)?$/.test(spec)) offending.push(`${lang}/${file}: ${spec}`);
      }
    }
    assert.deepEqual(offending, []);
  });

  test('plural forms follow the language (Intl.PluralRules), and counts come formatted for the reader', async () => {
    assert.equal(englishMessages.picker.results(1, '1'), '1 brand');
    assert.equal(englishMessages.picker.results(1234, '1,234'), '1,234 brands');
    assert.equal(englishMessages.checkout.minutesLeft(1), '1 minute left to pay.');
    assert.equal(englishMessages.checkout.minutesLeft(2), '2 minutes left to pay.');
    const fr = await loadMessages('fr', true);
    assert.equal(fr.picker.results(0, '0'), '0 marque');
    assert.equal(fr.picker.results(2, '2'), '2 marques');
    const de = await loadMessages('de', true);
    assert.equal(de.picker.results(10000, '10.000'), '10.000 Marken');
    // Every language: the formatted count is what is said.
    for (const lang of LANGS) assert.include((await loadMessages(lang, true)).picker.results(12345, '12,345!'), '12,345!', lang);
  });

  test('a message that counts says the count it is given, in every language (Tagalog\'s "one" covers 2, 3, 5, 10, 21…)', async () => {
    // The checkout announces 10, 5 and 1 minutes left, and how many fields need attention after a failed submit.
    for (const lang of LANGS) {
      const m = await loadMessages(lang, true);
      for (const n of [2, 3, 5, 10, 21]) {
        assert.include(m.checkout.minutesLeft(n), String(n), `${lang} minutesLeft(${n})`);
        assert.include(m.checkout.invalid.summary(n), String(n), `${lang} invalid.summary(${n})`);
      }
    }
  });

  test('vi: an overpayment names the extra amount, not the price ("gửi nhiều hơn giá X" read as "more than the price X")', async () => {
    const vi = await loadMessages('vi', true);
    const text = vi.common.overpaid('0,5\u00a0USDC');
    assert.include(text, 'thừa 0,5\u00a0USDC so với giá');
    assert.notInclude(text, 'giá 0,5');
  });

  test('pt is Brazilian throughout ("celular", "Carregando…"): no European "a + infinitive" progressive', async () => {
    const pt = leaves((await loadMessages('pt', true)) as unknown as Tree);
    for (const [key, value] of pt) {
      const text = typeof value === 'function' ? sample(value as () => unknown) : String(value);
      assert.notMatch(text, /(^|[.:;] )(A|Está a|Estão a) [a-zà-ú]+(ar|er|ir)\b/, `pt.${key}: ${text}`);
    }
  });

  test('es, pt, it: one o\'clock takes the singular article ("antes de la 1:05", "antes da 01:05", "entro l’01:05"), other hours the plural', async () => {
    const [es, pt, it] = await Promise.all([loadMessages('es', true), loadMessages('pt', true), loadMessages('it', true)]);
    // The times as Intl writes them for each language (timeStyle short).
    const time = (locale: string, hour: number) => new Intl.DateTimeFormat(locale, {timeStyle: 'short', timeZone: 'UTC'}).format(Date.UTC(2026, 0, 1, hour, 5));
    for (const [hour, esArticle, ptArticle, itArticle] of [[1, 'la', 'da', 'l’'], [13, 'las', 'das', 'le '], [10, 'las', 'das', 'le '], [11, 'las', 'das', 'le ']] as const) {
      assert.include(it.status.payBefore(time('it', hour)), `entro ${itArticle}${time('it', hour)}`);
      assert.include(it.status.partialHint(time('it', hour)), `entro ${itArticle}${time('it', hour)}`);
      assert.include(es.status.payBefore(time('es', hour)), `antes de ${esArticle} ${time('es', hour)}`);
      assert.include(es.status.partialHint(time('es', hour)), `antes de ${esArticle} ${time('es', hour)}`);
      assert.include(pt.status.payBefore(time('pt-BR', hour)), `antes ${ptArticle} ${time('pt-BR', hour)}`);
      assert.include(pt.status.partialHint(time('pt-BR', hour)), `antes ${ptArticle} ${time('pt-BR', hour)}`);
    }
  });

  test('fr: one spelling of "cryptomonnaie" throughout', async () => {
    const fr = leaves((await loadMessages('fr', true)) as unknown as Tree);
    for (const [key, value] of fr) {
      const text = typeof value === 'function' ? sample(value as () => unknown) : String(value);
      assert.notMatch(text, /crypto-monnaie/i, `fr.${key}: ${text}`);
    }
  });

  test('fr: a no-break (narrow) space before ; : ! ? » and after «, so a line never starts with the sign', async () => {
    const fr = leaves((await loadMessages('fr', true)) as unknown as Tree);
    for (const [key, value] of fr) {
      const text = typeof value === 'function' ? sample(value as () => unknown) : String(value);
      assert.notMatch(text, /[^\S\u00a0\u202f][;:!?»]|«[^\S\u00a0\u202f]/, `fr.${key}: ${JSON.stringify(text)}`);
    }
  });

  test('page languages map onto the ten upstream ones', () => {
    assert.equal(toLang('zh-CN'), 'zh');
    assert.equal(toLang('pt-BR'), 'pt');
    assert.equal(toLang('PT_br'), 'pt');
    assert.equal(toLang('fil'), 'tl');
    assert.equal(toLang('en-GB'), 'en');
    assert.equal(toLang('ja'), 'en');
    assert.equal(toLang(''), 'en');
    assert.equal(toLang(undefined), 'en');
    assert.equal(toLocale('pt-BR'), 'pt-BR');
    assert.equal(toLocale('ja'), 'en');
    assert.equal(toLocale('de'), 'de');
  });
});
