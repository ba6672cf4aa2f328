// The built script-tag bundle, for tests that must run what partners run (CSP, double definition, e2e).
// `npm test` builds it once before the Node tests and passes the folder in CR_TEST_DIST; a test file run on its
// own builds it into a temporary folder itself (once per process).
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
let built: Promise<string> | undefined;

/** Builds the script-tag bundle (vite.config.ts) into `outDir`. */
export async function buildBundle(outDir: string): Promise<void> {
  const {build} = await import('vite');
  await build({configFile: join(root, 'vite.config.ts'), root, logLevel: 'error', build: {outDir, emptyOutDir: true}});
}

/** Folder holding `cryptorefills-checkout.js` and its lazy chunks. */
export function builtBundleDir(): Promise<string> {
  const fromRun = process.env['CR_TEST_DIST'];
  if (fromRun) return Promise.resolve(fromRun);
  built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cr-dist-'));
    await buildBundle(dir);
    return dir;
  })();
  return built;
}
