// axe-core on the three elements in the languages with the longest words and the other script (German, Vietnamese,
// Chinese), at 320 CSS px and in the dark theme: the e2e run (test/e2e/a11y.test.ts) checks every screen in English.
import {fixture, html} from '@open-wc/testing';
import {setViewport} from '@web/test-runner-commands';
import '../../src/define.js';
import type {CrBrandPicker} from '../../src/elements/cr-brand-picker/cr-brand-picker.js';
import type {CrOrderStatus} from '../../src/elements/cr-order-status/cr-order-status.js';
import {expectAccessible} from '../support/a11y.js';
import {$, blur, mountCheckout, orderOn, proxyUrl, sandboxUrl, submit, unique, waitFor} from '../support/checkout-helpers.js';
import {loaded, root} from '../support/picker-helpers.js';
import {sandboxControls} from '../support/sandbox-controls.js';

const sandbox = sandboxControls(sandboxUrl);

suite('axe in German, Vietnamese and Chinese, 320 px, dark', () => {
  setup(() => setViewport({width: 320, height: 800}));
  teardown(() => setViewport({width: 800, height: 600}));

  for (const lang of ['de', 'vi', 'zh']) {
    test(`${lang}: picker (loaded, searching with no match), checkout (empty submit, range errors, payment, partial), tracking (paying, delivered)`, async () => {
      const picker = await fixture<CrBrandPicker>(html`<cr-brand-picker proxy-url=${proxyUrl} country="US" lang=${lang} theme="dark" store=${unique('s')}></cr-brand-picker>`);
      await loaded(picker);
      await expectAccessible(picker);
      const search = root(picker).querySelector<HTMLInputElement>('#search')!;
      search.value = 'zzzz-nothing';
      search.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
      await waitFor(() => root(picker).querySelector('[part~="empty"]'), 'no match');
      await expectAccessible(picker);
      picker.remove();

      const range = await mountCheckout({brand: 'Amazon.com', lang, theme: 'dark'});
      const amount = await waitFor(() => $<HTMLInputElement>(range, '#amount-input'), 'the amount input');
      amount.value = '1';
      amount.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
      blur(amount);
      await submit(range);
      await waitFor(() => $(range, '#amount-error') && $(range, '#email-error'), 'the field errors');
      await expectAccessible(range);
      range.remove();

      const store = unique('store');
      const el = await mountCheckout({brand: 'Steam', lang, theme: 'dark', store});
      const {orderId} = await orderOn(el);
      await expectAccessible(el);
      const status = await fixture<CrOrderStatus>(html`<cr-order-status proxy-url=${proxyUrl} lang=${lang} theme="dark" store=${store} order-id=${orderId}></cr-order-status>`);
      await waitFor(() => status.shadowRoot!.querySelector('[part~="progress"]'), 'the tracking');
      await expectAccessible(status);
      await sandbox.act(orderId, 'pay', {amount: 'under'});
      await waitFor(() => $(el, '[part="missing-amount"]') && status.shadowRoot!.querySelector('[part~="missing-amount"]'), 'the partial payment');
      await expectAccessible(el);
      await expectAccessible(status);
      await sandbox.act(orderId, 'deliver');
      await waitFor(() => status.shadowRoot!.querySelector('[part~="deliveries"]'), 'the delivery');
      await expectAccessible(status);
      await expectAccessible(el);
    });
  }
});
