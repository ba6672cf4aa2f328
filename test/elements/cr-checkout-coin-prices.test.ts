// <cr-checkout>: the fixed denominations' prices are shown only in the coin chosen now. After another coin is chosen,
// until the products' answer for it comes (a slow network, retries), no price of the previous coin stands beside it.
import {assert} from '@open-wc/testing';
import {$, $$, formReady, mountCheckout, waitFor} from '../support/checkout-helpers.js';

suite('<cr-checkout>: a price shown belongs to the coin shown now', () => {
  test('Steam in USDC, then BTC chosen while its products are on their way: no USDC price next to BTC', async () => {
    const realFetch = window.fetch;
    let held = false;
    let release: (() => void) | undefined;
    window.fetch = async (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (url.pathname.startsWith('/v5/products/') && url.searchParams.get('coin') === 'BTC') {
        held = true;
        await new Promise<void>((r) => (release = r));
      }
      return realFetch(input, init);
    };
    try {
      const el = await mountCheckout({brand: 'Steam'});
      await formReady(el);
      const prices = () => $$(el, '.denomination-coin').map((p) => p.textContent!.trim());
      assert.isTrue(prices().every((p) => p.endsWith('USDC')), `USDC prices at first: ${prices().join(' | ')}`);
      const coin = $<HTMLSelectElement>(el, '#coin')!;
      coin.value = 'BTC';
      coin.dispatchEvent(new Event('change', {bubbles: true}));
      await waitFor(() => held, 'the products request for BTC');
      await new Promise((r) => setTimeout(r, 300));
      await el.updateComplete;
      assert.equal($<HTMLSelectElement>(el, '#coin')!.value, 'BTC');
      const shown = prices().filter((p) => /USDC/.test(p));
      assert.deepEqual(shown, [], `prices in another coin than the one chosen: ${shown.join(' | ')}`);
    } finally {
      release?.();
      window.fetch = realFetch;
    }
  });
});
