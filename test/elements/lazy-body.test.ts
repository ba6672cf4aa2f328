// lazyBody (src/elements/lazy-body.ts) in real Chromium: a tag is defined at once, its body arrives later, and
// every instance (made before or after, connected before or after, with attributes and properties set before)
// becomes the whole element exactly once; a body that fails to load says so with `cr-error` and is fetched again on
// the next connection. Bodies here are small test classes, so each test controls when (and whether) one arrives.
import {assert, waitUntil} from '@open-wc/testing';
import {css, html, type PropertyValues} from 'lit';
import {property} from 'lit/decorators.js';
import {CrElement} from '../../src/elements/cr-element.js';
import {lazyBody, type BodyClass} from '../../src/elements/lazy-body.js';
import {loadMessages} from '../../src/i18n/i18n.js';
import {getStore} from '../../src/store/store.js';
import type {ErrorDetail} from '../../src/events.js';

/** A body that counts what it did per instance, so a test sees every connection and every initBody. */
class CountingBody extends CrElement {
  /** The tag's own styles, which come with the body. */
  static bodyStyles = [css`p { color: rgb(1, 2, 3); }`];
  declare label: string;
  declare log: string[];
  initBody(): void {
    this.log = [...(this.log ?? []), 'init'];
  }
  override connectedCallback(): void {
    super.connectedCallback();
    this.log = [...this.log, 'connected'];
  }
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('label')) this.log = [...this.log, `label=${this.label}`];
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Throws on an instance initBody never set up, as a real body's teardown would.
    this.log = [...this.log, 'disconnected'];
  }
  private _clicked(): void {
    this.log = [...this.log, 'clicked'];
  }
  override render() {
    return html`<p>${this.label}</p>
      <button type="button" @click=${this._clicked}>count</button>`;
  }
}

let tags = 0;

/** A fresh tag whose body arrives when `arrive()` is called (or fails with `fail()`); `loads` counts the fetches. */
function lazyTag() {
  const tag = `lazy-test-${++tags}`;
  let loads = 0;
  let reloads = 0;
  let settle: {arrive: () => void; fail: () => void} | undefined;
  class Public extends lazyBody(
    () => {
      loads++;
      return new Promise<{default: BodyClass}>((resolve, reject) => {
        settle = {arrive: () => resolve({default: CountingBody}), fail: () => reject(new TypeError('Failed to fetch dynamically imported module'))};
      });
    },
    () => reloads++,
  ) {
    @property() label = 'default';
  }
  customElements.define(tag, Public);
  type Instance = Public & {log?: string[]};
  return {
    tag,
    make: () => document.createElement(tag) as Instance,
    loads: () => loads,
    reloads: () => reloads,
    arrive: async () => {
      settle!.arrive();
      await new Promise((r) => setTimeout(r));
    },
    fail: async () => {
      settle!.fail();
      await new Promise((r) => setTimeout(r));
    },
  };
}

const text = (el: Element) => el.shadowRoot?.querySelector('p')?.textContent;

suite('lazyBody', () => {
  const placed: Element[] = [];
  const place = <T extends Element>(el: T): T => {
    placed.push(el);
    document.body.append(el);
    return el;
  };
  teardown(() => placed.splice(0).forEach((el) => el.remove()));

  test('defined at once; nothing is fetched until an element is connected; then one fetch for every instance', async () => {
    const t = lazyTag();
    assert.ok(customElements.get(t.tag));
    const early = t.make();
    early.label = 'set before connecting';
    assert.equal(t.loads(), 0, 'made, not connected: no fetch');
    place(early);
    place(t.make());
    assert.equal(t.loads(), 1, 'two connected, one fetch');
    assert.isNull(early.shadowRoot, 'nothing renders before the body is there');
    let settled = false;
    void early.updateComplete.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    assert.isFalse(settled, 'updateComplete waits for the body');
    await t.arrive();
    await early.updateComplete;
    assert.isTrue(settled);
    assert.equal(text(early), 'set before connecting');
    assert.deepEqual(early.log, ['init', 'connected', 'label=set before connecting']);
  });

  test('instances made before the body arrived and connected after it, or made after it: initialized once each', async () => {
    const t = lazyTag();
    const first = place(t.make());
    const waiting = t.make();
    waiting.setAttribute('label', 'from the attribute');
    await t.arrive();
    place(waiting);
    const later = place(t.make());
    await Promise.all([first.updateComplete, waiting.updateComplete, later.updateComplete]);
    assert.equal(text(waiting), 'from the attribute');
    assert.equal(text(later), 'default');
    // Every instance has the tag's styles that came with the body (added to the class once).
    for (const el of [first, waiting, later]) assert.equal(getComputedStyle(el.shadowRoot!.querySelector('p')!).color, 'rgb(1, 2, 3)');
    // Moved around (disconnected, connected again): connected again, never initialized again.
    later.remove();
    place(later);
    await later.updateComplete;
    assert.deepEqual(later.log?.filter((l) => l !== 'label=default'), ['init', 'connected', 'disconnected', 'connected']);
    assert.deepEqual(waiting.log?.filter((l) => l === 'init'), ['init']);
    assert.equal(t.loads(), 1);
  });

  test('removed before the body arrived: never connected, never initialized', async () => {
    const t = lazyTag();
    const gone = place(t.make());
    const control = place(t.make());
    gone.remove();
    await t.arrive();
    // The control, connected throughout, did become the whole element: by then the removed one would have too.
    await control.updateComplete;
    assert.include(control.log ?? [], 'connected');
    assert.isUndefined(gone.log);
    assert.isNull(gone.shadowRoot);
  });

  test("removed after the body arrived but while its language is still coming: the body's teardown never runs", async () => {
    const t = lazyTag();
    place(t.make());
    await t.arrive();
    const errors: string[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    try {
      const el = t.make();
      el.setAttribute('lang', 'tl'); // no other test of this page loads Tagalog: the element waits for it
      place(el);
      el.remove();
      await loadMessages('tl');
      await new Promise((r) => setTimeout(r));
      assert.deepEqual(errors, []);
      assert.isUndefined(el.log, 'never set up, never connected');
      assert.isNull(el.shadowRoot);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  test("an element of another store, given its lang before connecting, leaves the default store's language alone", async () => {
    const t = lazyTag();
    const before = getStore().get().lang;
    const el = t.make();
    el.setAttribute('store', 'lazy-other');
    el.setAttribute('lang', 'de');
    place(el);
    await t.arrive();
    await el.updateComplete;
    assert.equal(getStore('lazy-other').get().lang, 'de');
    assert.equal(getStore().get().lang, before);
  });

  test('its language changed while the first one is still coming: it connects, and ends in the last one', async () => {
    const t = lazyTag();
    const el = t.make();
    el.setAttribute('lang', 'vi'); // neither Vietnamese nor Chinese is loaded by another test of this page
    place(el);
    el.setAttribute('lang', 'zh');
    await t.arrive();
    await waitUntil(() => el.log?.includes('connected'), 'connected for real');
    await el.updateComplete;
    assert.isNull(el.shadowRoot!.querySelector('[role="alert"]'), 'no false failure');
    assert.equal(el.resolvedLang, 'zh');
  });

  test('a body that fails to load: a localized alert, cr-error with the network code, and "try again" fetches it again', async () => {
    const t = lazyTag();
    const el = t.make();
    el.setAttribute('lang', 'de');
    const errors: ErrorDetail[] = [];
    el.addEventListener('cr-error', (e) => errors.push(e.detail));
    place(el);
    await t.fail();
    // Told in the element's language, once its messages have loaded.
    await waitUntil(() => errors.length > 0, 'a cr-error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.code, 'network');
    const {messages: de} = await import('../../src/i18n/locales/de/index.js');
    assert.equal(errors[0]!.message, de.common.errors.network, 'in the element\'s language');
    const alert = el.shadowRoot!.querySelector('[role="alert"]');
    assert.equal(alert?.textContent, de.common.errors.network, 'the failure is shown in the element');
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!;
    assert.equal(retry.textContent?.trim(), de.common.retry);
    assert.equal(t.loads(), 1);
    retry.click();
    assert.equal(t.loads(), 2, 'tried again');
    await t.arrive();
    await el.updateComplete;
    assert.equal(text(el), 'default', 'the body replaced the message');
    assert.isNull(el.shadowRoot!.querySelector('[role="alert"]'));
    const p = el.shadowRoot!.querySelector('p')!;
    assert.equal(getComputedStyle(p).color, 'rgb(1, 2, 3)', "the body's styles, though the root was made for the message");
    assert.ok(el.shadowRoot!.adoptedStyleSheets.length > 1, 'and the theme still');
    assert.deepEqual(el.log, ['init', 'connected', 'label=default']);
    // The body's listeners run on the element, though the failure message was rendered into the same root first.
    el.shadowRoot!.querySelector('button')!.click();
    assert.deepEqual(el.log, ['init', 'connected', 'label=default', 'clicked']);
  });

  test('"try again" that fails again reloads the page (browsers keep a failed module failed); not when offline', async () => {
    const t = lazyTag();
    const el = place(t.make());
    await t.fail();
    const retry = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    retry();
    await t.fail();
    assert.equal(t.reloads(), 1, 'reloaded once fetching again failed too');
    // An own property shadows the prototype's getter; deleting it restores the real one.
    Object.defineProperty(navigator, 'onLine', {configurable: true, get: () => false});
    try {
      retry();
      await t.fail();
      assert.equal(t.reloads(), 1, 'offline: no reload, the message stays');
      assert.ok(el.shadowRoot!.querySelector('[role="alert"]'));
    } finally {
      delete (navigator as {onLine?: boolean}).onLine;
    }
  });

  test('"try again" in one element that brings the body: every other element showing the failure becomes whole too', async () => {
    const t = lazyTag();
    const clicked = place(t.make());
    const sibling = place(t.make());
    await t.fail();
    await waitUntil(() => sibling.shadowRoot?.querySelector('[role="alert"]'), 'the sibling shows the failure');
    clicked.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await t.arrive();
    await waitUntil(() => sibling.log?.includes('connected'), 'the sibling connected for real');
    await Promise.all([clicked.updateComplete, sibling.updateComplete]);
    for (const el of [clicked, sibling]) {
      assert.isNull(el.shadowRoot!.querySelector('[role="alert"]'), 'no failure message left');
      assert.equal(text(el), 'default');
      assert.deepEqual(el.log, ['init', 'connected', 'label=default']);
    }
    assert.equal(t.loads(), 2);
    assert.equal(t.reloads(), 0);
  });

  test('a failed body is fetched again when an element of the tag is connected again', async () => {
    const t = lazyTag();
    const el = place(t.make());
    await t.fail();
    el.remove();
    place(el);
    assert.equal(t.loads(), 2);
    await t.arrive();
    await el.updateComplete;
    assert.equal(text(el), 'default');
  });
});
