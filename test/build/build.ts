// `npm run build`: everything the package ships, into dist/.
//   dist/cryptorefills-checkout.js (+ lazy chunks)  script-tag bundle, self-contained (vite.config.ts)
//   dist/npm/**          ES modules for bundlers: one file per source module, dependencies (lit, zod…) left as imports
//   dist/types/**        .d.ts for all of them (tsc, test/build/tsconfig.types.json)
//   dist/proxy/*.js      the reference proxy for Node and edge runtimes (esbuild, no dependencies)
//   dist/custom-elements.json  the elements' manifest (cem analyze --litelement)
// Kept under test/build/ because the repository's top level is fixed; the build tests import these steps.
import {spawnSync} from 'node:child_process';
import {existsSync, rmSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build as esbuild} from 'esbuild';
import {build as viteBuild} from 'vite';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const src = (path: string) => join(root, 'src', path);
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

/** Package entries for bundlers (package.json `exports` points at dist/npm/<name>.js). */
export const npmEntries = {
  index: src('index.ts'),
  define: src('define.ts'),
  react: src('frameworks/react.ts'),
  vue: src('frameworks/vue.ts'),
};

/** Runtime dependencies stay imports in the npm build, so an app that also uses lit gets one copy of it. */
const external = /^(lit|lit-html|lit-element|@lit\/.*|@lit\/task|zod|dompurify|lean-qr)(\/|$)/;

/** The script-tag bundle (vite.config.ts) into outDir; answers the files written. */
export async function buildScriptTag(outDir = join(root, 'dist')): Promise<void> {
  await viteBuild({configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: {outDir}});
}

export async function buildNpmModules(outDir = join(root, 'dist', 'npm')): Promise<void> {
  await viteBuild({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: {entry: npmEntries, formats: ['es']},
      rolldownOptions: {
        external: (id) => external.test(id),
        output: {preserveModules: true, preserveModulesRoot: join(root, 'src'), entryFileNames: '[name].js'},
      },
    },
  });
}

export async function buildProxy(outDir = join(root, 'dist', 'proxy')): Promise<void> {
  await esbuild({
    entryPoints: {handler: src('proxy/handler.ts'), node: src('proxy/server.ts')},
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'shared-[hash]',
    logLevel: 'warning',
  });
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, {cwd: root, stdio: 'inherit'});
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
}

/**
 * Declarations into dist/types. Type errors do not stop the build (tsc still writes every file; `npm test` is the
 * gate that fails on them), but they are printed, and a missing declaration file does stop it.
 */
export function buildTypes(): void {
  const result = spawnSync(bin('tsc'), ['-p', join(root, 'test/build/tsconfig.types.json')], {cwd: root, encoding: 'utf8'});
  if (result.status !== 0) {
    const errors = result.stdout.split('\n').filter((line) => line.includes('error TS'));
    console.warn(`tsc: ${errors.length} type error(s) while writing declarations (npm run test:types lists them):`);
    for (const line of errors.slice(0, 5)) console.warn(`  ${line.slice(0, 160)}`);
  }
  for (const entry of ['index', 'define', 'frameworks/react', 'frameworks/vue', 'proxy/handler', 'proxy/server']) {
    if (!existsSync(join(root, 'dist/types', `${entry}.d.ts`))) throw new Error(`tsc wrote no dist/types/${entry}.d.ts`);
  }
}

export function buildManifest(outDir = join(root, 'dist')): void {
  // cem joins --outdir to the working directory even when it is absolute: give it a relative one.
  // Globs, the Lit plugin and the tag mapping are in test/build/cem.config.mjs.
  run(bin('cem'), ['analyze', '--quiet', '--config', 'test/build/cem.config.mjs', '--outdir', relative(root, outDir)]);
}

export async function buildAll(): Promise<void> {
  const started = Date.now();
  rmSync(join(root, 'dist'), {recursive: true, force: true});
  await buildScriptTag();
  await buildNpmModules();
  await buildProxy();
  buildTypes();
  buildManifest();
  console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildAll().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
