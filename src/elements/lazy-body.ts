// Every tag is defined the moment the script-tag entry runs, but what an element does (its rendering and logic, the
// API client, zod, the stream) is a lazy chunk fetched when the first element of that tag is connected: a page
// that shows only the order status never downloads the checkout, and the entry every partner page pays for stays
// small (issue 6; README, "Each element is loaded when it is first used").
//
// How: a tag's public class (attributes, styles, the doc block) extends `lazyBody(load)`, a class that holds an
// element back from connecting until the body and the element's language (also a lazy chunk) have arrived. The
// body is a class extending CrElement; once loaded it is put into the prototype chain above the lazy class (public
// class → lazy class → body → CrElement), so every instance, made before or after, has the body's methods and Lit
// sees one whole element. The body's fields are set by its `initBody()`, called once per instance before its first
// connection (an instance made before the body arrived never ran the body's constructor). The body must not use
// `#private` fields for the same reason. The body brings the tag's own styles too (`bodyStyles`), added to the
// public class's before its first element renders: a page pays only for the styles of the tags it shows.
import {adoptStyles, html, render, type CSSResult, type LitElement} from 'lit';
import {ApiError} from '../api/errors.js';
import {offline} from '../i18n/offline.js';
import {CrElement} from './cr-element.js';

/**
 * What a body module's default export is: a CrElement subclass that sets its fields in `initBody()`, with the tag's
 * styles beside the shared theme (which the public class has from the start, for the load-failure message).
 */
export type BodyClass = (abstract new () => CrElement & {initBody(): void}) & {bodyStyles: readonly CSSResult[]};

/**
 * A lazy class (public class → it → body): what the public class extends. `reloadPage` is what "Try again" does
 * when fetching again failed too (a parameter for the tests only).
 */
export function lazyBody(load: () => Promise<{default: BodyClass}>, reloadPage = () => location.reload()): typeof CrElement {
  let loading: Promise<void> | undefined;
  let loaded = false;
  let bodyStyles: readonly CSSResult[] = [];
  /** Classes (the public one, a partner's subclass) and render roots that have the body's styles. */
  const styled = new WeakSet<object>();
  /** Adds the body's styles to the element's class, once; and to a render root made before (the failure message). */
  const withBodyStyles = (element: Lazy) => {
    const ctor = element.constructor as typeof LitElement;
    if (!styled.has(ctor)) {
      styled.add(ctor);
      ctor.elementStyles = [...ctor.elementStyles, ...bodyStyles];
    }
    const root = element.renderRoot as ShadowRoot | undefined;
    if (root && !styled.has(root)) {
      styled.add(root);
      adoptStyles(root, ctor.elementStyles);
    }
  };
  /** Connected before the body (or its language) arrived: connected for real once both have. */
  const waiting = new Set<Lazy>();
  const initialized = new WeakSet<Lazy>();
  /** Elements whose "Try again" is fetching again. */
  const retrying = new WeakSet<Lazy>();
  /** Elements showing the failure message (still in `waiting`). */
  const failedShown = new WeakSet<Lazy>();

  /** The body arrived after all (one element's "Try again", a new connection): the others stop showing the failure. */
  const wakeFailed = () => {
    for (const other of [...waiting]) {
      if (!failedShown.has(other) || !other.isConnected) continue;
      failedShown.delete(other);
      waiting.delete(other);
      other.connectedCallback();
    }
  };

  abstract class Lazy extends CrElement {
    override connectedCallback(): void {
      // The language too is a lazy chunk: the element renders only once it has words (fetched with the body). It is
      // resolved against the element's own store, so that store is bound first.
      this.bindStore();
      this.refreshLang();
      if (loaded && this.hasMessages) {
        withBodyStyles(this);
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
          bodyStyles = Body.bodyStyles;
          loaded = true;
        },
        (cause: unknown) => {
          loading = undefined;
          throw cause;
        },
      );
      // Both settled: a failure message in the element's language when that arrived and only the body did not.
      void Promise.allSettled([loading, this.messagesReady()]).then(([body, words]) => {
        if (!waiting.has(this) || !this.isConnected) return;
        const failed = body.status === 'rejected' ? body : words.status === 'rejected' ? words : undefined;
        if (failed) {
          // Browsers keep a module that failed to load failed for the life of the page (the module map; seen in
          // Chromium: no request is even made again), so when "Try again" fetching again failed too, only a reload
          // fetches it: the current order resumes after it (sessionStorage). Not while the browser knows it is
          // offline, which would replace the partner's page with the browser's error page.
          if (retrying.has(this) && navigator.onLine) return reloadPage();
          retrying.delete(this);
          // Not arrived (network): say so, in the element and with cr-error; "try again" (or the next connection,
          // where a bundler's chunk loader can retry) fetches what is missing again.
          failedShown.add(this);
          this.#showLoadFailure(new ApiError('network', 'the element could not be loaded', {cause: failed.reason}));
          return;
        }
        retrying.delete(this);
        failedShown.delete(this);
        waiting.delete(this);
        this.connectedCallback();
        wakeFailed();
      });
    }

    /**
     * Lit's own render root (shadow root and styles), so the body renders into it later and replaces this message.
     * The body's styles are the public class's, so the message looks like the element's own.
     */
    #showLoadFailure(error: ApiError): void {
      // renderRoot is read-only to subclasses; Lit itself sets it this way (`this.renderRoot ??= …`) on connection.
      const self = this as {renderRoot: HTMLElement | DocumentFragment | undefined};
      const root = (self.renderRoot ??= this.createRenderRoot());
      const retry = () => {
        failedShown.delete(this);
        waiting.delete(this);
        retrying.add(this);
        this.connectedCallback();
      };
      // In the element's language when that arrived (only the body failed), else the entry's own few words: marked
      // with the language they are in, not the page's (a screen reader reads English words in a German voice else).
      const retryText = this.hasMessages ? this.messages.common.retry : offline.retry;
      // On the alert and on its button alike: the button would else take the page's.
      const wordsLang = this.hasMessages ? this.messages.lang : 'en';
      // With the element's own render options: Lit keeps this render's part for the body's first render, so its event
      // listeners get the element as `this` (and styles that are not adopted stay first).
      render(
        html`<p class="error" part="error" role="alert" lang=${wordsLang}>${this.fireError(error)}</p>
          <button type="button" class="button" part="retry-button" lang=${wordsLang} @click=${retry}>${retryText}</button>`,
        root,
        this.renderOptions,
      );
    }

    override disconnectedCallback(): void {
      // Removed while waiting: it is not connected for real when the body comes. An instance the body never set up
      // (initBody) must not run the body's own disconnection, which tears down fields it does not have: only the
      // base element's (stops the page-lang following that refreshLang started).
      waiting.delete(this);
      failedShown.delete(this);
      if (initialized.has(this)) super.disconnectedCallback();
      else CrElement.prototype.disconnectedCallback.call(this);
    }
  }
  return Lazy as unknown as typeof CrElement;
}
