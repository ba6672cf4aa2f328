// A tag's body class (src/elements/*/*-body.ts) is mixed into elements that may exist before its chunk arrives
// (lazy-body.ts): such an instance never runs the body's constructor, so a field initializer there never runs either
// and the field stays undefined on it (a counter then becomes NaN). Bodies set their fields in initBody(); this test
// keeps initializers out, which the element tests cannot see (they make their elements after the body is loaded).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {root} from './build.js';

const elements = join(root, 'src/elements');
const bodies = readdirSync(elements, {withFileTypes: true})
  .filter((entry) => entry.isDirectory())
  .flatMap((dir) => readdirSync(join(elements, dir.name)).filter((f) => f.endsWith('-body.ts')).map((f) => join(elements, dir.name, f)));

/** A class member line (two spaces in) that declares an instance field with `= value`: not static, not a method. */
const FIELD_WITH_INITIALIZER = /^ {2}(?:@\w+\([^)]*\)\s*)*(?:(?:private|protected|public|readonly|override|declare)\s+)*[#\w$]+[!?]?(?:\s*:\s*[^=(]+?)?\s*=(?!=|>)/;

/** The lines of `source` that would break on an instance made before its body arrived. */
function initializedFields(source: string): string[] {
  return source.split('\n').filter((line) => !/^ {2}static\b/.test(line) && FIELD_WITH_INITIALIZER.test(line));
}

test('the detector finds an initialized field, and leaves static fields, declarations and methods alone', () => {
  assert.deepEqual(initializedFields('  private _run = 0;\n  @state() private _x: number = 1;\n  #tab = new Map();'), [
    '  private _run = 0;',
    '  @state() private _x: number = 1;',
    '  #tab = new Map();',
  ]);
  assert.deepEqual(initializedFields('  static bodyStyles = [a];\n  private _run!: number;\n  private async _go(x = 1): Promise<void> {\n    const y = 2;'), []);
});

test('no lazy body class initializes an instance field (initBody sets them)', () => {
  assert.ok(bodies.length >= 3, `the three bodies: ${bodies.join(', ')}`);
  for (const file of bodies) assert.deepEqual(initializedFields(readFileSync(file, 'utf8')), [], file);
});
