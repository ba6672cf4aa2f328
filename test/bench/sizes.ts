// Bundle sizes for `npm run bench` and the build test: every file of the script-tag build with its raw, gzip and
// brotli size (node:zlib, maximum levels, as a CDN would serve them), which chunks the entry loads lazily, and what
// each source module or package costs inside the entry.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';

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

export interface BundleSizes {
  entry: FileSize;
  chunks: FileSize[];
  /** Entry plus every lazy chunk: every language, sanitizer, QR encoder. */
  all: Omit<FileSize, 'file'>;
  /** What one page loads at most in one language: the entry, every non-language chunk and the largest language. */
  page: Omit<FileSize, 'file'>;
  /** The same where the browser sanitizes by itself (the standard Sanitizer API: Chromium, Firefox): no DOMPurify. */
  pageNativeSanitizer: Omit<FileSize, 'file'>;
}

/** The DOMPurify chunk, loaded only where the browser has no standard Sanitizer API. */
const SANITIZER_CHUNK = /^purify[\w.-]*\.js$/;

/** Lazy language chunks are named after their folder (`de-<hash>.js`). */
const LANGUAGE_CHUNK = /^(?:es|fr|de|it|pt|zh|tr|vi|tl)-[\w-]+\.js$/;

/** Sizes of the script-tag build in dir (the entry and the .js chunks beside it). */
export function bundleSizes(dir: string): BundleSizes {
  const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
  if (!files.includes(ENTRY_FILE)) throw new Error(`${ENTRY_FILE} not found in ${dir}: run npm run build first`);
  const sizes = files.map((f) => sizeOf(f, readFileSync(join(dir, f))));
  const entry = sizes.find((s) => s.file === ENTRY_FILE)!;
  const chunks = sizes.filter((s) => s !== entry);
  const total = (list: FileSize[]) => ({
    raw: list.reduce((n, s) => n + s.raw, 0),
    gzip: list.reduce((n, s) => n + s.gzip, 0),
    brotli: list.reduce((n, s) => n + s.brotli, 0),
  });
  const languages = chunks.filter((c) => LANGUAGE_CHUNK.test(c.file)).sort((a, b) => b.gzip - a.gzip);
  const onePage = [entry, ...chunks.filter((c) => !LANGUAGE_CHUNK.test(c.file)), ...languages.slice(0, 1)];
  return {
    entry,
    chunks,
    all: total(sizes),
    page: total(onePage),
    pageNativeSanitizer: total(onePage.filter((c) => !SANITIZER_CHUNK.test(c.file))),
  };
}

export const kib = (bytes: number) => (bytes / 1024).toFixed(1);

/** What a module id belongs to, for the cost table: a package name, or a source folder (`src/api`, `src/elements/cr-checkout`). */
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
  if (parts[1] === 'elements' && parts.length > 3) return parts.slice(0, 3).join('/');
  if (parts[1] === 'i18n' && parts[2] === 'locales') return parts.slice(0, 4).join('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : parts.join('/');
}

export interface ModuleCost {
  group: string;
  /** Minified bytes of the group's modules inside the entry. */
  raw: number;
  /** Those bytes gzipped on their own: not additive (gzip shares context across a file), but it ranks them. */
  gzip: number;
}

/**
 * Builds the script-tag bundle in memory (vite.config.ts, nothing written) and answers what each package or
 * source folder costs inside the entry, largest first.
 */
export async function entryBreakdown(configFile: string): Promise<ModuleCost[]> {
  const {build} = await import('vite');
  const result = await build({configFile, logLevel: 'silent', build: {write: false}});
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  const entry = outputs.find((o) => o.type === 'chunk' && o.isEntry);
  if (!entry || entry.type !== 'chunk') throw new Error('no entry chunk in the build');
  const code = new Map<string, string>();
  for (const [id, info] of Object.entries(entry.modules)) {
    const group = groupOf(id);
    code.set(group, (code.get(group) ?? '') + (info.code ?? ''));
  }
  return [...code]
    .map(([group, text]) => ({group, raw: Buffer.byteLength(text), gzip: text ? gzipBytes(text) : 0}))
    .filter((c) => c.raw > 0)
    .sort((a, b) => b.raw - a.raw);
}
