// One config for the demo (served by demo/serve.ts with root demo/) and for the script-tag bundle of `npm run build`:
// one self-contained ES module that defines all elements, with lazy chunks (languages, sanitizer, QR) beside it.
// The rest of the build (npm modules, proxy, types, custom-elements.json) is test/build/build.ts.
import {defineConfig, type Plugin} from 'vite';
import {fileURLToPath} from 'node:url';

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
 * The build only: minifies the CSS inside our `css\`…\`` literals (comments and indentation out), which the JS
 * minifier must leave as written. Strings (`content: "…"`) are kept verbatim; literals with `${…}` are left alone.
 */
export function minifyCssLiterals(): Plugin {
  const squeeze = (css: string) =>
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/)
      .map((piece, i) =>
        i % 2
          ? piece
          : piece
              .replace(/\s+/g, ' ')
              .replace(/\s*([{};,])\s*/g, '$1')
              .replace(/:\s+/g, ':')
              .replace(/;}/g, '}'),
      )
      .join('')
      .trim();
  return {
    name: 'cr-minify-css-literals',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return undefined;
      return code.replace(/\bcss`([^`$]*)`/g, (_, css: string) => `css\`${squeeze(css)}\``);
    },
  };
}

/**
 * Chunk names that say what a chunk is, for the size table: lazy modules keep their own (`cr-checkout-body-<hash>.js`,
 * `de-<hash>.js`); a chunk the bundler makes for what several lazy chunks share is named after what it holds rather
 * than after whichever module came first.
 */
function chunkFileName(chunk: {isDynamicEntry: boolean; moduleIds: string[]; name: string}): string {
  const holds = (path: string) => chunk.moduleIds.some((id) => id.replace(/\\/g, '/').includes(path));
  if (!chunk.isDynamicEntry && holds('/src/api/client.ts')) return 'api-[hash].js';
  if (!chunk.isDynamicEntry && holds('/src/store/order-persistence.ts')) return 'order-shared-[hash].js';
  return '[name]-[hash].js';
}

export default defineConfig({
  envPrefix: 'VITE_CR_',
  plugins: [bundleFromSource(), minifyCssLiterals()],
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
      output: {minify: true, chunkFileNames: chunkFileName},
    },
    reportCompressedSize: false,
  },
});
