// Upstream rich text (brand descriptions, terms, redeem instructions) is HTML we do not control. It is sanitized with a
// narrow allow-list before it reaches the DOM: no scripts, no event handlers, no styles, and no remote resources
// (images, frames, media), because a payment page must not load or run anything a third party chose.
//
// Two engines, one allow-list. Where the browser has the standard HTML Sanitizer API (`Element.setHTML` with a
// sanitizer config: Chromium, Firefox), the browser's own sanitizer does it and nothing is downloaded. Elsewhere
// DOMPurify does, loaded lazily (most pages never show rich text, and it is our largest dependency). Whatever the
// engine, the result is checked against the allow-list before use; a native result that does not pass is thrown
// away and DOMPurify used instead, so a browser's bug or an older, pre-standard API cannot widen what gets through.
import type {DOMPurify as Purifier} from 'dompurify';

const ALLOWED_TAGS = [
  'p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'sub', 'sup', 'span', 'div',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'code', 'pre', 'hr',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a',
];
const ALLOWED_ATTR = ['href', 'title', 'colspan', 'rowspan'];
/**
 * Elements off the allow-list whose text is still shown (the element itself goes): DOMPurify keeps the content of
 * any element it removes, but the browser's sanitizer removes an element not in `elements` with everything in it,
 * so it is told these, the ones upstream text is written with, to unwrap instead. What neither list names (script,
 * style, media, forms' controls, svg, …) goes with its content in both engines' results.
 */
const UNWRAPPED_TAGS = [
  'h1', 'h2', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'address', 'figure', 'figcaption',
  'details', 'summary', 'center', 'font', 'big', 'tt', 'strike', 'del', 'ins', 'mark', 'abbr', 'acronym', 'cite',
  'q', 'dfn', 'kbd', 'samp', 'var', 'time', 'data', 'bdi', 'bdo', 'nobr', 'label', 'caption', 'tfoot', 'picture',
];
/** Links may only go to web pages or mail addresses: never `javascript:`, `data:` or anything else. */
const SAFE_LINK = /^(?:https?:|mailto:)/i;

export type SanitizerEngine = 'native' | 'dompurify';

/** A link that may stay opens in a new tab without an opener; any other loses its href. */
function fixLink(link: Element): void {
  const href = link.getAttribute('href') ?? '';
  if (!SAFE_LINK.test(href.trim())) {
    link.removeAttribute('href');
    return;
  }
  link.setAttribute('target', '_blank');
  link.setAttribute('rel', 'noopener noreferrer nofollow');
}

const ALLOWED_TAG_SET = new Set(ALLOWED_TAGS);
const ALLOWED_ATTR_SET = new Set([...ALLOWED_ATTR, 'target', 'rel']);
const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** True when every element and attribute of `fragment` is on the allow-list and every link is a safe one. */
export function withinAllowList(fragment: DocumentFragment): boolean {
  for (const el of fragment.querySelectorAll('*')) {
    if (el.namespaceURI !== HTML_NS || !ALLOWED_TAG_SET.has(el.localName)) return false;
    for (const name of el.getAttributeNames()) {
      if (!ALLOWED_ATTR_SET.has(name)) return false;
      // target and rel are ours, set on links only (fixLink).
      if ((name === 'target' || name === 'rel') && el.localName !== 'a') return false;
    }
    const href = el.getAttribute('href');
    if (href !== null && !SAFE_LINK.test(href.trim())) return false;
  }
  return true;
}

type SanitizerOptions = {
  sanitizer: {elements: string[]; replaceWithChildrenElements: string[]; attributes: string[]; comments: boolean; dataAttributes: boolean};
};
type SetHTML = (this: Element, html: string, options: SanitizerOptions) => void;

/**
 * The standard API's `Element.setHTML`, where it exists in its standard form: `Document.parseHTML` is checked too,
 * since it only exists there (an older, pre-standard `setHTML` took another config, which it might ignore).
 */
function nativeSetHTML(): SetHTML | undefined {
  const standard = typeof (globalThis.Document as unknown as {parseHTML?: unknown} | undefined)?.parseHTML === 'function';
  const setHTML = (globalThis.Element?.prototype as unknown as {setHTML?: SetHTML} | undefined)?.setHTML;
  return standard && typeof setHTML === 'function' ? setHTML : undefined;
}

/** Which engine `sanitizeHtml` uses in this browser. */
export function sanitizerEngine(): SanitizerEngine {
  return nativeSetHTML() ? 'native' : 'dompurify';
}

/** The browser's sanitizer alone; undefined where there is none, or its result did not pass the allow-list check. */
export function sanitizeNatively(dirty: string): DocumentFragment | undefined {
  const setHTML = nativeSetHTML();
  if (!setHTML) return undefined;
  try {
    // A detached element: the markup is parsed and sanitized, nothing of it is in the page until we insert it.
    const holder = document.createElement('div');
    const sanitizer = {elements: ALLOWED_TAGS, replaceWithChildrenElements: UNWRAPPED_TAGS, attributes: ALLOWED_ATTR, comments: false, dataAttributes: false};
    setHTML.call(holder, dirty, {sanitizer});
    const fragment = document.createDocumentFragment();
    fragment.append(...holder.childNodes);
    for (const link of fragment.querySelectorAll('a')) fixLink(link);
    return withinAllowList(fragment) ? fragment : undefined;
  } catch {
    // A config this browser does not take, or any other failure: DOMPurify does it.
    return undefined;
  }
}

let purifier: Promise<Purifier> | undefined;

function loadPurifier(): Promise<Purifier> {
  purifier ??= import('dompurify').then(({default: DOMPurify}) => {
    // The hook is registered once per page on our own lazily created instance, so a host page's own DOMPurify
    // configuration is never touched.
    const instance = DOMPurify(window);
    instance.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') fixLink(node);
    });
    return instance;
  });
  return purifier;
}

/**
 * What makes Chromium check the page's Content-Security-Policy as soon as a parser meets it, even in DOMPurify's inert
 * document: event-handler attributes (`onerror=`, `/onload=`: a `script-src-attr` report), `<style>` elements
 * (`style-src-elem`) and `style=` attributes (`style-src-attr`). Nothing of it would ever run or apply (either
 * sanitizer removes all three), but each report reaches the partner's CSP reporting as an attack on their page. So they are
 * taken out before parsing: a `<style>` element with its text (up to its end tag, or to the end like the HTML parser
 * does when there is none), and the attributes renamed to a data attribute the sanitizer then drops. This pass only
 * ever removes, and the sanitizer still checks what is left, so it cannot weaken it.
 */
const HANDLER_ATTRIBUTE = /([\s/"'])on[a-z-]*\s*=/gi;
const STYLE_ATTRIBUTE = /([\s/"'])style\s*=/gi;
const STYLE_ELEMENT = /<style\b[^>]*>[\s\S]*?(?:<\/style\b[^>]*>|$)/gi;

export function withoutCspTriggers(html: string): string {
  // A space, not nothing, where a <style> was: removing it must not join its two sides into a new tag or attribute.
  return html.replace(STYLE_ELEMENT, ' ').replace(HANDLER_ATTRIBUTE, '$1data-cr-removed=').replace(STYLE_ATTRIBUTE, '$1data-cr-removed=');
}

/**
 * Sanitizes untrusted upstream HTML into a fragment that is safe to insert: with the browser's own sanitizer where
 * it has the standard API, else with DOMPurify (`engine` forces one, for tests).
 */
export async function sanitizeHtml(dirty: string, engine: SanitizerEngine = sanitizerEngine()): Promise<DocumentFragment> {
  const input = withoutCspTriggers(dirty);
  const native = engine === 'native' ? sanitizeNatively(input) : undefined;
  if (native) return native;
  const instance = await loadPurifier();
  const fragment = instance.sanitize(input, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
    // target is added by our hook after sanitizing, so it need not be allowed on input.
  });
  // DOMPurify's result is held to the same check: anything outside the allow-list means nothing is shown.
  return withinAllowList(fragment) ? fragment : document.createDocumentFragment();
}
