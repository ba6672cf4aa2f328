// <cr-checkout>: codes left to right on a right-to-left page, as <cr-order-status> has them. On a page with
// dir="rtl", the payment screen's amount to send reads "10.5 USDC" (the number before its coin), and the amount,
// the address and the order id are laid out left to right.
import {assert, fixture, html} from '@open-wc/testing';
import '../../src/define.js';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';
import {$, orderOn, proxyUrl, unique} from '../support/checkout-helpers.js';

/** Left edge of the character at `index` of the element's first text node. */
function charLeft(el: Element, index: number): number {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {acceptNode: (n) => (n.textContent!.trim() ? 1 : 3)});
  const node = walker.nextNode()!;
  const range = document.createRange();
  range.setStart(node, index);
  range.setEnd(node, index + 1);
  return range.getBoundingClientRect().left;
}

suite('<cr-checkout>: codes left to right on a right-to-left page (the payment screen)', () => {
  test('amount, address and order id are laid out LTR, the number before its coin', async () => {
    const wrap = await fixture<HTMLDivElement>(
      html`<div dir="rtl"><cr-checkout proxy-url=${proxyUrl} brand="Steam" country="US" lang="en" store=${unique('store')}></cr-checkout></div>`,
    );
    const el = wrap.querySelector<CrCheckout>('cr-checkout')!;
    await el.updateComplete;
    await orderOn(el);
    const amount = $(el, '[part="amount-to-pay"]')!;
    const address = $(el, '[part="address"]')!;
    const orderId = $(el, '.muted.small .mono')!;
    const problems: string[] = [];
    for (const [name, node] of [['amount', amount], ['address', address], ['order id', orderId]] as const) {
      const style = getComputedStyle(node);
      if (style.direction !== 'ltr') problems.push(`${name}: direction ${style.direction}, unicode-bidi ${style.unicodeBidi}`);
    }
    const text = amount.textContent!.trim();
    const coinAt = text.search(/[A-Z]/);
    // "10.5 USDC": the first digit must be left of the coin's first letter.
    if (!(charLeft(amount, 0) < charLeft(amount, coinAt))) problems.push(`amount "${text}" is displayed with its coin first`);
    assert.deepEqual(problems, []);
  });
});
