// One config for the demo (served by demo/serve.ts) and for `npm run build`: the script-tag bundle,
// one self-contained ES module that defines all elements, with lazy chunks (languages, sanitizer, QR) beside it.
import {defineConfig} from 'vite';
import {fileURLToPath} from 'node:url';

const entry = fileURLToPath(new URL('./src/define.ts', import.meta.url));

export default defineConfig({
  envPrefix: 'VITE_CR_',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    lib: {entry, formats: ['es'], fileName: () => 'cryptorefills-checkout.js'},
    rolldownOptions: {output: {minify: true}},
  },
});
