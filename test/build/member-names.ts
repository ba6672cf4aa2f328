// The build's short names for our classes' underscore members (vite.config.ts, shortMembers). A minifier renames
// variables but never a property: `this._unknownOutcome` reaches the bundle as written, in every chunk that touches
// it. Our sources keep to one convention that makes a safe rename possible: a member whose name starts with `_`
// (`_fatal`, `_resume()`, `@state() _busy`) is the class's own, read by its own code and its subclasses' (the
// elements' bodies read the base element's `_announce`), never by a library, a host page, the DOM or upstream's JSON.
//
// So the build gives each such name one short name for the whole bundle (`_0`, `_1`, … the most used first), the same
// in every file, so a member declared in one chunk and read in another still meets itself. Only names declared as a
// class member in src/ are renamed, wherever they appear as a member (`x._busy`, `_busy = false`, `_resume() {}`) or as
// a whole string (`changed.has('_limit')`, the name a decorator registers); variables, parameters and template text
// (`--_space` in css) are left alone. Names the libraries use start `_$` (lit), or are letters (`_zod`): the short
// names start with a digit, which neither uses (test/build/member-names.test.ts checks the bundled libraries).
//
// The edits go through MagicString, so source maps stay exact (the bench's cost table reads them).
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import MagicString from 'magic-string';
import {parseSync} from 'vite';

/** An underscore member name of ours: `_` and a letter (lit's are `_$…`). */
const MEMBER_NAME = /^_[A-Za-z][A-Za-z0-9_]*$/;

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

/** Every node of a source's syntax tree with the node it sits in and under which key. */
function walk(code: string, id: string, visit: (node: Node, parent: Node | undefined, key: string) => void): void {
  const {program, errors} = parseSync(id, code, {lang: 'ts', sourceType: 'module'});
  if (errors.length) throw new Error(`${id}: ${errors[0]!.message}`);
  const descend = (node: Node, parent: Node | undefined, key: string) => {
    visit(node, parent, key);
    for (const [childKey, child] of Object.entries(node)) {
      if (Array.isArray(child)) for (const item of child) isNode(item) && descend(item, node, childKey);
      else if (isNode(child)) descend(child, node, childKey);
    }
  };
  descend(program as unknown as Node, undefined, '');
}

const CLASS_MEMBER = /^(TSAbstract)?(PropertyDefinition|MethodDefinition|AccessorProperty)$/;

const isMemberKey = (parent: Node | undefined, key: string) =>
  key === 'key' && !parent?.computed && CLASS_MEMBER.test(parent!.type);

/** A key of an object literal or pattern (`{_x: 1}`, `{_x} = this`): the same property, so renamed alike. */
const isPropertyKey = (parent: Node | undefined, key: string) =>
  key === 'key' && parent?.type === 'Property' && !parent.computed;

const isMemberAccess = (parent: Node | undefined, key: string) =>
  key === 'property' && parent?.type === 'MemberExpression' && !parent.computed;

/** Every TypeScript source under `dir` (src/: what the names are worked out from), with its path as its id. */
export function sourcesIn(dir: string): {id: string; code: string}[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({id: join(dir, f), code: readFileSync(join(dir, f), 'utf8')}));
}

/** The `index`th short name: `_0` … `_9`, then `_00` … `_9z`, `_000` …: a digit first, then base 36. */
export function shortName(index: number): string {
  let width = 1;
  let first = 10; // how many names of this width there are: 10 · 36^(width - 1)
  while (index >= first) {
    index -= first;
    width++;
    first *= 36;
  }
  const digits = index.toString(36).padStart(width, '0');
  return `_${digits}`;
}

/**
 * One short name for each underscore name declared as a class member in `sources`, the most used (as a member, a
 * declaration or a whole string) first; ties in name order, so a build gives the same names every time.
 */
export function shortMemberNames(sources: {code: string; id: string}[]): Map<string, string> {
  const declared = new Set<string>();
  const uses = new Map<string, number>();
  for (const {code, id} of sources) {
    walk(code, id, (node, parent, key) => {
      const name = node.type === 'Identifier' ? (node.name as string) : node.type === 'Literal' ? node.value : undefined;
      if (typeof name !== 'string' || !MEMBER_NAME.test(name)) return;
      // `constructor(private _x)` declares a member the rename would not see as one: written as a field instead.
      if (parent?.type === 'TSParameterProperty') throw new Error(`${id}: declare ${name} as a field, not a parameter`);
      if (node.type === 'Identifier' && isMemberKey(parent, key)) declared.add(name);
      uses.set(name, (uses.get(name) ?? 0) + 1);
    });
  }
  const ranked = [...declared].sort((a, b) => uses.get(b)! - uses.get(a)! || (a < b ? -1 : 1));
  return new Map(ranked.map((name, index) => [name, shortName(index)]));
}

/** `code` with the names of `names` renamed as members, object keys and whole strings; undefined where none occurs. */
export function renameMembers(
  code: string,
  id: string,
  names: ReadonlyMap<string, string>,
): {code: string; map: ReturnType<MagicString['generateMap']>} | undefined {
  const s = new MagicString(code);
  let renamed = false;
  walk(code, id, (node, parent, key) => {
    if (node.type === 'Identifier' && (isMemberKey(parent, key) || isMemberAccess(parent, key) || isPropertyKey(parent, key))) {
      const short = names.get(node.name as string);
      if (!short) return;
      // A shorthand `{_x}` names a variable too: the property is renamed, the variable stays (`{_0: _x}`).
      if (parent?.shorthand) s.prependLeft(node.start, `${short}: `);
      else s.overwrite(node.start, node.end, short);
      renamed = true;
    } else if (node.type === 'Literal' && typeof node.value === 'string') {
      const short = names.get(node.value);
      // The quotes stay as written; the name inside them is a plain identifier, so it needs no escaping.
      if (!short) return;
      s.overwrite(node.start + 1, node.end - 1, short);
      renamed = true;
    }
  });
  return renamed ? {code: s.toString(), map: s.generateMap({hires: true, source: id})} : undefined;
}
