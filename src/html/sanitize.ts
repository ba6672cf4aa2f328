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
 * Event-handler attributes (`onerror=`, `/onload=`) renamed before parsing. DOMPurify would remove them anyway, but
 * Chromium checks a page's Content-Security-Policy as soon as a parser meets one, even in DOMPurify's inert
 * document, and reports a `script-src-attr` violation to the partner's CSP reporting for a handler that never runs.
 * Renamed to a data attribute, which the sanitizer then drops; this pass only ever removes, so it cannot weaken it.
 */
const HANDLER_ATTRIBUTE = /([\s/"'])on[a-z-]*\s*=/gi;

export function withoutHandlerAttributes(html: string): string {
  return html.replace(HANDLER_ATTRIBUTE, '$1data-cr-removed=');
}

/** Sanitizes untrusted upstream HTML into a fragment that is safe to insert. */
export async function sanitizeHtml(dirty: string): Promise<DocumentFragment> {
  const instance = await loadPurifier();
  return instance.sanitize(withoutHandlerAttributes(dirty), {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
    // target is added by our hook after sanitizing, so it need not be allowed on input.
  });
}
