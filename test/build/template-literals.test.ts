// The build's squeeze of html`…` and css`…` templates (template-literals.ts), through the very transform the build
// runs: in html text only a white-space run with a line break in it changes (HTML renders it as one space anyway),
// and the quotes of plain attribute values inside a tag go (HTML needs none there); css text loses comments and
// white space (and the zero of `0.5`) but keeps its strings and the space next to an expression; code, strings,
// regular expressions, comments and other templates stay as written; the source map is exact; and a source it
// cannot follow fails loudly.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {SourceMapConsumer} from 'source-map-js';
import {squeezeTemplateLiterals} from './template-literals.js';

/** What the build's transform makes of `source` (unchanged when it changes nothing). */
const squeeze = (source: string) => squeezeTemplateLiterals(source, 'x.ts')?.code ?? source;

const src = join(import.meta.dirname, '../../src');
const templateSources = (readdirSync(src, {recursive: true}) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({file: f, code: readFileSync(join(src, f), 'utf8')}))
  .filter(({code}) => code.includes('html`'));

describe('squeezeTemplateLiterals', () => {
  test('indentation and line breaks in html templates become one space; spaces on a line stay', () => {
    const source = 'const t = html`<div class="a">\n      <p>one  two</p>\n\n      <p>${x}</p>\n    </div>`;';
    assert.equal(squeeze(source), 'const t = html`<div class=a> <p>one  two</p> <p>${x}</p> </div>`;');
  });

  test('plain attribute values lose their quotes inside a tag the stretch opens; any other quotes stay', () => {
    const source =
      'const t = html`<button class="button primary" part="pay-button" type="button" data-x="" title="a.b" @click=${go}>' +
      'say part="x" </button> <input id="a" />${y} part="after-expression"><img alt="a"/>`;';
    assert.equal(
      squeeze(source),
      'const t = html`<button class="button primary" part=pay-button type=button data-x="" title="a.b" @click=${go}>' +
        'say part="x" </button> <input id=a />${y} part="after-expression"><img alt="a"/>`;',
    );
    // After an expression inside a tag, the tag is still open (a nested template keeps its own count).
    const inTag = 'html`<div id=${id} class="field" data-x=${html`<b title="t">`} role="group">${x} role="text"</div>`';
    assert.equal(squeeze(inTag), 'html`<div id=${id} class=field data-x=${html`<b title=t>`} role=group>${x} role="text"</div>`');
  });

  test('templates nested in expressions are squeezed; the expressions around them are not touched', () => {
    const source = [
      'html`<ul>',
      '  ${items.map((item) => html`<li>',
      '      ${item.name}',
      '    </li>`)}',
      '</ul>`',
    ].join('\n');
    assert.equal(squeeze(source), 'html`<ul> ${items.map((item) => html`<li> ${item.name} </li>`)} </ul>`');
    const code = 'const f = (a) => {\n  if (a) {\n    return html`<b>\n  x</b>`;\n  }\n  return {k: `${a}`};\n};';
    assert.equal(squeeze(code), 'const f = (a) => {\n  if (a) {\n    return html`<b> x</b>`;\n  }\n  return {k: `${a}`};\n};');
  });

  test('other templates, strings, comments and regular expressions are left as written; css templates are minified', () => {
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
    const expected = source
      .replace('html`<i>\n  ${', 'html`<i> ${')
      .replace("''}\n</i>`", "''} </i>`")
      .replace('css`:host {\n  display: block;\n}`', 'css`:host{display:block}`');
    assert.equal(squeeze(source), expected);
  });

  test('css: comments out, white space squeezed, strings verbatim, the space next to an expression kept', () => {
    const source = "const s = css`\n  /* why */\n  .a::before {\n    content: '  two  spaces ';\n    margin: 0 ${gap}px;\n  }\n`;";
    assert.equal(squeeze(source), "const s = css` .a::before{content:'  two  spaces ';margin:0 ${gap}px}`;");
  });

  test('css: no spaces around * and / between operands, no zero before a decimal point; selectors and + - untouched', () => {
    const source =
      'const s = css`.a * .b, * {\n  gap: calc(var(--x) * 2) calc(var(--x) / 2);\n  width: calc(100% - 0.5em * 3);\n' +
      '  aspect-ratio: 300 / 190;\n  opacity: 0.55;\n  line-height: 1.45;\n  margin: 10.5px calc(var(--x) * 0.75);\n}\n' +
      'dd > span {\n  top: 0 !important;\n}`;';
    assert.equal(
      squeeze(source),
      'const s = css`.a * .b,*{gap:calc(var(--x)*2) calc(var(--x)/2);width:calc(100% - .5em*3);' +
        'aspect-ratio:300/190;opacity:.55;line-height:1.45;margin:10.5px calc(var(--x)*.75)}dd>span{top:0!important}`;',
    );
  });

  test('the source map points every squeezed template back at its own lines', () => {
    const source = ['const a = 1;', 'const t = html`<p>', '    hello', '  </p>`;', 'const after = a;'].join('\n');
    const out = squeezeTemplateLiterals(source, 'x.ts')!;
    const line = out.code.split('\n').findIndex((l) => l.includes('const after'));
    const consumer = new SourceMapConsumer(out.map as never);
    const original = consumer.originalPositionFor({line: line + 1, column: out.code.split('\n')[line]!.indexOf('after')});
    assert.deepEqual({line: original.line, column: original.column}, {line: 5, column: 6});
  });

  test('a source it cannot follow to the end fails instead of being guessed at', () => {
    assert.throws(() => squeeze('const t = html`<p>\n  never closed'), /not closed/);
    assert.throws(() => squeeze('const t = html`<p>${open(</p>`'), /not closed/);
  });

  test('every source with templates goes through, and none of them has <pre> or <textarea>, where spaces matter', () => {
    assert.ok(templateSources.length >= 5, `templates found in ${templateSources.length} files`);
    for (const {file, code} of templateSources) {
      const squeezed = squeeze(code);
      assert.ok(squeezed.length < code.length, `${file}: something squeezed`);
      assert.doesNotMatch(code, /<(pre|textarea)\b/, `${file} has a <pre> or <textarea>`);
    }
  });
});
