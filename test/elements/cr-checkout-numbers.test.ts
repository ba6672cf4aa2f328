// The payment screen when upstream sends the amount as a bare JSON number longer than a double holds (19 significant
// digits, within USDC's 6 decimals, so that a Solana Pay link may carry it): the amount to pay and the payment URI
// are upstream's exact digits, from the create answer (http.ts) and from a stream frame (order-tracker.ts), never
// JSON.parse's rounded 1234567890123.1235.
import {assert} from '@open-wc/testing';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';
import {formatCoin} from '../../src/i18n/format.js';
import {$, mountCheckout, orderOn, proxyUrl, waitFor} from '../support/checkout-helpers.js';
import {fakeEventSource, type FakeStream} from '../support/fake-event-source.js';

const AMOUNT = '1234567890123.123456';

/** An order's JSON as upstream might write it: coin_amount a bare number, no qr_text (so the URI is built from it). */
function withNumberAmount(text: string): string {
  return text.replace(/"coin_amount":"[^"]*"/, `"coin_amount":${AMOUNT}`).replace(/"qr_text":"[^"]*"/, '"qr_text":null');
}

const amountShown = (el: CrCheckout) => $(el, '[part="amount-to-pay"]')?.textContent?.trim();
const walletHref = (el: CrCheckout) => $(el, '[part="wallet-link"]')?.getAttribute('href') ?? '';

suite('cr-checkout: an amount sent as a long JSON number', () => {
  const realFetch = window.fetch;
  teardown(() => {
    window.fetch = realFetch;
  });

  test('from the create answer: the amount to pay and the wallet link carry exactly upstream\'s digits', async () => {
    // Every order answer (the create, any read) rewritten; a silent stream, so the sandbox's own frames do not follow.
    window.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (!/\/v5\/orders(\/[0-9a-f-]{36})?$/.test(new URL(String(input instanceof Request ? input.url : input)).pathname)) return response;
      return new Response(withNumberAmount(await response.text()), {status: response.status, headers: response.headers});
    };
    const el = await mountCheckout({brand: 'Steam'});
    el.eventSource = fakeEventSource().EventSource;
    await orderOn(el);
    assert.equal(amountShown(el), formatCoin('en', AMOUNT, 'USDC'));
    assert.include(walletHref(el), `amount=${AMOUNT}&`);
  });

  test('from a stream frame: the screen moves to exactly upstream\'s digits', async () => {
    let sent: FakeStream | undefined;
    const stream = fakeEventSource((s) => {
      sent = s;
    });
    const el = await mountCheckout({brand: 'Steam'});
    el.eventSource = stream.EventSource;
    const {orderId} = await orderOn(el);
    assert.notEqual(amountShown(el), formatCoin('en', AMOUNT, 'USDC'), 'the sandbox\'s own amount first');
    const open = await waitFor(() => sent, 'the stream');
    const frame = withNumberAmount(await (await realFetch(`${proxyUrl}/v5/orders/${orderId}`)).text());
    open.onmessage?.(new MessageEvent('message', {data: frame, lastEventId: '99'}));
    await waitFor(() => amountShown(el) === formatCoin('en', AMOUNT, 'USDC'), 'the frame\'s amount');
    await el.updateComplete;
    assert.include(walletHref(el), `amount=${AMOUNT}&`);
  });
});
