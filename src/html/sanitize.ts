// Upstream rich text (brand descriptions, terms, redeem instructions) is HTML we do not control. It goes through
// DOMPurify with a narrow allow-list before it reaches the DOM: no scripts, no event handlers, no styles, and no
// remote resources (images, frames, media), because a payment page must not load or run anything a third party chose.
// DOMPurify is loaded lazily: most pages never show rich text, and it is the largest dependency we have.
import type {DOMPurify as Purifier} from 'dompurify';

const ALLOWED_TAGS = [
  'p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'sub', 'sup', 'span', 'div',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'code', 'pre', 'hr',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a',
];
const ALLOWED_ATTR = ['href', 'title', 'colspan', 'rowspan'];
/** Links may only go to web pages or mail addresses: never `javascript:`, `data:` or anything else. */
const SAFE_LINK = /^(?:https?:|mailto:)/i;

let purifier: Promise<Purifier> | undefined;

function loadPurifier(): Promise<Purifier> {
  purifier ??= import('dompurify').then(({default: DOMPurify}) => {
    // The hook is registered once per page on our own lazily created instance, so a host page's own DOMPurify
    // configuration is never touched.
    const instance = DOMPurify(window);
    instance.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName !== 'A') return;
      const href = node.getAttribute('href') ?? '';
      if (!SAFE_LINK.test(href.trim())) {
        node.removeAttribute('href');
        return;
      }
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    });
    return instance;
  });
  return purifier;
}

/**
 * What makes Chromium check the page's Content-Security-Policy as soon as a parser meets it, even in DOMPurify's inert
 * document: event-handler attributes (`onerror=`, `/onload=`: a `script-src-attr` report), `<style>` elements
 * (`style-src-elem`) and `style=` attributes (`style-src-attr`). Nothing of it would ever run or apply (DOMPurify
 * removes all three), but each report reaches the partner's CSP reporting as an attack on their page. So they are
 * taken out before parsing: a `<style>` element with its text (up to its end tag, or to the end like the HTML parser
 * does when there is none), and the attributes renamed to a data attribute the sanitizer then drops. This pass only
 * ever removes, and DOMPurify still checks what is left, so it cannot weaken the sanitizer.
 */
const HANDLER_ATTRIBUTE = /([\s/"'])on[a-z-]*\s*=/gi;
const STYLE_ATTRIBUTE = /([\s/"'])style\s*=/gi;
const STYLE_ELEMENT = /<style\b[^>]*>[\s\S]*?(?:<\/style\b[^>]*>|$)/gi;

export function withoutCspTriggers(html: string): string {
  // A space, not nothing, where a <style> was: removing it must not join its two sides into a new tag or attribute.
  return html.replace(STYLE_ELEMENT, ' ').replace(HANDLER_ATTRIBUTE, '$1data-cr-removed=').replace(STYLE_ATTRIBUTE, '$1data-cr-removed=');
}

/** Sanitizes untrusted upstream HTML into a fragment that is safe to insert. */
export async function sanitizeHtml(dirty: string): Promise<DocumentFragment> {
  const instance = await loadPurifier();
  return instance.sanitize(withoutCspTriggers(dirty), {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
    // target is added by our hook after sanitizing, so it need not be allowed on input.
  });
}
