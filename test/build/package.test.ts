// `npm run build` as a partner's tooling sees the package: every `exports` target exists, a consumer project
// type-checks against the shipped .d.ts through the exports map (typed tags and events, and wrong uses are type
// errors), the proxy modules run, the manifest lists the three elements, and `npm pack` ships only dist/ and README.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {root} from './build.js';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | {types?: string; import?: string}>;
};
const consumer = mkdtempSync(join(tmpdir(), 'cr-consumer-'));

before(() => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/build/build.ts')], {cwd: root, encoding: 'utf8'});
  assert.equal(result.status, 0, `npm run build failed:\n${result.stdout}\n${result.stderr}`);
});

after(() => rmSync(consumer, {recursive: true, force: true}));

describe('npm run build: the package', () => {
  test('every exports target (import and types) exists', () => {
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const files = typeof target === 'string' ? [target] : [target.import, target.types].filter((f): f is string => !!f);
      for (const file of files) assert.ok(existsSync(join(root, file)), `${subpath} → ${file}`);
    }
  });

  test('the built proxy modules load in Node and answer as the fetch handler', async () => {
    const {configFromEnv, createProxyHandler} = (await import(pathToFileURL(join(root, 'dist/proxy/handler.js')).href)) as typeof import('../../src/proxy/handler.js');
    const handler = createProxyHandler({apiUrl: 'http://127.0.0.1:9', partnerId: 'p', appVersion: '1', allowedOrigins: []});
    const res = await handler(new Request('http://x/v9/nothing'));
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as {error: {code: string}}).error.code, 'NOT_FOUND');
    // A Next.js route or a worker reads the CR_* variables as `npm run proxy` does, from the same entry.
    assert.deepEqual(configFromEnv({CR_PARTNER_ID: 'p', CR_ALLOWED_ORIGINS: 'https://shop.example/'}).allowedOrigins, ['https://shop.example']);
    const node = (await import(pathToFileURL(join(root, 'dist/proxy/node.js')).href)) as Record<string, unknown>;
    assert.equal(typeof node['startProxy'], 'function');
  });

  test('a consumer project type-checks against the exports map: typed tags, events and framework props', () => {
    // The package as a dependency (a symlink, as `npm link` makes it), resolved through its `exports` and `types`.
    mkdirSync(join(consumer, 'node_modules'), {recursive: true});
    symlinkSync(root, join(consumer, 'node_modules', pkg.name), 'dir');
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'], strict: true,
          noEmit: true, skipLibCheck: true, jsx: 'react-jsx', types: [],
        },
        files: ['use.ts', 'app.tsx'],
      }),
    );
    writeFileSync(
      join(consumer, 'use.ts'),
      `import {CrCheckout, getStore, OrderTracker, type StatusChangeDetail} from '${pkg.name}';
import '${pkg.name}/define';
import {configFromEnv, createProxyHandler} from '${pkg.name}/proxy';

const checkout: CrCheckout = document.createElement('cr-checkout');
checkout.addEventListener('cr-order-created', (e) => {
  const id: string = e.detail.order.order_id;
  void id;
});
document.addEventListener('cr-status-change', (e) => {
  const phase: StatusChangeDetail['phase'] = e.detail.phase;
  void phase;
});
document.querySelector('cr-brand-picker')?.addEventListener('cr-brand-select', (e) => void e.detail.brand.family);
getStore('shop').update({country: 'DE'});
window.addEventListener('cr-error', (e) => void e.detail.code.length);
const tracker = new OrderTracker({proxyUrl: '/api/cr', orderId: 'x', onUpdate: (u) => void u.order.order_state});
tracker.stop();
// Typed without @types/node (types: []), as on an edge runtime.
void createProxyHandler(configFromEnv({CR_PARTNER_ID: 'p'}));
// @ts-expect-error: order_id is a string
document.addEventListener('cr-order-created', (e) => { const n: number = e.detail.order.order_id; void n; });
// @ts-expect-error: the error detail has code and message only
document.addEventListener('cr-error', (e) => void e.detail.status);
`,
    );
    writeFileSync(
      join(consumer, 'app.tsx'),
      `import type {} from '${pkg.name}/react';
export const ok = <cr-checkout brand="Steam" theme="dark" oncr-order-created={(e) => void e.detail.order.order_id} />;
// @ts-expect-error: theme is light or dark
export const bad = <cr-checkout theme="blue" />;
`,
    );
    // React's own types come from the repository (the consumer would have them as a dependency).
    symlinkSync(join(root, 'node_modules', 'react'), join(consumer, 'node_modules', 'react'), 'dir');
    mkdirSync(join(consumer, 'node_modules', '@types'), {recursive: true});
    symlinkSync(join(root, 'node_modules', '@types', 'react'), join(consumer, 'node_modules', '@types', 'react'), 'dir');
    const result = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(consumer, 'tsconfig.json')], {cwd: consumer, encoding: 'utf8'});
    assert.equal(result.status, 0, `the consumer does not type-check:\n${result.stdout}${result.stderr}`);
  });

  test('custom-elements.json lists the three tags with their attributes and events', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'dist/custom-elements.json'), 'utf8')) as {
      modules: {declarations?: {tagName?: string; attributes?: {name: string}[]; events?: {name: string}[]; members?: {name: string}[]; cssProperties?: {name: string}[]}[]}[];
    };
    const elements = new Map(manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName!, d]));
    assert.deepEqual([...elements.keys()].sort(), ['cr-brand-picker', 'cr-checkout', 'cr-order-status']);
    const attributes = (tag: string) => (elements.get(tag)!.attributes ?? []).map((a) => a.name);
    const events = (tag: string) => (elements.get(tag)!.events ?? []).map((e) => e.name);
    for (const tag of elements.keys()) for (const name of ['proxy-url', 'store', 'lang', 'country']) assert.ok(attributes(tag).includes(name), `${tag} [${name}]`);
    assert.ok(attributes('cr-checkout').includes('brand'));
    assert.ok(attributes('cr-order-status').includes('order-id'));
    assert.ok(events('cr-brand-picker').includes('cr-brand-select'));
    assert.ok(events('cr-checkout').includes('cr-order-created'));
    assert.ok(events('cr-order-status').includes('cr-status-change'));
    // The common theme is documented on each tag, not only on the base class.
    for (const tag of elements.keys()) {
      const properties = (elements.get(tag)!.cssProperties ?? []).map((p) => p.name);
      for (const name of ['--cr-accent', '--cr-bg', '--cr-radius', '--cr-font']) assert.ok(properties.includes(name), `${tag} ${name}`);
    }
    // What the lazy bodies add to the public classes is documented on them too.
    const members = (tag: string) => (elements.get(tag)!.members ?? []).map((m) => m.name);
    for (const [tag, name] of [['cr-brand-picker', 'reload'], ['cr-checkout', 'newPurchase'], ['cr-order-status', 'counts']] as const) {
      assert.ok(members(tag).includes(name), `${tag} .${name}`);
    }
  });

  test('every module custom-elements.json names is a file the package ships', () => {
    const text = readFileSync(join(root, 'dist/custom-elements.json'), 'utf8');
    const named = [...text.matchAll(/"(?:path|module)": "([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(named.length > 10, 'the manifest names its modules');
    for (const path of new Set(named)) {
      assert.match(path, /^dist\/npm\/.*\.js$/, path);
      assert.ok(existsSync(join(root, path)), `${path} is shipped`);
    }
  });

  test('npm pack and npm publish build dist/ first (it is not in git): a release from a fresh clone is not empty', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {scripts: Record<string, string>};
    assert.equal(pkg.scripts['prepack'], 'npm run build');
  });

  test('npm pack ships dist/, README.md, LICENSE and package.json only, and the notices of the libraries dist/*.js holds', () => {
    const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd: root, encoding: 'utf8'});
    assert.equal(result.status, 0, result.stderr);
    const [{files}] = JSON.parse(result.stdout) as [{files: {path: string}[]}];
    const outside = files.map((f) => f.path).filter((p) => !p.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(p));
    assert.deepEqual(outside, []);
    assert.ok(files.some((f) => f.path === 'LICENSE'), 'our own licence, as package.json names it');
    assert.ok(files.some((f) => f.path === 'dist/cryptorefills-checkout.js'));
    // What a partner serves from their site holds lit, DOMPurify, zod, lean-qr: their licences go with it.
    assert.ok(files.some((f) => f.path === 'dist/THIRD-PARTY-NOTICES.txt'));
    const notices = readFileSync(join(root, 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const name of ['lit-html', '@lit/reactive-element', 'lit-element', '@lit/task', 'zod', 'lean-qr', 'dompurify']) {
      assert.match(notices, new RegExp(`^${name.replace(/[/.]/g, '\\$&')} \\d+\\.\\d+\\.\\d+: `, 'm'), name);
    }
    assert.match(notices, /Copyright \(c\) 2017 Google LLC|Copyright 2017 Google LLC/, "lit's copyright notice");
    assert.match(notices, /Mozilla Public License|Apache License/, "DOMPurify's licence");
    assert.ok(!files.some((f) => /\.test\.|\/src\/|sandbox/.test(f.path)), 'no tests, sources or sandbox');
  });
});
