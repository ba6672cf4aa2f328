// Renders untrusted upstream HTML inside a Lit template, sanitized first (see sanitize.ts). The sanitized fragment
// is cloned into the template, never re-parsed from a string, so nothing can be smuggled between sanitizing and
// inserting. Results are cached per input so a re-render neither flickers nor sanitizes again.
import {noChange, nothing} from 'lit';
import {AsyncDirective, directive} from 'lit/async-directive.js';
import {sanitizeHtml} from './sanitize.js';

const cache = new Map<string, DocumentFragment>();
const CACHE_LIMIT = 50;

class RichTextDirective extends AsyncDirective {
  #html: string | undefined;

  render(html: string | null | undefined): unknown {
    if (!html) {
      this.#html = undefined;
      return nothing;
    }
    if (html === this.#html) return noChange;
    this.#html = html;
    const cached = cache.get(html);
    if (cached) return cached.cloneNode(true);
    void sanitizeHtml(html).then((fragment) => {
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
      cache.set(html, fragment);
      // A newer value may have arrived while sanitizing; only the latest one is shown.
      if (this.#html === html && this.isConnected) this.setValue(fragment.cloneNode(true));
    });
    return nothing;
  }
}

/** `${richText(upstreamHtml)}`: the HTML, sanitized; empty until the sanitizer has loaded. */
export const richText = directive(RichTextDirective);
