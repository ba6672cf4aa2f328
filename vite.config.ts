// One config for the demo (served by demo/serve.ts with root demo/) and for the script-tag bundle of `npm run build`:
// one self-contained ES module that defines all elements, with lazy chunks (languages, sanitizer, QR) beside it.
// The rest of the build (npm modules, proxy, types, custom-elements.json) is test/build/build.ts.
import {defineConfig, type Plugin} from 'vite';
import MagicString from 'magic-string';
import {fileURLToPath} from 'node:url';
import {staticClosure} from './test/build/chunk-graph.js';
import {squeezeTemplateLiterals} from './test/build/template-literals.js';
import {renameMembers, shortMemberNames, sourcesIn} from './test/build/member-names.js';
import {thirdPartyNotices} from './test/build/notices.js';

const entry = fileURLToPath(new URL('./src/define.ts', import.meta.url));

/** The URL the integration pages load the widget from, as a partner's page loads the built bundle. */
export const BUNDLE_URL = '/cryptorefills-checkout.js';

/**
 * In the dev server, `<script type="module" src="/cryptorefills-checkout.js">` gets the widget from source, so the
 * plain-HTML and CMS integration pages under demo/integrations/ are the very markup a partner writes (and the
 * build test serves the built bundle at the same URL).
 */
function bundleFromSource(): Plugin {
  return {
    name: 'cr-bundle-from-source',
    apply: 'serve',
    resolveId: (id) => (id === BUNDLE_URL ? entry : undefined),
  };
}

/**
 * The build only: the CSS inside our `css` templates minified and the indentation inside our `html` templates
 * squeezed to one space, which the JS minifier must leave as written (test/build/template-literals.ts says how, and
 * why it is safe), with exact source maps.
 */
export function minifyTemplateLiterals(): Plugin {
  return {
    name: 'cr-minify-template-literals',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(?:html|css)`/.test(code)) return undefined;
      return squeezeTemplateLiterals(code, id);
    },
  };
}

/**
 * The build only: our classes' underscore members (`_fatal`, `_resume()`) under short names, one for each name across
 * all of src/, so that a member declared in one chunk and read in another still meets itself (test/build/member-names.ts
 * says which names and why that is safe): −0.6 KiB gzipped on a page with all three elements. It runs on the
 * TypeScript source, before the decorators become calls that name their field in a string.
 */
export function shortMembers(): Plugin {
  const src = fileURLToPath(new URL('./src/', import.meta.url));
  let names = new Map<string, string>();
  return {
    name: 'cr-short-members',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      names = shortMemberNames(sourcesIn(src));
    },
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return undefined;
      return renameMembers(code, id, names);
    },
  };
}

/**
 * The build only: the `@property()`/`@state()` fields decorated through src/elements/decorate.ts rather than the
 * transform's general helper, which also handles class decorators and reflect-metadata, neither of which the
 * elements use (−74 bytes gzipped on every page). The transform imports its helper from a module it resolves
 * itself, before any plugin's `resolveId`, so the import is renamed once the module is transformed.
 */
export function ownDecorateHelper(): Plugin {
  const general = '"@oxc-project/runtime/helpers/decorate"';
  const own = JSON.stringify(fileURLToPath(new URL('./src/elements/decorate.ts', import.meta.url)));
  return {
    name: 'cr-own-decorate-helper',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      const at = code.indexOf(general);
      if (at < 0 || !/\/src\/.*\.ts$/.test(id)) return undefined;
      const s = new MagicString(code).overwrite(at, at + general.length, own);
      return {code: s.toString(), map: s.generateMap({hires: true, source: id})};
    },
  };
}

/**
 * The build only: a lazy chunk's own imports are fetched together with it. The browser finds a chunk's static
 * imports only once the chunk has arrived, so an element body behind `import()` would cost a second round trip for
 * the API client it imports (and a third for what that imports); Vite does this preloading for apps, not in library
 * mode. Each `import("./x.js")` becomes `Promise.all([import("./x.js"), import("./dep.js"), …]).then((m) => m[0])`,
 * for the deps the importing chunk does not load already. A failed dep fails the whole import, as it would anyway.
 */
export function preloadChunkImports(): Plugin {
  return {
    name: 'cr-preload-chunk-imports',
    apply: 'build',
    generateBundle(output, bundle) {
      // A build with source maps (the bench's cost table) keeps its imports: the rewrite would shift mapped columns.
      if (output.sourcemap) return;
      const imports = new Map<string, string[]>();
      for (const item of Object.values(bundle)) if (item.type === 'chunk') imports.set(item.fileName, item.imports);
      const closure = (file: string) => staticClosure((f) => imports.get(f), file);
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const loaded = closure(chunk.fileName).add(chunk.fileName);
        chunk.code = chunk.code.replace(/\bimport\((["'`])\.\/([\w.-]+\.js)\1\)/g, (call, quote: string, file: string) => {
          const deps = [...closure(file)].filter((dep) => !loaded.has(dep));
          if (!deps.length) return call;
          const load = (f: string) => `import(${quote}./${f}${quote})`;
          return `Promise.all([${[file, ...deps].map(load).join(',')}]).then(m=>m[0])`;
        });
      }
    },
  };
}

/**
 * The build only: THIRD-PARTY-NOTICES.txt beside the chunks, with the licences of the libraries they hold
 * (test/build/notices.ts says why there rather than as comments in the chunks).
 */
export function noticesBeside(): Plugin {
  return {
    name: 'cr-third-party-notices',
    apply: 'build',
    generateBundle(_output, bundle) {
      const modules = Object.values(bundle).flatMap((item) => (item.type === 'chunk' ? Object.keys(item.modules) : []));
      this.emitFile({type: 'asset', fileName: 'THIRD-PARTY-NOTICES.txt', source: thirdPartyNotices(modules)});
    },
  };
}

/**
 * Six characters of content hash (64⁶, about 7·10¹⁰ values for each chunk name: enough to tell one build's chunk from
 * another's behind a long cache) rather than the bundler's eight. Every chunk's name is written in the chunks that
 * load it (the entry names all ten languages), and a hash is the one thing in a file gzip cannot shrink: −51 bytes
 * on a checkout page. test/build/bundle.test.ts and test/bench/sizes.ts strip names of six.
 */
const HASH = '[hash:6]';

/**
 * Chunk names that say what a chunk is, for the size table: lazy modules keep their own (`cr-checkout-body-<hash>.js`,
 * `de-<hash>.js`); a chunk the bundler makes for what several lazy chunks share is named after what it holds rather
 * than after whichever module came first.
 */
function chunkFileName(chunk: {isDynamicEntry: boolean; moduleIds: string[]; name: string}): string {
  const holds = (path: string) => chunk.moduleIds.some((id) => id.replace(/\\/g, '/').includes(path));
  if (!chunk.isDynamicEntry && holds('/src/api/client.ts')) return `api-${HASH}.js`;
  if (!chunk.isDynamicEntry && holds('/src/store/order-persistence.ts')) return `order-shared-${HASH}.js`;
  if (holds('/node_modules/lean-qr/')) return `lean-qr-${HASH}.js`; // its "nano" build would be `nano-…`
  // The tracking's words of a language (i18n.ts), beside its other words: `de-status-…`, not ten `status-…`.
  const words = chunk.moduleIds.map((id) => /\/src\/i18n\/locales\/(\w+)\/status\.ts$/.exec(id.replace(/\\/g, '/'))?.[1]).find(Boolean);
  if (words) return `${words}-status-${HASH}.js`;
  return `[name]-${HASH}.js`;
}

export default defineConfig({
  envPrefix: 'VITE_CR_',
  plugins: [bundleFromSource(), shortMembers(), minifyTemplateLiterals(), ownDecorateHelper(), preloadChunkImports(), noticesBeside()],
  // The Vue integration page writes its template in HTML; only the full build of Vue compiles templates at runtime.
  // (The widget itself never imports Vue: this only matters to demo/integrations/vue.)
  resolve: {alias: {vue: 'vue/dist/vue.esm-bundler.js'}},
  define: {__VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false'},
  // React 19's automatic JSX runtime for demo/integrations/react (the widget has no JSX).
  oxc: {jsx: {runtime: 'automatic', importSource: 'react'}},
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    // Only the script-tag files are replaced: the npm build (dist/npm, dist/types, dist/proxy) lives beside them.
    emptyOutDir: false,
    target: 'es2022',
    lib: {entry, formats: ['es'], fileName: () => 'cryptorefills-checkout.js'},
    rolldownOptions: {
      // The entry may gain exports for its lazy chunks: what they share with it (lit, the base element, the store,
      // English) then stays in the entry, which loads it anyway, instead of a common chunk the entry must also fetch.
      preserveEntrySignatures: 'allow-extension',
      // A script tag is the last step: nobody tree-shakes it again, so the bundler's `/* @__PURE__ */` marks are dead weight
      // (236 of them, about 0.3 KiB gzipped on a page with all three elements). (Licence comments were not kept before either.)
      output: {minify: true, comments: false, chunkFileNames: chunkFileName},
    },
    reportCompressedSize: false,
  },
});
