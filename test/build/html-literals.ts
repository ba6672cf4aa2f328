// The build's whitespace squeeze for lit's html`…` templates (vite.config.ts, minifyHtmlLiterals): a JS minifier
// must keep a template literal's text as written, so the indentation of every template reached the bundle (about
// 4 KiB raw, 0.45 KiB gzipped over the three bodies). In HTML, a run of white space with a line break in it renders
// as one space, so it becomes one space; nothing else changes. Our templates have no <pre> or <textarea>, where it
// would matter (test/build/html-literals.test.ts checks the sources for them).
//
// It scans the TypeScript source itself: strings, comments, regular expressions, template literals and the `${…}`
// expressions inside them (nested templates too), so only the text of a template tagged `html` is touched; a source
// it cannot follow to the end (an unclosed template) fails the build rather than be guessed at.

const LINE_BREAK_RUN = /[ \t]*\r?\n\s*/g;

/** A stretch of the source (offsets) that becomes one space. */
export interface Squeeze {
  start: number;
  end: number;
}

/** `source` with every white-space run that holds a line break, in the text of html`…` templates, made one space. */
export function squeezeHtmlLiterals(source: string): string {
  let out = '';
  let from = 0;
  for (const {start, end} of htmlLiteralSqueezes(source)) {
    out += `${source.slice(from, start)} `;
    from = end;
  }
  return out + source.slice(from);
}

/** The white-space runs with a line break in the text of html`…` templates, in source order. */
export function htmlLiteralSqueezes(source: string): Squeeze[] {
  const squeezes: Squeeze[] = [];
  let out = '';
  let i = 0;
  /** Copies code up to the end of the expression that starts at i (after `${`), or to the end of the source. */
  const code = (closeAtBrace: boolean): void => {
    let depth = 0;
    while (i < source.length) {
      const ch = source[i]!;
      if (ch === '`') {
        const tagged = /\bhtml\s*$/.test(out.slice(-16));
        out += ch;
        i++;
        template(tagged);
      } else if (ch === '"' || ch === "'") {
        const start = i++;
        while (i < source.length && source[i] !== ch && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
        out += source.slice(start, ++i);
      } else if (ch === '/' && source[i + 1] === '/') {
        const end = source.indexOf('\n', i);
        out += source.slice(i, (i = end < 0 ? source.length : end));
      } else if (ch === '/' && source[i + 1] === '*') {
        const end = source.indexOf('*/', i + 2);
        out += source.slice(i, (i = end < 0 ? source.length : end + 2));
      } else if (ch === '/' && /(?:^|[(,=:[!&|?{};+\-*%<>~^]|\breturn|\btypeof)\s*$/.test(out.slice(-16))) {
        // A regular expression (where an operand starts; after an operand `/` divides): its quotes are not strings.
        const start = i++;
        let inClass = false;
        while (i < source.length && source[i] !== '\n' && (inClass || source[i] !== '/')) {
          if (source[i] === '[') inClass = true;
          else if (source[i] === ']') inClass = false;
          i += source[i] === '\\' ? 2 : 1;
        }
        out += source.slice(start, ++i);
      } else {
        if (ch === '{') depth++;
        if (ch === '}' && depth-- === 0 && closeAtBrace) return;
        out += ch;
        i++;
      }
    }
  };
  /** Copies a template literal whose opening backtick was copied already, squeezing its text when tagged html. */
  const template = (tagged: boolean): void => {
    let text = '';
    let textStart = i;
    const flush = () => {
      if (tagged) for (const run of text.matchAll(LINE_BREAK_RUN)) squeezes.push({start: textStart + run.index, end: textStart + run.index + run[0].length});
      out += text;
      text = '';
    };
    while (i < source.length) {
      const ch = source[i]!;
      if (ch === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (ch === '`') {
        flush();
        out += ch;
        i++;
        return;
      } else if (ch === '$' && source[i + 1] === '{') {
        flush();
        out += '${';
        i += 2;
        code(true);
        out += '}';
        i++;
        textStart = i;
      } else {
        text += ch;
        i++;
      }
    }
    throw new Error('html-literals: a template literal is not closed (or the scanner lost its way): not squeezed');
  };
  code(false);
  // The scan copied the source as it went: anything else would mean it went wrong.
  if (out !== source) throw new Error('html-literals: the scan lost its way');
  for (const {start, end} of squeezes) {
    if (/\S/.test(source.slice(start, end))) throw new Error('html-literals: a squeeze would take more than white space');
  }
  return squeezes;
}
