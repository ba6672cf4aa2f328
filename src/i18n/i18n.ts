// Languages and message loading. English is bundled (it is the fallback and the type source); each other language
// is its own lazy chunk, loaded through an explicit map of static import() calls (a bundler can see each one, which
// a template-string import could not), so a page pays only for the language it shows.
import {messages as en, type Messages} from './locales/en/index.js';

export type {Messages};
export type {CommonMessages, PickerMessages, CheckoutMessages, StatusMessages} from './locales/en/index.js';

/** The ten upstream languages. */
export const LANGS = ['en', 'es', 'fr', 'de', 'it', 'pt', 'zh', 'tr', 'vi', 'tl'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

const loaders: Record<Exclude<Lang, 'en'>, () => Promise<{messages: Messages}>> = {
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

const loaded = new Map<Lang, Messages>([['en', en]]);
const loading = new Map<Lang, Promise<Messages>>();

export {en as englishMessages};

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

/** The messages of `lang` if they are loaded already (English always is). */
export function cachedMessages(lang: Lang): Messages | undefined {
  return loaded.get(lang);
}

/** Loads (once) and returns the messages of `lang`; English if the chunk cannot be loaded. */
export function loadMessages(lang: Lang): Promise<Messages> {
  const ready = loaded.get(lang);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(lang);
  if (!pending) {
    pending = loaders[lang as Exclude<Lang, 'en'>]()
      .then((module) => {
        loaded.set(lang, module.messages);
        return module.messages;
      })
      .catch((error: unknown) => {
        // A chunk that fails to load (offline, CSP) must not leave the widget blank: English, and retry next time.
        loading.delete(lang);
        console.warn(`cryptorefills-checkout: could not load the "${lang}" messages, using English`, error);
        return en;
      });
    loading.set(lang, pending);
  }
  return pending;
}
