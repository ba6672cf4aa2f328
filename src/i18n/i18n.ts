// Languages and message loading. Every language, English included, is its own lazy chunk, loaded through an
// explicit map of static import() calls (a bundler can see each one, which a template-string import could not), so
// a page pays only for the language it shows (a German page does not also carry English: issue 6). English is the
// type source and the fallback when a language's chunk cannot be fetched; when not even English can be, the
// element says so with the few words of offline.ts, which the entry holds.
import {LANGS} from '../upstream/languages.js';
import type {Messages} from './locales/en/index.js';

export type {Messages};
export type {CommonMessages, PickerMessages, CheckoutMessages, StatusMessages} from './locales/en/index.js';

/** The ten upstream languages (with the upstream's other facts, which the proxy reads too). */
export {LANGS};
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

const loaders: Record<Lang, () => Promise<{messages: Messages}>> = {
  en: () => import('./locales/en/index.js'),
  es: () => import('./locales/es/index.js'),
  fr: () => import('./locales/fr/index.js'),
  de: () => import('./locales/de/index.js'),
  it: () => import('./locales/it/index.js'),
  pt: () => import('./locales/pt/index.js'),
  zh: () => import('./locales/zh/index.js'),
  tr: () => import('./locales/tr/index.js'),
  vi: () => import('./locales/vi/index.js'),
  tl: () => import('./locales/tl/index.js'),
};

const loaded = new Map<Lang, Messages>();
const loading = new Map<Lang, Promise<Messages>>();

/**
 * The upstream language for any BCP 47 tag: its primary subtag when it is one of the ten (`pt-BR` → `pt`,
 * `zh-CN` → `zh`, `fil` → `tl`), else English.
 */
export function toLang(tag: string | null | undefined): Lang {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (primary === 'fil') return 'tl'; // Filipino is the standardized Tagalog; browsers report either
  return (LANGS as readonly string[]).includes(primary) ? (primary as Lang) : DEFAULT_LANG;
}

/**
 * The locale for Intl formatting: the page's own tag when it belongs to the chosen language (keeps `pt-BR` or
 * `en-GB` number and date conventions), else the language itself.
 */
export function toLocale(tag: string | null | undefined, lang: Lang = toLang(tag)): string {
  const clean = (tag ?? '').trim().replace(/_/g, '-');
  const primary = clean.split('-')[0]?.toLowerCase() ?? '';
  // 'ja' falls back to English messages, but must not format numbers the Japanese way beside English words.
  const belongs = primary === lang || (lang === 'tl' && primary === 'fil');
  if (clean && belongs) {
    try {
      return Intl.getCanonicalLocales(clean)[0] ?? lang;
    } catch {
      return lang;
    }
  }
  return lang;
}

/** The messages of `lang` if they are loaded already. */
export function cachedMessages(lang: Lang): Messages | undefined {
  return loaded.get(lang);
}

/**
 * Loads (once) and returns the messages of `lang`; English if that chunk cannot be fetched (a missing file, a
 * policy), and a chunk that failed is fetched again next time. Rejects only when English cannot be fetched either.
 */
export function loadMessages(lang: Lang): Promise<Messages> {
  const ready = loaded.get(lang);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(lang);
  if (!pending) {
    pending = loaders[lang]().then(
      (module) => {
        loaded.set(lang, module.messages);
        return module.messages;
      },
      (error: unknown) => {
        loading.delete(lang);
        if (lang === DEFAULT_LANG) throw error;
        console.warn(`cryptorefills-checkout: could not load the "${lang}" messages, using English`, error);
        return loadMessages(DEFAULT_LANG);
      },
    );
    loading.set(lang, pending);
  }
  return pending;
}
