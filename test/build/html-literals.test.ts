// The build's whitespace squeeze for html`…` templates (html-literals.ts): only template text changes, and only a
// white-space run with a line break in it, which HTML renders as one space anyway; code, strings, regular
// expressions, comments and other templates stay as written, and a source it cannot follow fails loudly.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {squeezeHtmlLiterals} from './html-literals.js';

const src = join(import.meta.dirname, '../../src');
const templateSources = (readdirSync(src, {recursive: true}) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({file: f, code: readFileSync(join(src, f), 'utf8')}))
  .filter(({code}) => code.includes('html`'));

describe('squeezeHtmlLiterals', () => {
  test('indentation and line breaks in html templates become one space; spaces on a line stay', () => {
    const source = 'const t = html`<div class="a">\n      <p>one  two</p>\n\n      <p>${x}</p>\n    </div>`;';
    assert.equal(squeezeHtmlLiterals(source), 'const t = html`<div class="a"> <p>one  two</p> <p>${x}</p> </div>`;');
  });

  test('templates nested in expressions are squeezed; the expressions around them are not touched', () => {
    const source = [
      'html`<ul>',
      '  ${items.map((item) => html`<li>',
      '      ${item.name}',
      '    </li>`)}',
      '</ul>`',
    ].join('\n');
    assert.equal(squeezeHtmlLiterals(source), 'html`<ul> ${items.map((item) => html`<li> ${item.name} </li>`)} </ul>`');
    const code = 'const f = (a) => {\n  if (a) {\n    return html`<b>\n  x</b>`;\n  }\n  return {k: `${a}`};\n};';
    assert.equal(squeezeHtmlLiterals(code), 'const f = (a) => {\n  if (a) {\n    return html`<b> x</b>`;\n  }\n  return {k: `${a}`};\n};');
  });

  test('other templates, strings, comments and regular expressions are left as written', () => {
    const source = [
      'const message = `line one',
      '    line two`;',
      "const styles = css`:host {\n  display: block;\n}`;",
      "const quote = /[`'\"]/g; // a backtick ` in a comment",
      '/* html` not a template',
      '   */',
      "const s = 'html`' + \"`\";",
      'const half = total / 2 / count;',
      'const t = html`<i>\n  ${quote.test(s) ? "`" : \'\'}\n</i>`;',
    ].join('\n');
    const expected = source.replace('html`<i>\n  ${', 'html`<i> ${').replace("''}\n</i>`", "''} </i>`");
    assert.equal(squeezeHtmlLiterals(source), expected);
  });

  test('a source it cannot follow to the end fails instead of being guessed at', () => {
    assert.throws(() => squeezeHtmlLiterals('const t = html`<p>\n  never closed'), /not closed/);
  });

  test('every source with templates goes through, and none of them has <pre> or <textarea>, where spaces matter', () => {
    assert.ok(templateSources.length >= 5, `templates found in ${templateSources.length} files`);
    for (const {file, code} of templateSources) {
      const squeezed = squeezeHtmlLiterals(code);
      assert.ok(squeezed.length < code.length, `${file}: something squeezed`);
      assert.doesNotMatch(code, /<(pre|textarea)\b/, `${file} has a <pre> or <textarea>`);
    }
  });
});
