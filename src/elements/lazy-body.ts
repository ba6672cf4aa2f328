// Every tag is defined the moment the script-tag entry runs, but what an element does (its rendering and logic, the
// API client, zod, the stream) is a lazy chunk fetched when the first element of that tag is connected: a page
// that shows only the order status never downloads the checkout, and the entry every partner page pays for stays
// small (issue 6; README, "Each element is loaded when it is first used").
//
// How: a tag's public class (attributes, styles, the doc block) extends `lazyBody(load)`, a class that holds an
// element back from connecting until the body has arrived. The body is a class extending CrElement; once loaded it
// is put into the prototype chain above the lazy class (public class → lazy class → body → CrElement), so every
// instance, made before or after, has the body's methods and Lit sees one whole element. The body's fields are set
// by its `initBody()`, called once per instance before its first connection (an instance made before the body
// arrived never ran the body's constructor). The body must not use `#private` fields for the same reason.
import {html, render} from 'lit';
import {ApiError} from '../api/errors.js';
import {loadMessages} from '../i18n/i18n.js';
import {CrElement} from './cr-element.js';

/** What a body module's default export is: a CrElement subclass that sets its fields in `initBody()`. */
export type BodyClass = abstract new () => CrElement & {initBody(): void};

/** A lazy class (public class → it → body): what the public class extends. */
export function lazyBody(load: () => Promise<{default: BodyClass}>): typeof CrElement {
  let loading: Promise<void> | undefined;
  let loaded = false;
  /** Connected before the body arrived: connected for real once it has. */
  const waiting = new Set<Lazy>();
  const initialized = new WeakSet<Lazy>();

  abstract class Lazy extends CrElement {
    override connectedCallback(): void {
      if (loaded) {
        if (!initialized.has(this)) {
          initialized.add(this);
          (this as unknown as {initBody(): void}).initBody();
        }
        super.connectedCallback();
        return;
      }
      waiting.add(this);
      loading ??= load().then(
        ({default: Body}) => {
          Object.setPrototypeOf(Lazy.prototype, Body.prototype);
          Object.setPrototypeOf(Lazy, Body);
          loaded = true;
          const ready = [...waiting];
          waiting.clear();
          for (const element of ready) if (element.isConnected) element.connectedCallback();
        },
        (cause: unknown) => {
          // The chunk did not arrive (network): say so, in the element and with cr-error; "try again" (or the next
          // connection of one of these tags) fetches it again.
          loading = undefined;
          const error = new ApiError('network', 'the element could not be loaded', {cause});
          for (const element of waiting) if (element.isConnected) void element.#showLoadFailure(error);
        },
      );
    }

    /**
     * Lit's own render root (shadow root and styles), so the body renders into it later and replaces this message.
     * The body's styles are the public class's, so the message looks like the element's own.
     */
    async #showLoadFailure(error: ApiError): Promise<void> {
      // Not connected yet, so the language is not resolved yet: in its language if that still loads, else English.
      this.refreshLang();
      await loadMessages(this.resolvedLang);
      if (!this.isConnected || loaded) return;
      // renderRoot is read-only to subclasses; Lit itself sets it this way (`this.renderRoot ??= …`) on connection.
      const self = this as {renderRoot: HTMLElement | DocumentFragment | undefined};
      const root = (self.renderRoot ??= this.createRenderRoot());
      const retry = () => {
        waiting.delete(this);
        this.connectedCallback();
      };
      render(
        html`<p class="error" part="error" role="alert">${this.fireError(error)}</p>
          <button type="button" class="button" part="retry-button" @click=${retry}>${this.messages.common.retry}</button>`,
        root,
      );
    }

    override disconnectedCallback(): void {
      // Removed while waiting: it is not connected for real when the body comes. Undoing a connection that never
      // happened is harmless, and it stops the page-lang following a failure message started (refreshLang).
      waiting.delete(this);
      super.disconnectedCallback();
    }
  }
  return Lazy as unknown as typeof CrElement;
}
