// Renders untrusted upstream HTML inside a Lit template, sanitized first (see sanitize.ts). The sanitized fragment
// is cloned into the template, never re-parsed from a string, so nothing can be smuggled between sanitizing and
// inserting. Results are cached per input so a re-render neither flickers nor sanitizes again. Until the sanitizer
// has answered, nothing is shown; then the element is asked to render again (a plain directive and its host's
// requestUpdate, like the QR codes: Lit's async directive would cost its own part of the bundle).
import {noChange, nothing} from 'lit';
import {Directive, directive, type ChildPart} from 'lit/directive.js';
import {sanitizeHtml} from './sanitize.js';

const cache = new Map<string, DocumentFragment>();
const CACHE_LIMIT = 50;
/** Inputs being sanitized: asked for twice, they are sanitized once. */
const pending = new Map<string, Promise<void>>();

function sanitizeOnce(html: string): Promise<void> {
  let sanitizing = pending.get(html);
  if (!sanitizing) {
    sanitizing = sanitizeHtml(html)
      .then((fragment) => {
        if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
        cache.set(html, fragment);
      })
      .finally(() => pending.delete(html));
    pending.set(html, sanitizing);
  }
  return sanitizing;
}

class RichTextDirective extends Directive {
  /** The input whose sanitized form this part shows. */
  #shown: string | undefined;

  render(_html: string | null | undefined): unknown {
    return nothing;
  }

  override update(part: ChildPart, [html]: [string | null | undefined]): unknown {
    if (!html) {
      this.#shown = undefined;
      return nothing;
    }
    if (html === this.#shown) return noChange;
    const cached = cache.get(html);
    if (cached) {
      this.#shown = html;
      return cached.cloneNode(true);
    }
    // The host renders again once it is sanitized, and then finds it cached; a newer input by then is what it shows.
    const host = part.options?.host as {requestUpdate?: () => void} | undefined;
    sanitizeOnce(html).then(
      () => host?.requestUpdate?.(),
      () => undefined, // the sanitizer could not be loaded: nothing is shown, which is safe
    );
    this.#shown = undefined;
    return nothing;
  }
}

/** `${richText(upstreamHtml)}` in a Lit element's template: the HTML, sanitized; empty until the sanitizer has answered. */
export const richText = directive(RichTextDirective);
