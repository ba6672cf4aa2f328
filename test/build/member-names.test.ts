// The build's short names for our classes' underscore members (member-names.ts): which names are renamed and where,
// what is left alone, that the source map stays exact, and, over the real sources and the libraries the bundle
// holds, that no short name can meet a property someone else uses.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {SourceMapConsumer} from 'source-map-js';
import {parseSync} from 'vite';
import {renameMembers, shortMemberNames, shortName, sourcesIn} from './member-names.js';

const root = join(import.meta.dirname, '../..');
/** What the build makes of one source, with its own names (unchanged where nothing is renamed). */
const rename = (code: string) => renameMembers(code, 'x.ts', shortMemberNames([{code, id: 'x.ts'}]))?.code ?? code;

describe('shortName', () => {
  test('a digit first, then base 36: _0 … _9, _00 … _9z, _000 …', () => {
    assert.deepEqual([0, 1, 9, 10, 11, 45, 46, 369, 370].map(shortName), ['_0', '_1', '_9', '_00', '_01', '_0z', '_10', '_9z', '_000']);
    const names = Array.from({length: 20_000}, (_, i) => shortName(i));
    assert.equal(new Set(names).size, names.length);
    for (const name of names) assert.match(name, /^_[0-9][0-9a-z]*$/);
  });
});

describe('renameMembers', () => {
  test('a class member, its reads and writes, and the string a decorator or changed.has() names it by', () => {
    const source = [
      'class A extends B {',
      '  @state() private _busy = false;',
      '  private _count = 0;',
      '  get _shown() { return this._busy; }',
      '  _go(): void { this._busy = !this._busy; this._count++; other?._count; }',
      "  willUpdate(changed: Map<string, unknown>) { if (changed.has('_busy') || changed.has(\"_count\")) this._go(); }",
      '}',
    ].join('\n');
    assert.equal(
      rename(source),
      [
        'class A extends B {',
        '  @state() private _0 = false;',
        '  private _1 = 0;',
        '  get _3() { return this._0; }',
        '  _2(): void { this._0 = !this._0; this._1++; other?._1; }',
        "  willUpdate(changed: Map<string, unknown>) { if (changed.has('_0') || changed.has(\"_1\")) this._2(); }",
        '}',
      ].join('\n'),
    );
  });

  test('the most used name gets the shortest name; ties in name order', () => {
    const names = shortMemberNames([{id: 'x.ts', code: 'class A { _b = 1; _a = 1; _c = 1; f() { this._c; this._c; } }'}]);
    assert.deepEqual([...names], [['_c', '_0'], ['_a', '_1'], ['_b', '_2']]);
  });

  test('one name for a member across files: declared in one, read in another', () => {
    const base = {id: 'base.ts', code: 'export class Base { protected _announce(text: string) {} }'};
    const body = {id: 'body.ts', code: 'class Body extends Base { run() { this._announce("x"); } }'};
    const names = shortMemberNames([base, body]);
    assert.equal(renameMembers(base.code, base.id, names)!.code, 'export class Base { protected _0(text: string) {} }');
    assert.equal(renameMembers(body.code, body.id, names)!.code, 'class Body extends Base { run() { this._0("x"); } }');
  });

  test('an object key of a member name is the same property; a shorthand keeps its variable', () => {
    const source = 'class A { _x = 1; f(_x: number) { const o = {_x: 2}; const p = {_x}; const {_x: y} = this; return o._x + p._x + y; } }';
    assert.equal(
      rename(source),
      'class A { _0 = 1; f(_x: number) { const o = {_0: 2}; const p = {_0: _x}; const {_0: y} = this; return o._0 + p._0 + y; } }',
    );
  });

  test('variables, parameters, other strings, template text, computed keys and names no class declares stay', () => {
    const source = [
      'const _busy = 1;',
      'class A { _busy = 2; [_key] = 3; }',
      "function f(_value: unknown) { return [_busy, _value, '_blank', '_busy!', x._other, css`padding: var(--_busy)`]; }",
    ].join('\n');
    assert.equal(
      rename(source),
      [
        'const _busy = 1;',
        'class A { _0 = 2; [_key] = 3; }',
        "function f(_value: unknown) { return [_busy, _value, '_blank', '_busy!', x._other, css`padding: var(--_busy)`]; }",
      ].join('\n'),
    );
    assert.equal(renameMembers('const a = b._c;', 'x.ts', new Map()), undefined);
  });

  test('a parameter property fails the build rather than be missed as a member', () => {
    assert.throws(() => shortMemberNames([{id: 'x.ts', code: 'class A { constructor(private _x: number) {} }'}]), /_x as a field/);
  });

  test('the source map points every renamed name back at the original', () => {
    const source = 'class A {\n  _longName = 1;\n  read() {\n    return this._longName;\n  }\n}\n';
    const out = renameMembers(source, 'x.ts', shortMemberNames([{code: source, id: 'x.ts'}]))!;
    const consumer = new SourceMapConsumer(out.map as unknown as ConstructorParameters<typeof SourceMapConsumer>[0]);
    const lines = out.code.split('\n');
    for (const [line, column] of [[2, lines[1]!.indexOf('_0')], [4, lines[3]!.indexOf('_0')]] as const) {
      const original = consumer.originalPositionFor({line, column});
      assert.equal(original.line, line);
      assert.equal(source.split('\n')[line - 1]!.slice(original.column!).startsWith('_longName'), true);
    }
  });
});

describe('over the real sources', () => {
  const sources = sourcesIn(join(root, 'src'));
  const names = shortMemberNames(sources);

  test('renamed sources still parse, and no declared underscore name is left as a member', () => {
    assert.ok(names.size > 100, `only ${names.size} names`);
    for (const {id, code} of sources) {
      const out = renameMembers(code, id, names)?.code ?? code;
      assert.deepEqual(parseSync(id, out, {lang: 'ts', sourceType: 'module'}).errors, [], id);
      for (const name of names.keys()) assert.doesNotMatch(out, new RegExp(`[.'"]${name}\\b(?!-)`), `${id}: ${name}`);
    }
  });

  test('no library the bundle holds uses a name of the short form; a name it shares with ours is read on `this` only', () => {
    // The packages the script-tag build bundles (package.json dependencies and what lit brings); their underscore
    // names are `_$…` (lit's own mangling) or letters (zod's `_zod`), never a digit first. A name of theirs that one
    // of our classes declares too (zod's `_ctx`) is renamed in our code only: there it must be our own member.
    const packages = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element', '@lit/task', 'zod', 'dompurify', 'lean-qr'];
    const shared = new Set<string>();
    for (const pkg of packages) {
      const dir = join(root, 'node_modules', pkg);
      const files = (readdirSync(dir, {recursive: true}) as string[]).filter((f) => /\.m?js$/.test(f));
      assert.ok(files.length, pkg);
      for (const file of files) {
        const code = readFileSync(join(dir, file), 'utf8');
        assert.doesNotMatch(code, /[.{,]\s*_[0-9][0-9a-z]*\b/, `${pkg}/${file}`);
        for (const name of names.keys()) if (new RegExp(`\\.${name}\\b`).test(code)) shared.add(name);
      }
    }
    for (const name of shared) {
      for (const {id, code} of sources) assert.doesNotMatch(code, new RegExp(`(?<!\\bthis)\\.${name}\\b`), `${id}: ${name}`);
    }
  });
});
