// The ten languages upstream speaks (UPSTREAM.md): the widget's locales, and the only `lang` the proxy forwards.
// Pure data, for browser and server code alike.
export const LANGS = ['en', 'es', 'fr', 'de', 'it', 'pt', 'zh', 'tr', 'vi', 'tl'] as const;
