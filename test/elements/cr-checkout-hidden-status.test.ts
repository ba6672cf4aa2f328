// <cr-checkout> with a hidden <cr-order-status> of its store (README: "it may be hidden", to hear its events). The
// checkout leaves what it would announce to a status that follows the order, but a hidden one's live region is in a
// display:none host, which no screen reader reads: the checkout says it itself then.
import {assert, fixture, fixtureCleanup, html} from '@open-wc/testing';
import '../../src/define.js';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';
import {$, mountCheckout, orderOn, sandboxUrl, unique, waitFor} from '../support/checkout-helpers.js';
import {proxyUrl} from '../support/env.js';
import {sandboxControls} from '../support/sandbox-controls.js';

const controls = sandboxControls(sandboxUrl);

/** Text of every polite/assertive live region that a screen reader can hear (its element is rendered). */
function audible(elements: Element[]): string {
  const out: string[] = [];
  for (const el of elements) {
    if (!(el as HTMLElement).checkVisibility()) continue;
    for (const region of el.shadowRoot!.querySelectorAll('[aria-live], [role="status"], [role="alert"]')) {
      if (region.getAttribute('aria-live') === 'off') continue;
      out.push((region.textContent ?? '').replace(/\s+/g, ' ').trim());
    }
  }
  return out.join(' | ');
}

async function payAndListen(withHiddenStatus: boolean): Promise<{el: CrCheckout; heard: string[]; hiddenSaid: string[]}> {
  const store = unique('store');
  const el = await mountCheckout({brand: 'Steam', store});
  const others: Element[] = [];
  if (withHiddenStatus) {
    others.push(await fixture(html`<cr-order-status hidden proxy-url=${proxyUrl} store=${store} lang="en"></cr-order-status>`));
  }
  const {orderId} = await orderOn(el);
  await controls.act(orderId, 'pay', {amount: 'exact'});
  await waitFor(() => $(el, '[part="payment"]')?.dataset['phase'] !== 'awaiting-payment', 'the payment to be seen', 10000);
  const heard: string[] = [];
  const hiddenSaid: string[] = [];
  const until = Date.now() + 2500;
  while (Date.now() < until) {
    heard.push(audible([el, ...others]));
    for (const o of others) hiddenSaid.push(o.shadowRoot?.querySelector('[role="status"][aria-live="polite"]')?.textContent?.trim() ?? '');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {el, heard, hiddenSaid};
}

suite('<cr-checkout>: announcements with a hidden <cr-order-status> of its store', () => {
  teardown(() => fixtureCleanup());

  test('control: a checkout alone announces the payment in its live region', async () => {
    const {el, heard} = await payAndListen(false);
    const m = el.messages.checkout;
    assert.ok(heard.some((t) => t.includes(m.paymentReceived) || t.includes(m.completed)), `heard: ${[...new Set(heard)].join(' / ')}`);
  });

  test('with a hidden status in the store, the payment arriving is still announced somewhere audible', async () => {
    const {el, heard, hiddenSaid} = await payAndListen(true);
    const m = el.messages.checkout;
    const s = el.messages.status.now;
    const expected = [m.paymentReceived, m.completed, s.confirming, s.confirmed, s.completed, s.seen];
    assert.ok(
      heard.some((t) => expected.some((e) => t.includes(e))),
      `nothing audible announced the payment; audible live regions said: ${JSON.stringify([...new Set(heard)])}; ` +
        `the hidden status's region (display:none, never read) said: ${JSON.stringify([...new Set(hiddenSaid)].filter(Boolean))}`,
    );
  });
});
