// Bundle sizes for `npm run bench` and the build test: every file of the script-tag build with its raw, gzip and
// brotli size (node:zlib, maximum levels, as a CDN would serve them), what each kind of page loads at most (read off
// the chunks' imports), and what each source file or package costs inside each chunk.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';
import {LANGS} from '../../src/i18n/i18n.js';
import {staticClosure as closureIn} from '../build/chunk-graph.js';

export const ENTRY_FILE = 'cryptorefills-checkout.js';
/** Budgets of issue 6, in KiB gzipped. */
export const ENTRY_BUDGET_KIB = 25;
export const ALL_BUDGET_KIB = 50;

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export const gzipBytes = (code: string | Uint8Array) => gzipSync(code, {level: 9}).length;
export const brotliBytes = (code: string | Uint8Array) =>
  brotliCompressSync(code, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length;

export function sizeOf(file: string, code: string | Uint8Array): FileSize {
  return {file, raw: typeof code === 'string' ? Buffer.byteLength(code) : code.length, gzip: gzipBytes(code), brotli: brotliBytes(code)};
}

type Total = Omit<FileSize, 'file'>;

/** What one kind of page loads at most: the files, and their sizes added up (each file is compressed alone). */
export interface PageLoad extends Total {
  page: string;
  files: string[];
}

export interface BundleSizes {
  entry: FileSize;
  chunks: FileSize[];
  /** Entry plus every lazy chunk: every language, sanitizer, QR encoder. */
  all: Total;
  /**
   * What each kind of page (no element, each element alone, `ALL_THREE`) loads at most in one language: the entry,
   * its bodies and all they may load, the largest language; where the browser sanitizes by itself (the standard
   * Sanitizer API: Chromium, Firefox), and, named `… NO_SANITIZER_API`, where it has not and DOMPurify is loaded.
   */
  pages: PageLoad[];
}

/** The page kind with all three elements, and the suffix of a kind's line where DOMPurify is loaded. */
export const ALL_THREE = 'all three';
export const NO_SANITIZER_API = ', no Sanitizer API';

/** The DOMPurify chunk, loaded only where the browser has no standard Sanitizer API. */
const SANITIZER_CHUNK = /^purify[\w.-]*\.js$/;
/** The QR encoder's chunk (vite.config.ts names it). */
const QR_CHUNK = /^lean-qr-[\w-]+\.js$/;

/** Lazy language chunks are named after their folder (`de-<hash>.js`, six hash characters), one per language. */
export const LANGUAGE_CHUNK = new RegExp(`^(?:${LANGS.join('|')})-[\\w-]{6}\\.js$`);
/** The tracking's words of each language (`de-status-<hash>.js`), loaded only for a <cr-order-status> (i18n.ts). */
export const TRACKING_WORDS_CHUNK = new RegExp(`^(?:${LANGS.join('|')})-status-[\\w-]{6}\\.js$`);
const isWords = (file: string) => LANGUAGE_CHUNK.test(file) || TRACKING_WORDS_CHUNK.test(file);

/** The body chunks of the elements (lazy-body.ts), by tag. */
const BODY_CHUNK = /^(cr-[a-z-]+)-body-[\w-]+\.js$/;

/** The chunks a built file imports: statically (`from"./x.js"`, `import"./x.js"`) and with `import("./x.js")`. */
export function importsOf(code: string): {static: string[]; dynamic: string[]} {
  const names = (pattern: RegExp) => [...new Set([...code.matchAll(pattern)].map((m) => m[1]!))];
  return {
    static: names(/(?:\bfrom\s*|\bimport\s*)["'`]\.\/([\w.-]+\.js)["'`]/g),
    dynamic: names(/\bimport\(\s*["'`]\.\/([\w.-]+\.js)["'`]\s*\)/g),
  };
}

/** Sizes of the script-tag build in dir (the entry and the .js chunks beside it). */
export function bundleSizes(dir: string): BundleSizes {
  const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
  if (!files.includes(ENTRY_FILE)) throw new Error(`${ENTRY_FILE} not found in ${dir}: run npm run build first`);
  const code = new Map(files.map((f) => [f, readFileSync(join(dir, f))]));
  const sizes = files.map((f) => sizeOf(f, code.get(f)!));
  const byFile = new Map(sizes.map((s) => [s.file, s]));
  const entry = byFile.get(ENTRY_FILE)!;
  const chunks = sizes.filter((s) => s !== entry);
  const total = (list: FileSize[]): Total => ({
    raw: list.reduce((n, s) => n + s.raw, 0),
    gzip: list.reduce((n, s) => n + s.gzip, 0),
    brotli: list.reduce((n, s) => n + s.brotli, 0),
  });
  /** The words a page shows in one language, at most: its base chunk, and its tracking words where a status shows. */
  const languageOf = (file: string) => file.split('-')[0]!;
  const largestWords = (tracking: boolean): FileSize[] =>
    LANGS.map((lang) => chunks.filter((c) => languageOf(c.file) === lang && (LANGUAGE_CHUNK.test(c.file) || (tracking && TRACKING_WORDS_CHUNK.test(c.file)))))
      .sort((a, b) => total(b).gzip - total(a).gzip)[0] ?? [];
  const graph = new Map(files.map((f) => [f, importsOf(code.get(f)!.toString('utf8'))]));
  const staticClosure = (file: string) => closureIn((f) => graph.get(f)?.static, file);
  /**
   * What `file` loads on its own with `import()`: not a chunk that another of its `import()`s brings statically
   * (vite.config.ts asks for a body's shared chunks with the body, to save a round trip; they come with the body).
   */
  const ownDynamic = (file: string): string[] => {
    const dynamic = graph.get(file)?.dynamic ?? [];
    const brought = new Set(dynamic.flatMap((d) => [...staticClosure(d)]));
    return dynamic.filter((d) => !brought.has(d));
  };

  /** Everything a page with these elements may load: the entry, their bodies, and all those import, at most. */
  const load = (page: string, tags: string[], nativeSanitizer: boolean): PageLoad => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file) || !byFile.has(file)) return;
      const body = BODY_CHUNK.exec(file)?.[1];
      if (body && !tags.includes(body)) return;
      if (isWords(file) || (nativeSanitizer && SANITIZER_CHUNK.test(file))) return;
      seen.add(file);
      [...graph.get(file)!.static, ...ownDynamic(file)].forEach(visit);
    };
    visit(ENTRY_FILE);
    const list = [...seen].map((f) => byFile.get(f)!);
    // One language (English is a lazy chunk too): the largest, if the page shows any element.
    if (tags.length) list.push(...largestWords(tags.includes('cr-order-status')));
    return {page, files: list.map((s) => s.file), ...total(list)};
  };
  const kinds: [string, string[]][] = [
    ['no element (the script tag alone)', []],
    ['<cr-brand-picker> alone', ['cr-brand-picker']],
    ['<cr-checkout> alone', ['cr-checkout']],
    ['<cr-order-status> alone', ['cr-order-status']],
    [ALL_THREE, ['cr-brand-picker', 'cr-checkout', 'cr-order-status']],
  ];
  const pages: PageLoad[] = [];
  for (const [name, tags] of kinds) {
    const native = load(name, tags, true);
    const purified = load(`${name}${NO_SANITIZER_API}`, tags, false);
    // The DOMPurify line only where the page may load it at all.
    pages.push(native, ...(purified.files.length > native.files.length ? [purified] : []));
  }
  return {entry, chunks, all: total(sizes), pages};
}

/** The line of one kind of page (`pageOf(sizes, ALL_THREE + NO_SANITIZER_API)`). */
export function pageOf(sizes: BundleSizes, page: string): PageLoad {
  const found = sizes.pages.find((p) => p.page === page);
  if (!found) throw new Error(`no page "${page}" in the size table`);
  return found;
}

export const kib = (bytes: number) => (bytes / 1024).toFixed(1);

/** What a module id belongs to, for the cost table: a package name, a language's messages, or a source file. */
export function groupOf(id: string): string {
  const clean = id.replace(/^\0/, '').split('?')[0]!;
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = clean.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const at = clean.indexOf('/src/');
  if (at < 0) return clean;
  const parts = clean.slice(at + 1).split('/');
  return parts[1] === 'i18n' && parts[2] === 'locales' ? parts.slice(0, 4).join('/') : parts.join('/');
}

export interface ModuleCost {
  group: string;
  /** Minified bytes of the group's code inside the chunk (read off the source map). */
  raw: number;
  /** Those bytes gzipped on their own: not additive (gzip shares context across a file), but it ranks them. */
  gzip: number;
}

export interface ChunkCosts {
  /** The chunk's name without its hash (`cr-checkout-body`), or the entry's file name. */
  chunk: string;
  costs: ModuleCost[];
}

/**
 * Builds the script-tag bundle in memory (vite.config.ts with source maps, nothing written) and answers what each
 * package or source file costs inside the entry and each body or shared chunk (languages, DOMPurify and the QR
 * encoder, one thing each, are left out), largest first. Bytes the map gives no source for (the bundler's own glue)
 * are `(bundler glue)`.
 */
export async function chunkBreakdown(configFile: string): Promise<ChunkCosts[]> {
  const [{build}, {SourceMapConsumer}] = await Promise.all([import('vite'), import('source-map-js')]);
  const result = await build({configFile, logLevel: 'silent', build: {write: false, sourcemap: true}});
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  const answer: ChunkCosts[] = [];
  for (const chunk of outputs) {
    if (chunk.type !== 'chunk' || !chunk.map || isWords(chunk.fileName) || SANITIZER_CHUNK.test(chunk.fileName) || QR_CHUNK.test(chunk.fileName)) continue;
    const lines = chunk.code.split('\n');
    const pieces = new Map<string, string>();
    const mappings: {generatedLine: number; generatedColumn: number; source: string | null}[] = [];
    new SourceMapConsumer(chunk.map as never).eachMapping((m) => mappings.push(m));
    mappings.sort((x, y) => x.generatedLine - y.generatedLine || x.generatedColumn - y.generatedColumn);
    // Each mapping owns the generated text up to the next one on its line.
    mappings.forEach((m, i) => {
      const next = mappings[i + 1];
      const line = lines[m.generatedLine - 1] ?? '';
      const end = next && next.generatedLine === m.generatedLine ? next.generatedColumn : line.length;
      const group = m.source ? groupOf(m.source) : '(bundler glue)';
      pieces.set(group, (pieces.get(group) ?? '') + line.slice(m.generatedColumn, end));
    });
    const costs = [...pieces]
      .map(([group, text]) => ({group, raw: Buffer.byteLength(text), gzip: text ? gzipBytes(text) : 0}))
      .filter((c) => c.raw > 0)
      .sort((x, y) => y.raw - x.raw);
    answer.push({chunk: chunk.isEntry ? chunk.fileName : chunk.fileName.replace(/-[\w-]{6}\.js$/, ''), costs});
  }
  return answer.sort((x, y) => y.costs.reduce((n, c) => n + c.raw, 0) - x.costs.reduce((n, c) => n + c.raw, 0));
}
