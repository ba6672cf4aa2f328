// <cr-order-status> at its ends, in real Chromium against the real sandbox through the real proxy:
// - removal while the stream is down (reconnecting with backoff, or polling only) must stop every request;
// - the failure and review views: their words, the support contact, the order id and its copy button, axe;
// - an order-id upstream does not know: said, announced, one cr-error, nothing retried.
import {assert, fixture, fixtureCleanup, html} from '@open-wc/testing';
import {ifDefined} from 'lit/directives/if-defined.js';
import '../../src/define.js';
import type {CrOrderStatus} from '../../src/elements/cr-order-status/cr-order-status.js';
import type {StatusChangeDetail} from '../../src/events.js';
import {status as en} from '../../src/i18n/locales/en/status.js';
import {common as commonEn} from '../../src/i18n/locales/en/common.js';
import type {ActionBody, OrderAction} from '../support/sandbox-controls.js';
import {expectAccessible} from '../support/a11y.js';
import {pasteClipboard, realClick} from '../support/clipboard.js';
import {controls, createOrder, freshStore, proxyUrl, requestsFor, sleep, waitFor} from '../stream/helpers.js';
import {parseOrder} from '../../src/api/client.js';
import {getStore} from '../../src/store/store.js';
import {loadOrder, saveOrder} from '../../src/store/order-persistence.js';

interface MountOptions {
  orderId: string;
  theme?: 'light' | 'dark';
  /** `null`: no EventSource (polling only). */
  eventSource?: typeof EventSource | null;
  reconnectDelay?: number;
  paymentPollInterval?: number;
}

async function mount(options: MountOptions) {
  const events: StatusChangeDetail[] = [];
  // `.eventSource` is bound before the element is connected (lit sets properties before appending the fixture), so
  // the tracker reads it when it starts.
  const el = await fixture<CrOrderStatus>(html`<cr-order-status
    proxy-url=${proxyUrl}
    store=${freshStore()}
    order-id=${options.orderId}
    theme=${ifDefined(options.theme)}
    reconnect-delay=${options.reconnectDelay ?? 200}
    payment-poll-interval=${options.paymentPollInterval ?? 300}
    .eventSource=${options.eventSource}
    @cr-status-change=${(e: CustomEvent<StatusChangeDetail>) => events.push(e.detail)}
  ></cr-order-status>`);
  return {el, events};
}

const root = (el: CrOrderStatus) => el.shadowRoot!;
const part = (el: CrOrderStatus, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: CrOrderStatus, name: string) => [...root(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/[ \t\r\n]+/g, ' ').trim();
const liveRegion = (el: CrOrderStatus) => root(el).querySelector('[role="status"][aria-live="polite"]')!;

/** Every request the sandbox logged for this order (stream and polls). */
async function orderRequests(orderId: string) {
  const {requests} = await controls.stats();
  return requests.filter((r) => r.path.toLowerCase().includes(orderId.toLowerCase()));
}


/**
 * A request sent just before removal may still reach the sandbox a moment after it (through the proxy): the log is
 * read once this long after removal, and must not grow from then on.
 */
const SETTLE_MS = 300;
/** How long the sandbox must then stay quiet. */
const QUIET_MS = 2500;

/**
 * After `el` was removed: for QUIET_MS, the sandbox receives no further request for the order and holds no open
 * stream. Call it after removing every fault that would make a reconnect fail, so a stray reconnect would show.
 */
async function assertQuietAfterRemoval(el: CrOrderStatus, orderId: string, removedAt: number): Promise<void> {
  assert.isFalse(el.isConnected);
  await sleep(SETTLE_MS);
  const baseline = (await orderRequests(orderId)).length;
  const until = performance.now() + QUIET_MS;
  let samples = 0;
  while (performance.now() < until) {
    const stats = await controls.stats();
    const requests = stats.requests.filter((r) => r.path.toLowerCase().includes(orderId.toLowerCase()));
    const late = requests.slice(baseline).map((r) => `${r.method} ${r.path} (${r.endpoint}) at ${r.at - removedAt} ms after removal`);
    assert.deepEqual(late, [], `no request for the order after removal (${samples} samples so far)`);
    // This order's streams: another test page's may still be closing (the count of all streams is global).
    assert.equal(stats.openStreamsByOrder[orderId] ?? 0, 0, 'no open stream after removal');
    samples++;
    await sleep(100);
  }
  assert.isAtLeast(samples, 10, 'the sandbox was watched throughout');
  assert.equal(el.connection, 'idle', 'the removed element follows nothing');
}

suite('<cr-order-status>: removal while the stream is down', () => {
  const faults: number[] = [];
  const clearFaults = async () => {
    // Only our own faults, by id: never all of them.
    for (const id of faults.splice(0)) await controls.removeFault(id).catch(() => undefined);
  };
  teardown(async () => {
    fixtureCleanup();
    await clearFaults();
  });

  test('reconnecting with backoff (subscribe answers 503): removal stops reconnects and polls', async () => {
    const order = await createOrder();
    const {el} = await mount({orderId: order.order_id});
    await waitFor(() => el.connection === 'live', 'the stream to open');
    faults.push((await controls.fault({kind: 'server-error', endpoint: 'subscribe', orderId: order.order_id, status: 503})).id);
    // The open stream is not touched by a server-error fault: drop it once, so the element has to reconnect.
    faults.push((await controls.fault({kind: 'drop-stream', endpoint: 'subscribe', orderId: order.order_id, times: 1})).id);
    // In backoff: at least two failed reconnections (503), polling meanwhile, and the "reconnecting" note shown.
    await waitFor(async () => (await requestsFor(order.order_id, 'subscribe')).length >= 3, 'two reconnections answered 503', 6000, 50);
    await waitFor(async () => (await requestsFor(order.order_id, 'order')).length >= 2, 'polling while the stream is down', 6000, 50);
    await waitFor(() => el.connection === 'polling', 'the element in backoff');
    await el.updateComplete;
    assert.equal(text(part(el, 'connection')), en.reconnecting);
    assert.equal((await controls.stats()).openStreamsByOrder[order.order_id] ?? 0, 0, 'no stream open during the backoff');

    const removedAt = Date.now();
    el.remove();
    // From now on a reconnection would succeed and hold a stream open: if one were made, openStreams would show it.
    await clearFaults();
    await assertQuietAfterRemoval(el, order.order_id, removedAt);
  });

  test('reconnecting with backoff (every new stream dropped at once): removal stops reconnects and polls', async () => {
    const order = await createOrder();
    const {el} = await mount({orderId: order.order_id});
    await waitFor(() => el.connection === 'live', 'the stream to open');
    const {id, dropped} = await controls.fault({kind: 'drop-stream', endpoint: 'subscribe', orderId: order.order_id});
    faults.push(id);
    assert.equal(dropped, 1, 'the open stream was dropped');
    await waitFor(async () => (await requestsFor(order.order_id, 'subscribe')).length >= 3, 'two dropped reconnections', 6000, 50);
    await waitFor(() => el.connection === 'polling', 'the element in backoff');
    const before = el.counts!.connections;
    assert.isAtLeast(before, 3);

    const removedAt = Date.now();
    el.remove();
    await clearFaults();
    await assertQuietAfterRemoval(el, order.order_id, removedAt);
    assert.equal(el.counts, undefined, 'the tracker is gone');
  });

  test('removed while a reconnection is still being answered (slow subscribe): the stream is not left open', async () => {
    const order = await createOrder();
    const {el} = await mount({orderId: order.order_id});
    await waitFor(() => el.connection === 'live', 'the stream to open');
    // The next reconnection hangs for 1.5 s upstream, then would open normally (the fault is used up by then).
    const slow = (await controls.fault({kind: 'slow', endpoint: 'subscribe', orderId: order.order_id, ms: 1500, times: 1})).id;
    faults.push(slow);
    faults.push((await controls.fault({kind: 'drop-stream', endpoint: 'subscribe', orderId: order.order_id, times: 1})).id);
    // The slow fault is used up when the reconnection reaches the sandbox, which then holds its answer.
    await waitFor(async () => !(await controls.stats()).faults.some((f) => f.id === slow), 'the reconnection to be held upstream', 6000, 20);
    assert.lengthOf(await requestsFor(order.order_id, 'subscribe'), 2);
    assert.equal(el.connection, 'polling', 'the reconnection is not open yet');
    const removedAt = Date.now();
    el.remove();
    await clearFaults();
    // The slow answer ends 1.5 s after it started, inside the quiet window: it must find its client gone.
    await assertQuietAfterRemoval(el, order.order_id, removedAt);
  });

  test('polling only (no EventSource): removal stops polling', async () => {
    const order = await createOrder();
    const {el, events} = await mount({orderId: order.order_id, eventSource: null, paymentPollInterval: 200});
    await waitFor(() => events.length === 1, 'the first state, read by a poll');
    await waitFor(async () => (await requestsFor(order.order_id, 'order')).length >= 3, 'a few polls', 6000, 50);
    assert.equal(el.connection, 'polling');
    assert.lengthOf(await requestsFor(order.order_id, 'subscribe'), 0, 'no stream at all without EventSource');
    assert.isAtLeast(el.counts!.polls, 2);

    const removedAt = Date.now();
    el.remove();
    // Paid right away: any poll in the quiet window would bring the element a change to report.
    await controls.act(order.order_id, 'pay');
    await assertQuietAfterRemoval(el, order.order_id, removedAt);
    assert.lengthOf(events, 1, 'no update after removal');
  });

  test('polling only, removed while a poll is being answered (slow): nothing is scheduled after it', async () => {
    const order = await createOrder();
    const {el, events} = await mount({orderId: order.order_id, eventSource: null, paymentPollInterval: 200});
    await waitFor(() => events.length === 1, 'the first state');
    const slow = (await controls.fault({kind: 'slow', endpoint: 'order', orderId: order.order_id, ms: 1200, times: 1})).id;
    faults.push(slow);
    // The next poll hangs upstream (the fault is used up when it arrives): remove the element while it does.
    await waitFor(async () => !(await controls.stats()).faults.some((f) => f.id === slow), 'the slow poll to start', 3000, 20);
    const polls = el.counts!.polls;
    const removedAt = Date.now();
    el.remove();
    // Paid while the poll is held: the sandbox reads the order after the delay, so the held answer carries the change.
    await controls.act(order.order_id, 'pay');
    await clearFaults();
    await assertQuietAfterRemoval(el, order.order_id, removedAt);
    assert.lengthOf(events, 1, 'the slow answer reached nobody');
    assert.isAtLeast(polls, 1);
  });
});

interface EndCase {
  name: string;
  /** Actions applied once the stream is live, in order. */
  steps: [OrderAction, ActionBody?][];
  state: string;
  phase: 'failed' | 'review';
  /** The words of the phase the view must show. */
  words: string[];
  /** Words it must not show (after money arrived: not "nothing was paid? place a new order"). */
  absent?: string[];
  /** What the polite live region says on arrival. */
  announced: string;
}

/** A failure; `paid`: some of the payment had arrived. */
const failed = (reason: string, paid = false): Pick<EndCase, 'phase' | 'words' | 'absent' | 'announced'> => ({
  phase: 'failed',
  words: [en.failedTitle, reason, commonEn.failedHelp, ...(paid ? [] : [en.failedRetry])],
  absent: paid ? [en.failedRetry] : [],
  announced: `${en.now.failed} ${reason}`,
});

const CASES: EndCase[] = [
  {name: 'Canceled', steps: [['cancel']], state: 'Canceled', ...failed(en.failedReason.Canceled)},
  {name: 'Cancelled (other spelling)', steps: [['state', {order_state: 'Cancelled'}]], state: 'Cancelled', ...failed(en.failedReason.Canceled)},
  {name: 'PaymentFailed', steps: [['pay'], ['fail']], state: 'PaymentFailed', ...failed(en.failedReason.PaymentFailed, true)},
  {name: 'PaymentFailed (state action)', steps: [['state', {order_state: 'PaymentFailed'}]], state: 'PaymentFailed', ...failed(en.failedReason.PaymentFailed)},
  {name: 'PaymentSetupFailed', steps: [['state', {order_state: 'PaymentSetupFailed'}]], state: 'PaymentSetupFailed', ...failed(en.failedReason.PaymentSetupFailed)},
  {name: 'Refunded', steps: [['pay'], ['seen'], ['refund']], state: 'Refunded', ...failed(en.failedReason.Refunded, true)},
  {name: 'Expired after a partial payment', steps: [['pay', {amount: 'under'}], ['expire']], state: 'Expired', ...failed(en.failedReason.ExpiredPartly, true)},
  {
    name: 'under review (WaitingForManualAction)',
    steps: [['pay'], ['review']],
    state: 'WaitingForManualAction',
    phase: 'review',
    words: [en.reviewTitle, en.reviewText, en.reviewHelp],
    announced: en.now.review,
  },
];

/** Mounts the element on a fresh order, drives it to the case's end and waits for the view. */
async function driven(c: EndCase, theme?: 'light' | 'dark') {
  const order = await createOrder();
  const {el, events} = await mount({orderId: order.order_id, ...(theme ? {theme} : {})});
  await waitFor(() => el.connection === 'live', 'the stream to open');
  await waitFor(() => events.length >= 1, 'the first state');
  for (const [action, body] of c.steps) await controls.act(order.order_id, action, body);
  const arrived = await waitFor(() => events.find((e) => e.state === c.state), `${c.state} reported`);
  await el.updateComplete;
  return {el, events, order, arrived};
}

suite('<cr-order-status>: failure and review views', () => {
  teardown(() => fixtureCleanup());

  for (const theme of ['light', 'dark'] as const) {
    for (const c of CASES) {
      test(`${c.name} (${theme}): the words, the support contact, the order id, a real copy, axe`, async () => {
        const {el, events, order, arrived} = await driven(c, theme);
        assert.equal(arrived.phase, c.phase);
        assert.lengthOf(events.filter((e) => e.state === c.state), 1, 'reported once');

        // What happened and what to do.
        const box = part(el, c.phase === 'failed' ? 'failure' : 'review');
        assert.isNotNull(box, `the ${c.phase} box`);
        assert.isNull(part(el, c.phase === 'failed' ? 'review' : 'failure'), 'not the other box');
        assert.isNull(part(el, 'payment-status'), 'no payment sentence any more');
        for (const words of c.words) assert.include(text(box), words);
        for (const words of c.absent ?? []) assert.notInclude(text(box), words);
        const step = parts(el, 'step')[2]!;
        assert.equal(text(step.querySelector('.step-name')), en.steps[c.phase]);
        assert.equal(step.getAttribute('aria-current'), 'step');

        // The support contact, for this order.
        const support = box!.querySelector<HTMLAnchorElement>('a[part~="support-link"]')!;
        assert.isNotNull(support, 'the support link is in the box');
        assert.equal(support.href, `https://www.cryptorefills.com/support?order_id=${order.order_id}`);
        assert.equal(support.target, '_blank');
        assert.equal(support.rel, 'noopener noreferrer');
        assert.include(text(support), en.support);
        assert.include(text(support), en.newTab);

        // The order id to quote, in a group named by its label (a name on <code> itself would not be announced).
        const row = part(el, 'order-id')!;
        const code = row.querySelector('code[part~="code"]')!;
        assert.equal(text(code), order.order_id);
        assert.isFalse(code.hasAttribute('aria-labelledby'));
        assert.equal(row.getAttribute('role'), 'group');
        assert.equal(text(root(el).getElementById(row.getAttribute('aria-labelledby')!)), en.orderId);

        // Announced politely on arrival.
        await waitFor(() => text(liveRegion(el)) === c.announced, `the announcement "${c.announced}"`);

        // Tracking: a failure is final; review goes on (support may release the order).
        if (c.phase === 'failed') await waitFor(() => el.connection === 'done', 'the end of tracking');
        else assert.equal(el.connection, 'live', 'review keeps following the order');

        await expectAccessible(el);

        // A real click on the order id's copy button: the id is on the clipboard, and it is said so.
        const button = row.querySelector<HTMLButtonElement>('button[part~="copy-button"]')!;
        assert.equal(text(button), en.copyOrderId, 'named by its visible text');
        assert.isNull(button.getAttribute('aria-label'));
        await realClick(button);
        await waitFor(() => text(button) === en.copied || text(row.querySelector('.error')), 'the copy result');
        assert.equal(text(button), en.copied, `copied (not "${text(row.querySelector('.error'))}")`);
        await waitFor(() => text(liveRegion(el)) === en.copiedAnnouncement, `the copy announcement (live region: "${text(liveRegion(el))}")`);
        assert.equal(await pasteClipboard(), order.order_id, 'the order id is what a paste gives');
      });
    }
  }

  // While "Copied" shows (2.5 s) the button's name must still contain its visible text (WCAG 2.5.3 Label in Name;
  // axe: label-content-name-mismatch). It once kept an aria-label "Copy the order ID" and failed here.
  for (const c of [CASES[0]!, CASES[CASES.length - 1]!]) {
    test(`${c.name}: axe stays clean while the copy confirmation shows`, async () => {
      const {el, order} = await driven(c);
      await expectAccessible(el);
      const button = part(el, 'order-id')!.querySelector<HTMLButtonElement>('button[part~="copy-button"]')!;
      await realClick(button);
      await waitFor(() => text(button) === en.copied, 'the copy confirmation');
      assert.equal(await pasteClipboard(), order.order_id);
      assert.equal(text(button), en.copied, 'the confirmation still shows (it lasts 2.5 s)');
      await expectAccessible(el);
      assert.equal(text(button), en.copied, 'axe saw the confirmation: it still shows after the check');
    });
  }
});

suite('<cr-order-status>: an order that does not exist', () => {
  teardown(() => fixtureCleanup());

  test('an unknown order-id: said in the element as an alert (read out once), one cr-error "not-found", then nothing more', async () => {
    const orderId = crypto.randomUUID();
    const errors: {code: string}[] = [];
    const el = await fixture<CrOrderStatus>(html`<cr-order-status
      proxy-url=${proxyUrl}
      store=${freshStore()}
      order-id=${orderId}
      reconnect-delay="200"
      payment-poll-interval="300"
      @cr-error=${(e: CustomEvent<{code: string}>) => errors.push(e.detail)}
    ></cr-order-status>`);
    await waitFor(() => part(el, 'error'), 'the failure message');
    const shown = text(part(el, 'error'));
    assert.include(shown, en.loadFailed);
    assert.include(shown, el.messages.common.errors['not-found']);
    assert.equal(part(el, 'error')!.getAttribute('role'), 'alert');
    assert.notInclude(text(liveRegion(el)), en.loadFailed, 'not said a second time by the live region');
    assert.deepEqual(errors.map((e) => e.code), ['not-found']);
    assert.equal(el.connection, 'failed');
    assert.isNull(part(el, 'progress'), 'no progress for an order that is not there');
    // Nothing is retried for an order upstream does not know.
    const before = (await orderRequests(orderId)).length;
    await sleep(1000);
    assert.equal((await orderRequests(orderId)).length, before, 'no further request');
    assert.lengthOf(errors, 1);
    await expectAccessible(el);
  });

  test('a kept order upstream no longer knows (paid in part): no address nor amount is asked any more; support and the id are', async () => {
    const orderId = crypto.randomUUID();
    const store = freshStore();
    saveOrder(store, parseOrder({
      order_id: orderId, created_at: Math.floor(Date.now() / 1000), order_state: 'PartialPaymentStarted', payment_state: 'PaymentRequested',
      wallet_address: 'So1anaAddressOfALostOrder111111111111111111', coin: 'USDC', network: 'Solana', coin_amount: '20.30', sent_coin_amount: '10.15',
    }));
    getStore(store).update({proxyUrl});
    const el = await fixture<CrOrderStatus>(html`<cr-order-status store=${store} reconnect-delay="200" payment-poll-interval="300"></cr-order-status>`);
    assert.include(text(part(el, 'base')), 'So1anaAddressOfALostOrder', 'the kept copy shows first');
    await waitFor(() => el.connection === 'failed', 'upstream saying it does not know the order');
    await el.updateComplete;
    const shown = text(part(el, 'base'));
    assert.notInclude(shown, 'So1anaAddressOfALostOrder', 'no address to send to');
    assert.notInclude(shown, '10.15', 'no amount to send');
    assert.isNull(part(el, 'missing-amount'));
    assert.include(text(part(el, 'failure')), en.loadFailed);
    assert.include(text(part(el, 'error')), el.messages.common.errors['not-found']);
    assert.include(text(part(el, 'order-id')), orderId);
    assert.ok(part(el, 'support-link'));
    assert.isUndefined(loadOrder(store), 'nor does a reload show it again');
    await expectAccessible(el);
  });
});
