// <cr-order-status>: a timing attribute that is no number (`payment-poll-interval="5s"`, "", "0") reads as NaN or
// 0, which a timer runs at once: the default is used instead, so a typo never has the element read the order back to
// back and flood the partner's proxy and upstream.
import {assert, fixture, fixtureCleanup, html} from '@open-wc/testing';
import '../../src/define.js';
import type {CrOrderStatus} from '../../src/elements/cr-order-status/cr-order-status.js';
import {createOrder, freshStore, proxyUrl, requestsFor, sleep, waitFor} from '../stream/helpers.js';

suite('<cr-order-status>: a timing attribute that is not a number', () => {
  teardown(() => fixtureCleanup());

  for (const written of ['5s', '', '0', '-1']) test(`payment-poll-interval="${written}" with polling only: the order is not read back to back`, async function () {
    this.timeout(15000);
    const order = await createOrder();
    const el = await fixture<CrOrderStatus>(html`<cr-order-status proxy-url=${proxyUrl} store=${freshStore()} lang="en"
      order-id=${order.order_id} payment-poll-interval=${written} reconnect-delay="x" .eventSource=${null}></cr-order-status>`);
    await waitFor(() => el.order, 'the first read');
    const before = (await requestsFor(order.order_id, 'order')).length;
    await sleep(1000);
    const reads = (await requestsFor(order.order_id, 'order')).length - before;
    el.remove();
    assert.isAtMost(reads, 2, `reads of the order in one second: ${reads}`);
  });
});
