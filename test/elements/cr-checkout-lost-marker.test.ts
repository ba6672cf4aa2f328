// The cross-tab guard when a create's answer was lost: tab A's POST made the order, but its answer never came back,
// and A's marker (which carries the Idempotency-Key A sent) runs out while tab B waits on it. B then sends the same
// purchase with A's key, so the real proxy answers with A's order: one order, never a second one made because the
// marker's time was over. The two tabs are two tab ids (and two sessionStorages: A's pending record is not B's).
import {assert} from '@open-wc/testing';
import {getPaymentVias} from '../../src/api/client.js';
import {supportsIdempotencyKeys} from '../../src/api/http.js';
import type {Order, OrderBody} from '../../src/api/schemas.js';
import {createKeyed, purchaseKey} from '../../src/elements/cr-checkout/keyed-create.js';
import {createOnce, fingerprint, markerKey, MARKER_TTL_MS, readMarker} from '../../src/elements/cr-checkout/order-guard.js';
import {clearPendingCreate, clearOrder} from '../../src/store/order-persistence.js';
import {proxyUrl} from '../support/env.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const body = {
  user: {email: 'lost-marker@example.com'},
  payment: {type: 'via', payment_via: 'USER_WALLET', coin: 'USDC', network: 'Solana'},
  deliveries: [{beneficiary_account: 'lost-marker@example.com', brand_name: 'Steam', country_code: 'US', denomination: '10 USD'}],
  lang: 'en',
} as unknown as OrderBody;

suite('<cr-checkout>: another tab after a create whose answer was lost', () => {
  test('its wait ends when the marker runs out, and it sends the purchase with the first tab\'s key: the first tab\'s order, not a second', async function () {
    this.timeout(15000);
    await getPaymentVias(proxyUrl);
    assert.isTrue(supportsIdempotencyKeys(proxyUrl), 'the page heard that the proxy takes keys');
    const store = `lost-marker-${Date.now().toString(36)}`;
    const fp = fingerprint(body);
    const realFetch = window.fetch;
    const realNow = Date.now;
    let offset = 0;
    const keysSent: (string | undefined)[] = [];
    let made: Order | undefined;
    try {
      // Tab A: the order is made upstream, the answer lost on its way back.
      window.fetch = async (input, init) => {
        const response = await realFetch(input, init);
        if (init?.method !== 'POST') return response;
        keysSent.push((init.headers as Record<string, string>)['idempotency-key']);
        if (!made) {
          made = (await response.json()) as Order;
          throw new TypeError('Failed to fetch');
        }
        return response;
      };
      Date.now = () => realNow() + offset;
      const keyA = purchaseKey(store, proxyUrl, fp);
      const tabA = createOnce(store, fp, (theirs) => createKeyed(store, proxyUrl, body, fp, theirs ?? keyA), {tab: 'tab-a', key: keyA});
      await tabA.then(() => assert.fail('the answer was lost'), () => undefined);
      assert.ok(made?.order_id, 'the order was made');
      assert.equal(readMarker(store)?.key, keyA, 'the lost create keeps its marker, with its key');
      // Tab B has its own sessionStorage: no pending record of A's.
      clearPendingCreate(store);
      clearOrder(store);
      const keyB = purchaseKey(store, proxyUrl, fp);
      assert.notEqual(keyB, keyA);
      let waiting = false;
      const tabB = createOnce(store, fp, (theirs) => createKeyed(store, proxyUrl, body, fp, theirs ?? keyB), {
        tab: 'tab-b',
        key: keyB,
        onWaiting: () => (waiting = true),
      });
      await sleep(500);
      assert.isTrue(waiting, 'B waits for A');
      assert.lengthOf(keysSent, 1, 'B sends nothing while A\'s marker is fresh');
      // The buyer is still reading A's "outcome unknown" screen when A's marker runs out.
      offset += MARKER_TTL_MS + 1000;
      const outcome = await tabB;
      assert.equal(outcome.kind, 'created');
      assert.deepEqual(keysSent, [keyA, keyA], 'B sent the purchase with A\'s key');
      assert.equal(outcome.kind === 'created' && outcome.order.order_id, made!.order_id, 'and got A\'s order: one order');
    } finally {
      window.fetch = realFetch;
      Date.now = realNow;
      localStorage.removeItem(markerKey(store));
      clearPendingCreate(store);
      clearOrder(store);
    }
  });
});
