// The build's squeeze of lit's tagged templates (vite.config.ts, minifyTemplateLiterals). A JS minifier must keep a
// template literal's text as written, so the indentation of every html`…` template and every comment and indent of
// every css`…` one would reach the bundle:
// - html: a run of white space with a line break in it renders as one space, so it becomes one space (about 4 KiB
//   raw, 0.45 KiB gzipped over the three bodies). Our templates have no <pre> or <textarea>, where it would matter
//   (test/build/template-literals.test.ts checks the sources for them). And a static attribute value of letters,
//   digits and `-` loses its quotes, which HTML does not need there (`part=pay-button`: the same DOM).
// - css: comments out, runs of white space one space, none around `{ } ; , :`, nor around `*` and `/` between two
//   operands or a child combinator `>`, nor before `!important`, and no zero before a decimal point (strings kept
//   verbatim).
//
// It scans the TypeScript source itself: strings, comments, regular expressions, template literals and the `${…}`
// expressions inside them (nested templates too), so only the text of templates tagged `html` or `css` is touched,
// and each stretch of text between two expressions is squeezed alone; a source it cannot follow to the end (an
// unclosed template) fails the build rather than be guessed at. The edits go through MagicString, so source maps
// stay exact (the bench's cost table reads them).
import MagicString from 'magic-string';

export type Tag = 'html' | 'css';

/** A stretch of a tagged template's text (between its backticks and `${…}` expressions), by source offsets. */
export interface TemplateText {
  tag: Tag;
  start: number;
  end: number;
  /** Whether the stretch starts inside a tag (after an expression in `<input id=${id} …`). */
  inTag: boolean;
}

const LINE_BREAK_RUN = /[ \t]*\r?\n\s*/g;

/**
 * A static attribute value in quotes that HTML reads the same without them (`part="pay-button"`): only letters,
 * digits and `-` (unquoted values may not hold spaces, quotes, `=`, `<`, `>` or backticks), and followed by a space
 * or the tag's `>` (before `/>` the slash would join the value).
 */
const QUOTED_PLAIN_VALUE = /(?<=\s[a-z][a-z0-9-]*=)"([A-Za-z0-9-]+)"(?=[\s>])/g;

/** Whether a tag is open at the end of `text` (or at `at`): its last `<` or `>`, or else as it started. */
export function endsInTag(text: string, startsInTag: boolean, at = text.length): boolean {
  const open = text.lastIndexOf('<', at);
  const close = text.lastIndexOf('>', at);
  return open === close ? startsInTag : open > close;
}

/**
 * html text: every white-space run that holds a line break made one space, and the quotes of plain attribute values
 * inside a tag dropped (the same DOM); never in text. `startsInTag`: the stretch follows an expression inside a tag.
 */
export function squeezeHtml(text: string, startsInTag = false): string {
  const squeezed = text.replace(LINE_BREAK_RUN, ' ');
  return squeezed.replace(QUOTED_PLAIN_VALUE, (quoted, value: string, at: number) =>
    endsInTag(squeezed, startsInTag, at) ? value : quoted,
  );
}

/**
 * The spaces around `*` and `/` between two operands in a value (`calc(var(--_space) * 2)`, `aspect-ratio: 300 / 190`),
 * which CSS does not need there (only `+` and `-` need them). A number, unit or `)` before and a number, `(` or a
 * function after: never a selector's `*` (the universal selector, or `.x * .y`, has no number or function after it).
 */
const MATH_OPERATOR_SPACES = /(?<=[\w)%]) ([*/]) (?=\.?\d|\(|[a-z-]+\()/g;
/** The zero before a decimal point (`0.9em` is `.9em`) where a number starts: after a space or one of `: ( , * /`. */
const LEADING_ZERO = /(?<=[\s:(,*/])0\.(?=\d)/g;
/** The spaces around a child combinator (`dd > span`) and before `!important`, which CSS does not need. */
const CHILD_COMBINATOR_SPACES = / > /g;
const IMPORTANT_SPACE = / !important/g;

/**
 * css text: comments out, white space squeezed, strings (`content: "…"`) kept verbatim. Not trimmed: a stretch next
 * to an expression (`0 ${x}px`) keeps the space that separates them.
 */
export function squeezeCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/)
    .map((piece, i) =>
      i % 2
        ? piece
        : piece
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};,])\s*/g, '$1')
            .replace(/:\s+/g, ':')
            .replace(/;}/g, '}')
            .replace(MATH_OPERATOR_SPACES, '$1')
            .replace(LEADING_ZERO, '.')
            .replace(CHILD_COMBINATOR_SPACES, '>')
            .replace(IMPORTANT_SPACE, '!important'),
    )
    .join('');
}

const SQUEEZE: Record<Tag, (text: string, startsInTag: boolean) => string> = {html: squeezeHtml, css: squeezeCss};

/** The text stretches of every html`…` and css`…` template in `source`, in source order. */
export function templateTexts(source: string): TemplateText[] {
  const texts: TemplateText[] = [];
  let i = 0;
  /** What the scan has passed, for the look-behinds (a tag before a backtick, an operand before a slash). */
  const behind = () => source.slice(Math.max(0, i - 16), i);
  /** Skips code up to the `}` that closes the expression starting at i (after `${`), or to the end of the source. */
  const code = (closeAtBrace: boolean): void => {
    let depth = 0;
    while (i < source.length) {
      const ch = source[i]!;
      if (ch === '`') {
        const tag = /\b(html|css)\s*$/.exec(behind())?.[1] as Tag | undefined;
        i++;
        template(tag);
      } else if (ch === '"' || ch === "'") {
        i++;
        while (i < source.length && source[i] !== ch && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
        i++;
      } else if (ch === '/' && source[i + 1] === '/') {
        const end = source.indexOf('\n', i);
        i = end < 0 ? source.length : end;
      } else if (ch === '/' && source[i + 1] === '*') {
        const end = source.indexOf('*/', i + 2);
        i = end < 0 ? source.length : end + 2;
      } else if (ch === '/' && /(?:^|[(,=:[!&|?{};+\-*%<>~^]|\breturn|\btypeof)\s*$/.test(behind())) {
        // A regular expression (where an operand starts; after an operand `/` divides): its quotes are not strings.
        i++;
        let inClass = false;
        while (i < source.length && source[i] !== '\n' && (inClass || source[i] !== '/')) {
          if (source[i] === '[') inClass = true;
          else if (source[i] === ']') inClass = false;
          i += source[i] === '\\' ? 2 : 1;
        }
        i++;
      } else {
        if (ch === '{') depth++;
        if (ch === '}' && depth-- === 0 && closeAtBrace) return;
        i++;
      }
    }
    if (closeAtBrace) throw new Error('template-literals: a ${…} expression is not closed: not squeezed');
  };
  /** Scans a template literal whose opening backtick is behind i, recording its text when it is tagged. */
  const template = (tag: Tag | undefined): void => {
    let start = i;
    let inTag = false;
    const record = () => {
      if (tag && i > start) texts.push({tag, start, end: i, inTag});
      inTag = endsInTag(source.slice(start, i), inTag);
    };
    while (i < source.length) {
      const ch = source[i]!;
      if (ch === '\\') {
        i += 2;
      } else if (ch === '`') {
        record();
        i++;
        return;
      } else if (ch === '$' && source[i + 1] === '{') {
        record();
        i += 2;
        code(true);
        i++;
        start = i;
      } else {
        i++;
      }
    }
    throw new Error('template-literals: a template literal is not closed (or the scanner lost its way): not squeezed');
  };
  code(false);
  return texts;
}

/** `source` with its html and css templates squeezed, and the source map of the edit; undefined when nothing changes. */
export function squeezeTemplateLiterals(source: string, id: string): {code: string; map: ReturnType<MagicString['generateMap']>} | undefined {
  const edited = new MagicString(source);
  let changed = false;
  for (const {tag, start, end, inTag} of templateTexts(source)) {
    const text = source.slice(start, end);
    const squeezed = SQUEEZE[tag](text, inTag);
    if (squeezed === text) continue;
    if (squeezed) edited.overwrite(start, end, squeezed);
    else edited.remove(start, end); // a css stretch that was only a comment
    changed = true;
  }
  return changed ? {code: edited.toString(), map: edited.generateMap({hires: true, source: id})} : undefined;
}
