// <cr-order-status> announces the stream's loss once each time it happens: not again when the buyer comes back to a
// page that was hidden for long while the stream was already down (said before it was hidden; nothing was lost since).
// In real Chromium against the real sandbox; the page's visibility is faked on the document.
import {assert, fixture, fixtureCleanup, html} from '@open-wc/testing';
import '../../src/define.js';
import type {CrOrderStatus} from '../../src/elements/cr-order-status/cr-order-status.js';
import {getStore} from '../../src/store/store.js';
import {controls, createOrder, freshStore, proxyUrl, removeFault, sleep, waitFor} from '../stream/helpers.js';

let hidden = false;
/** The document says it is hidden or shown, as the browser does when the tab is switched. */
function setHidden(value: boolean): void {
  hidden = value;
  document.dispatchEvent(new Event('visibilitychange'));
}

suite('<cr-order-status>: the reconnecting note, announced', () => {
  suiteSetup(() => {
    Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => (hidden ? 'hidden' : 'visible')});
  });
  suiteTeardown(() => {
    delete (document as {visibilityState?: unknown}).visibilityState;
  });
  teardown(() => fixtureCleanup());

  test('said when the stream drops; not said again back on a page hidden for long while it was down', async function () {
    this.timeout(15000);
    const order = await createOrder();
    const store = freshStore();
    getStore(store).update({proxyUrl, order});
    const el = await fixture<CrOrderStatus>(html`<cr-order-status
      store=${store}
      lang="en"
      reconnect-delay="200"
      hidden-pause="100"
    ></cr-order-status>`);
    await waitFor(() => el.connection === 'live', 'the stream to open');
    const region = el.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')!;
    const said: string[] = [];
    const observer = new MutationObserver(() => said.push(region.textContent!.trim()));
    observer.observe(region, {childList: true, characterData: true, subtree: true});
    const refused = await controls.fault({kind: 'server-error', endpoint: 'subscribe', orderId: order.order_id, status: 503});
    try {
      await controls.fault({kind: 'drop-stream', endpoint: 'subscribe', orderId: order.order_id, times: 1});
      await waitFor(() => said.some((s) => s.includes('Reconnecting…')), 'the loss, announced');
      setHidden(true);
      await waitFor(() => el.connection === 'paused', 'paused while hidden');
      said.length = 0;
      setHidden(false);
      await waitFor(() => el.connection === 'polling', 'back, the stream still down');
      await el.updateComplete;
      await sleep(300);
      assert.notInclude(said.join(' | '), 'Reconnecting…', 'the loss was said before the page was hidden');
    } finally {
      observer.disconnect();
      setHidden(false);
      await removeFault(refused.id);
    }
  });
});
