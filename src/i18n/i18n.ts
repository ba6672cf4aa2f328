// Languages and message loading. Every language, English included, is its own lazy chunk, loaded through an
// explicit map of static import() calls (a bundler can see each one, which a template-string import could not), so
// a page pays only for the language it shows (a German page does not also carry English: issue 6). English is the
// type source and the fallback when a language's chunk cannot be fetched; when not even English can be, the
// element says so with the few words of offline.ts, which the entry holds.
import {LANGS} from '../upstream/languages.js';
import type {BaseMessages, Messages} from './locales/en/index.js';
import type {StatusMessages} from './locales/en/status.js';

export type {Messages};
export type {CommonMessages, PickerMessages, CheckoutMessages, StatusMessages} from './locales/en/index.js';

/** The ten upstream languages (with the upstream's other facts, which the proxy reads too). */
export {LANGS};
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

const loaders: Record<Lang, () => Promise<{messages: BaseMessages; loadStatus: () => Promise<{status: StatusMessages}>}>> = {
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

/** The messages of `lang` if they are loaded already (with the tracking's words, for `tracking`). */
export function cachedMessages(lang: Lang, tracking = false): Messages | undefined {
  const messages = loaded.get(lang);
  return messages && (!tracking || messages.status) ? messages : undefined;
}

/**
 * Loads (once) and returns the messages of `lang`, with the tracking's words for `tracking` (a <cr-order-status>);
 * English if that chunk cannot be fetched (a missing file, a policy), and a chunk that failed is fetched again next
 * time. Rejects only when English cannot be fetched either. Without `tracking`, `status` may be missing: only a
 * status reads it.
 */
export function loadMessages(lang: Lang, tracking = false): Promise<Messages> {
  const base = loadBase(lang);
  return tracking ? base.then((messages) => (messages.status ? messages : withStatus(messages))) : base;
}

/** Every message of `lang`, the tracking's words too: what the package exports as `loadMessages` (src/index.ts). */
export function loadAllMessages(lang: Lang): Promise<Messages> {
  return loadMessages(lang, true);
}

function loadBase(lang: Lang): Promise<Messages> {
  const ready = loaded.get(lang);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(lang);
  if (!pending) {
    pending = loaders[lang]().then(
      (module) => {
        // One object per language, which the tracking's words join when a status asks for them.
        const messages = {...module.messages} as Messages;
        statusLoaders.set(messages, module.loadStatus);
        loaded.set(lang, messages);
        return messages;
      },
      (error: unknown) => {
        loading.delete(lang);
        if (lang === DEFAULT_LANG) throw error;
        console.warn(`cryptorefills-checkout: could not load the "${lang}" messages, using English`, error);
        return loadBase(DEFAULT_LANG);
      },
    );
    loading.set(lang, pending);
  }
  return pending;
}

// The tracking's words of each language are a chunk of their own, which its other words' chunk loads: only a
// <cr-order-status> asks for them, so a page with a checkout or a picker alone does not carry them (−0.8 KiB gzipped
// there; a page with a status fetches one file more).
const statusLoaders = new Map<Messages, () => Promise<{status: StatusMessages}>>();
const loadingStatus = new Map<Messages, Promise<Messages>>();

/** `messages` with the tracking's words of their language, or English ones (whole English words) where those fail. */
function withStatus(messages: Messages): Promise<Messages> {
  let pending = loadingStatus.get(messages);
  if (!pending) {
    const lang = messages.lang as Lang;
    pending = statusLoaders.get(messages)!().then(
      (module) => {
        messages.status = module.status;
        return messages;
      },
      (error: unknown) => {
        loadingStatus.delete(messages);
        if (lang === DEFAULT_LANG) throw error;
        console.warn(`cryptorefills-checkout: could not load the "${lang}" tracking messages, using English`, error);
        return loadMessages(DEFAULT_LANG, true);
      },
    );
    loadingStatus.set(messages, pending);
  }
  return pending;
}
