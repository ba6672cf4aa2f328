// The full flow under faults, in real headless Chromium against the built bundle on the strict-CSP host page, with
// the proxy and sandbox as child processes. For each fault: nothing lost (the delivered code shows), nothing shown
// that is not the current order, the host page's events stay in order, and exactly one order upstream.
import {after, before, suite, test} from 'node:test';
import assert from 'node:assert/strict';
import type {BrowserContext} from 'playwright-core';
import {
  assertEventSequence,
  HostPage,
  newContext,
  sleep,
  startE2e,
  UI_TIMEOUT_MS,
  type E2eEnv,
} from '../support/e2e-driver.js';
import {ReliabilityRecorder} from '../support/e2e-summary.js';
import type {FaultSpec} from '../support/sandbox-controls.js';

const summary = new ReliabilityRecorder('faults');
let env: E2eEnv;

before(async () => {
  env = await startE2e();
});

after(async () => {
  summary.write();
  await env?.stop();
});

/** Time allowed for recovery: a reconnect backoff (1 s, 2 s, 4 s…) or a poll (5 s) plus a busy machine. */
const RECOVERY_MS = 25_000;

interface Outcome {
  /** Orders the scenario expects upstream (default 1). */
  orders?: number;
  /** POST /v5/orders requests the scenario expects (default 1; more when the user deliberately retried). */
  createRequests?: number;
}

/**
 * One fault scenario in a fresh browser context on a reset sandbox; afterwards exactly `orders` orders upstream
 * and every page of the context clean (no page error, no CSP violation but the known one, no partner id).
 */
async function scenario(name: string, body: (context: BrowserContext, pages: HostPage[]) => Promise<Outcome | void>): Promise<void> {
  await summary.run(name, 'fault', async () => {
    await env.sandbox.reset();
    const context = await newContext(env);
    const pages: HostPage[] = [];
    try {
      const outcome = (await body(context, pages)) ?? {};
      const stats = await env.sandbox.stats();
      assert.equal(stats.orders, outcome.orders ?? 1, `exactly ${outcome.orders ?? 1} order(s) upstream`);
      assert.equal(stats.counts['createOrder'] ?? 0, outcome.createRequests ?? 1, 'order POSTs upstream');
      for (const page of pages) await page.assertClean();
      return {ordersCreated: stats.orders, expectedOrders: outcome.orders ?? 1};
    } finally {
      await env.sandbox.clearFaults().catch(() => undefined);
      await context.close();
    }
  });
}

async function open(context: BrowserContext, pages: HostPage[], options: Parameters<typeof HostPage.open>[2] = {}): Promise<HostPage> {
  const page = await HostPage.open(env, context, options);
  pages.push(page);
  return page;
}

async function fault(spec: FaultSpec): Promise<{id: number; dropped: number}> {
  return env.sandbox.fault(spec);
}

/**
 * Buys a Steam card on `page` while the browser's connection breaks before the create's answer arrives (the proxy
 * and upstream do their work), and returns the "check again" button the unknown outcome offers.
 */
async function submitLosingTheCreateAnswer(page: HostPage) {
  let lost = false;
  await page.page.route(/\/v5\/orders$/, async (route) => {
    if (route.request().method() !== 'POST' || lost) return route.fallback();
    lost = true;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.pickBrand('Steam');
  await page.fillForm({email: 'buyer@example.com'});
  await page.submit();
  const check = page.checkout().locator('[part~="form-error"] [part~="retry-button"]');
  await check.waitFor({timeout: RECOVERY_MS});
  return check;
}

/** Waits for the delivered code, then checks events, what is shown, and that the host page saw Done once. */
async function expectDelivered(page: HostPage, orderId: string, opts: {created?: boolean; brand?: string; allowErrors?: boolean} = {}): Promise<void> {
  await page.waitForStatusPhase('completed', RECOVERY_MS);
  await page.waitForEvent('cr-status-change', {state: 'Done', orderId}, RECOVERY_MS);
  await page.checkout().locator('[part~="payment-status"]').first().waitFor({timeout: UI_TIMEOUT_MS});
  const code = await page.status().locator('[part~="deliveries"] [part~="code"]').first().textContent();
  assert.match(code ?? '', /\S{4,}/, 'the delivered code is shown');
  assertEventSequence(await page.events(), orderId, {finalState: 'Done', ...opts});
  assert.deepEqual(await page.shownOrderIds(), [orderId], 'only the current order is shown');
}

/** The tracker's own counters (frames, polls, malformed, duplicate, older…), read from <cr-order-status>. */
async function trackerCounts(page: HostPage): Promise<Record<string, number>> {
  return page.page.evaluate('document.querySelector("cr-order-status").counts');
}

const act = (orderId: string, action: 'pay' | 'confirm' | 'deliver') => env.sandbox.act(orderId, action);

suite('faults on the full flow', () => {
  // ---- the stream dropped at each phase ---------------------------------------------------------------------

  for (const phase of ['awaiting-payment', 'awaiting-delivery', 'just before delivery'] as const) {
    test(`stream dropped while ${phase}`, async () => {
      await scenario(`stream dropped while ${phase}`, async (context, pages) => {
        const page = await open(context, pages);
        const orderId = await page.buy();
        await page.waitForEvent('cr-order-created');
        if (phase !== 'awaiting-payment') {
          await act(orderId, 'pay');
          await page.waitForStatusPhase('awaiting-delivery');
        }
        if (phase === 'just before delivery') {
          await act(orderId, 'confirm');
          await page.waitForEvent('cr-status-change', {state: 'WaitingForDelivery'});
        }
        await waitForLiveStream(page);
        const {dropped} = await fault({kind: 'drop-stream', endpoint: 'subscribe', orderId, times: 1});
        assert.equal(dropped, 1, 'the open stream was dropped');
        if (phase === 'awaiting-payment') await act(orderId, 'pay');
        if (phase !== 'just before delivery') await act(orderId, 'confirm');
        await act(orderId, 'deliver');
        await expectDelivered(page, orderId, {brand: 'Steam'});
        const counts = await trackerCounts(page);
        assert.ok(counts['connections']! >= 2 || counts['polls']! >= 1, `the tracker reconnected or polled (${JSON.stringify(counts)})`);
      });
    });
  }

  test('stream dropped right after a frame', async () => {
    await scenario('stream dropped right after a frame', async (context, pages) => {
      const page = await open(context, pages);
      const orderId = await page.buy();
      await waitForLiveStream(page);
      await fault({kind: 'drop-stream', endpoint: 'subscribe', orderId, timing: 'after-frame', times: 1});
      await act(orderId, 'pay');
      await act(orderId, 'confirm');
      await act(orderId, 'deliver');
      await expectDelivered(page, orderId, {brand: 'Steam'});
    });
  });

  // ---- bad frames ---------------------------------------------------------------------------------------------

  for (const [kind, counter] of [['malformed-frame', 'malformed'], ['duplicate-frame', 'duplicate'], ['out-of-order-frame', 'older']] as const) {
    test(`${kind}s on the stream`, async () => {
      await scenario(`${kind}s on the stream`, async (context, pages) => {
        const page = await open(context, pages);
        const orderId = await page.buy();
        await waitForLiveStream(page);
        await fault({kind, endpoint: 'subscribe', orderId});
        await act(orderId, 'pay');
        await page.waitForStatusPhase('awaiting-delivery');
        await act(orderId, 'confirm');
        await act(orderId, 'deliver');
        await expectDelivered(page, orderId, {brand: 'Steam'});
        const counts = await trackerCounts(page);
        // Out-of-order frames repeat an older version: ignored as older or (same version as shown) duplicate.
        const ignored = kind === 'out-of-order-frame' ? (counts['older'] ?? 0) + (counts['backwards'] ?? 0) + (counts['duplicate'] ?? 0) : counts[counter] ?? 0;
        assert.ok(ignored >= 1, `the fault reached the page and was ignored (${JSON.stringify(counts)})`);
      });
    });
  }

  test('an unknown order_state on the stream is shown as under review, then the order completes', async () => {
    await scenario('unknown order_state on the stream', async (context, pages) => {
      const page = await open(context, pages);
      const orderId = await page.buy();
      await waitForLiveStream(page);
      await fault({kind: 'unknown-state', endpoint: 'subscribe', orderId, state: 'QuantumLimbo', times: 1});
      await act(orderId, 'pay');
      await page.waitForEvent('cr-status-change', {state: 'QuantumLimbo', phase: 'review'});
      await page.status().locator('[part~="review"]').waitFor({timeout: UI_TIMEOUT_MS});
      await act(orderId, 'confirm');
      await act(orderId, 'deliver');
      await expectDelivered(page, orderId, {brand: 'Steam'});
    });
  });

  // ---- upstream errors ------------------------------------------------------------------------------------------

  test('upstream 5xx on the stream and the polls: recovers once upstream does', async () => {
    await scenario('upstream 5xx on the stream and polls', async (context, pages) => {
      const page = await open(context, pages);
      const orderId = await page.buy();
      await waitForLiveStream(page);
      await fault({kind: 'server-error', endpoint: 'subscribe', orderId, status: 503, times: 1});
      await fault({kind: 'server-error', endpoint: 'order', orderId, status: 502, times: 1});
      await fault({kind: 'drop-stream', endpoint: 'subscribe', orderId, times: 1});
      await act(orderId, 'pay');
      await act(orderId, 'confirm');
      await act(orderId, 'deliver');
      await expectDelivered(page, orderId, {brand: 'Steam'});
    });
  });

  test('upstream 5xx on validation: the user retries, one order', async () => {
    await scenario('upstream 5xx on validation', async (context, pages) => {
      const page = await open(context, pages);
      await fault({kind: 'server-error', endpoint: 'validateOrder', status: 500, times: 1});
      await page.pickBrand('Steam');
      await page.fillForm({email: 'buyer@example.com'});
      await page.submit();
      const retry = page.checkout().locator('[part~="form-error"] [part~="retry-button"]');
      await retry.click({timeout: UI_TIMEOUT_MS});
      const orderId = await page.waitForPaymentScreen();
      await act(orderId, 'pay');
      await act(orderId, 'confirm');
      await act(orderId, 'deliver');
      await expectDelivered(page, orderId, {brand: 'Steam', allowErrors: true});
      const errors = await page.events('cr-error');
      assert.ok(errors.some((e) => e.code === 'http-5xx'), `cr-error told the host page (${JSON.stringify(errors)})`);
    });
  });

  test('upstream 5xx on create: outcome unknown, never resubmitted by itself; starting over makes one order', async () => {
    await scenario('upstream 5xx on create', async (context, pages) => {
      const page = await open(context, pages);
      await fault({kind: 'server-error', endpoint: 'createOrder', status: 502, times: 1});
      await page.pickBrand('Steam');
      await page.fillForm({email: 'buyer@example.com'});
      await page.submit();
      // The widget cannot know whether the POST created an order: it says so and offers to check or start over.
      await page.checkout().locator('[part~="new-purchase-button"]').click({timeout: UI_TIMEOUT_MS});
      assert.equal((await env.sandbox.stats()).counts['createOrder'], 1, 'no automatic resubmission');
      await page.submit();
      const orderId = await page.waitForPaymentScreen();
      await act(orderId, 'pay');
      await act(orderId, 'confirm');
      await act(orderId, 'deliver');
      await expectDelivered(page, orderId, {brand: 'Steam', allowErrors: true});
      return {orders: 1, createRequests: 2};
    });
  });

  test('upstream 429 on validation and on polls: the user retries, one order', async () => {
    await scenario('upstream 429 (Retry-After)', async (context, pages) => {
      const page = await open(context, pages);
      await fault({kind: 'rate-limit', endpoint: 'validateOrder', retryAfter: 1, times: 1});
      await page.pickBrand('Steam');
      await page.fillForm({email: 'buyer@example.com'});
      await page.submit();
      await page.checkout().locator('[part~="form-error"] [part~="retry-button"]').click({timeout: UI_TIMEOUT_MS});
      const orderId = await page.waitForPaymentScreen();
      await waitForLiveStream(page);
      await fault({kind: 'rate-limit', endpoint: 'subscribe', orderId, retryAfter: 1, times: 1});
      await fault({kind: 'rate-limit', endpoint: 'order', orderId, retryAfter: 1, times: 1});
      await fault({kind: 'drop-stream', endpoint: 'subscribe', orderId, times: 1});
      await act(orderId, 'pay');
      await act(orderId, 'confirm');
      await act(orderId, 'deliver');
      await expectDelivered(page, orderId, {brand: 'Steam', allowErrors: true});
    });
  });

  test('slow answers everywhere, and a double click on a slow create: one order', async () => {
    await scenario('slow answers + double submit', async (context, pages) => {
      await fault({kind: 'slow', endpoint: 'products', ms: 1500, times: 1});
      await fault({kind: 'slow', endpoint: 'createOrder', ms: 2000, times: 1});
      const page = await open(context, pages);
      await page.pickBrand('Steam');
      await page.fillForm({email: 'buyer@example.com'});
      const pay = page.checkout().locator('[part~="pay-button"]');
      await pay.click();
      await sleep(300);
      // The button is busy now; clicks and Enter must not send anything.
      await pay.click({force: true}).catch(() => undefined);
      await pay.click({force: true}).catch(() => undefined);
      const orderId = await page.waitForPaymentScreen();
      await fault({kind: 'slow', endpoint: 'subscribe', orderId, ms: 1000, times: 1});
      await fault({kind: 'drop-stream', endpoint: 'subscribe', orderId, times: 1});
      await act(orderId, 'pay');
      await act(orderId, 'confirm');
      await act(orderId, 'deliver');
      await expectDelivered(page, orderId, {brand: 'Steam'});
    });
  });

  test('malformed JSON from upstream on the order resume: retry shows the order', async () => {
    await scenario('malformed JSON on resume', async (context, pages) => {
      const page = await open(context, pages);
      const orderId = await page.buy();
      await fault({kind: 'malformed-json', endpoint: 'order', orderId, times: 1});
      await page.page.reload();
      const retry = page.checkout().locator('[part~="retry-button"]');
      const shown = page.checkout().locator(`[part~="payment"][data-order-id="${orderId}"]`);
      // Either the resume failed visibly (then "try again" resumes) or a retry inside the client already recovered.
      await Promise.race([retry.waitFor({timeout: UI_TIMEOUT_MS}), shown.waitFor({timeout: UI_TIMEOUT_MS})]);
      if (await retry.isVisible()) await retry.click();
      assert.equal(await page.waitForPaymentScreen(), orderId, 'the same order, resumed');
      await act(orderId, 'pay');
      await act(orderId, 'confirm');
      await act(orderId, 'deliver');
      await expectDelivered(page, orderId, {created: false, allowErrors: true});
    });
  });

  // ---- the proxy restarted -------------------------------------------------------------------------------------

  test('proxy restarted mid-order (paid while it was down)', async () => {
    await scenario('proxy restarted mid-order', async (context, pages) => {
      const page = await open(context, pages);
      const orderId = await page.buy();
      await waitForLiveStream(page);
      await env.stack.stopProxy();
      await act(orderId, 'pay');
      await env.stack.startProxy();
      await act(orderId, 'confirm');
      await act(orderId, 'deliver');
      await expectDelivered(page, orderId, {brand: 'Steam'});
    });
  });

  // ---- reloads -----------------------------------------------------------------------------------------------

  for (const phase of ['awaiting-payment', 'awaiting-delivery', 'completed'] as const) {
    test(`page reloaded while ${phase}: resumes the same order, never a second one`, async () => {
      await scenario(`page reloaded while ${phase}`, async (context, pages) => {
        const page = await open(context, pages);
        const orderId = await page.buy();
        if (phase !== 'awaiting-payment') {
          await act(orderId, 'pay');
          await page.waitForStatusPhase('awaiting-delivery');
        }
        if (phase === 'completed') {
          await act(orderId, 'confirm');
          await act(orderId, 'deliver');
          await page.waitForStatusPhase('completed');
        }
        await page.page.reload();
        if (phase === 'awaiting-payment') {
          assert.equal(await page.waitForPaymentScreen(), orderId, 'the payment screen of the same order');
          await act(orderId, 'pay');
        }
        if (phase !== 'completed') {
          await act(orderId, 'confirm');
          await act(orderId, 'deliver');
        }
        // After the reload the host page's record starts afresh: no cr-order-created, only this order's changes.
        await page.waitForStatusPhase('completed', RECOVERY_MS);
        const code = await page.status().locator('[part~="deliveries"] [part~="code"]').first().textContent();
        assert.match(code ?? '', /\S{4,}/);
        assertEventSequence(await page.events(), orderId, {created: false});
        assert.deepEqual(await page.shownOrderIds(), [orderId]);
        // Submitting again is impossible: the form is gone until "new purchase".
        assert.equal(await page.checkout().locator('[part~="pay-button"]').count(), 0, 'no form to submit again');
      });
    });
  }

  test('page reloaded while the order is being created: sent again with its key, answered with that order', async () => {
    await scenario('page reloaded mid-create', async (context, pages) => {
      // Upstream takes its time to create: the reload lands while the POST is in flight.
      await fault({kind: 'slow', endpoint: 'createOrder', ms: 2500, times: 1});
      const page = await open(context, pages);
      await page.pickBrand('Steam');
      await page.fillForm({email: 'buyer@example.com'});
      await page.submit();
      const deadline = Date.now() + UI_TIMEOUT_MS;
      while (((await env.sandbox.stats()).counts['createOrder'] ?? 0) === 0 && Date.now() < deadline) await sleep(50);
      assert.ok(((await env.sandbox.stats()).counts['createOrder'] ?? 0) > 0, 'the create reached upstream before the reload');
      await page.page.reload();
      // The reloaded page sends the pending create again with its key; the proxy, still waiting for upstream's
      // answer to the first, answers both with the one order.
      const orderId = await page.waitForPaymentScreen(RECOVERY_MS);
      await act(orderId, 'pay');
      await act(orderId, 'confirm');
      await act(orderId, 'deliver');
      // This page never had the order created before: it announces it once, then follows it.
      await expectDelivered(page, orderId);
    });
  });

  test('create answer lost on the way to the browser: "check again" gets the very order, never a second', async () => {
    await scenario('create answer lost, check again', async (context, pages) => {
      const page = await open(context, pages);
      const check = await submitLosingTheCreateAnswer(page);
      assert.equal((await env.sandbox.stats()).orders, 1, 'upstream created the order whose answer was lost');
      await check.click();
      const orderId = await page.waitForPaymentScreen(RECOVERY_MS);
      assert.deepEqual(await env.sandbox.orderIds(), [orderId], 'the payment screen shows the order whose answer was lost');
      await act(orderId, 'pay');
      await act(orderId, 'confirm');
      await act(orderId, 'deliver');
      await expectDelivered(page, orderId, {brand: 'Steam', allowErrors: true});
    });
  });

  test('a refusal (429) whose answer is lost: "check again" goes through, since no order exists, and makes one', async () => {
    await scenario('create refused (429), answer lost, check again', async (context, pages) => {
      const page = await open(context, pages);
      await fault({kind: 'rate-limit', endpoint: 'createOrder', times: 1, retryAfter: 1});
      const check = await submitLosingTheCreateAnswer(page);
      assert.equal((await env.sandbox.stats()).orders, 0, 'upstream refused the create whose answer was lost');
      await check.click();
      const orderId = await page.waitForPaymentScreen(RECOVERY_MS);
      assert.deepEqual(await env.sandbox.orderIds(), [orderId]);
      await act(orderId, 'pay');
      await act(orderId, 'confirm');
      await act(orderId, 'deliver');
      await expectDelivered(page, orderId, {brand: 'Steam', allowErrors: true});
      return {orders: 1, createRequests: 2};
    });
  });

  // ---- two tabs ----------------------------------------------------------------------------------------------

  test('two tabs on the same order: both follow it to the end', async () => {
    await scenario('two tabs following one order', async (context, pages) => {
      const first = await open(context, pages);
      const orderId = await first.buy();
      const second = await open(context, pages, {orderId});
      await second.status().locator('[part~="step-current"]').first().waitFor({timeout: UI_TIMEOUT_MS});
      await act(orderId, 'pay');
      await act(orderId, 'confirm');
      await act(orderId, 'deliver');
      await expectDelivered(first, orderId, {brand: 'Steam'});
      await second.waitForStatusPhase('completed', RECOVERY_MS);
      assertEventSequence(await second.events(), orderId, {created: false, finalState: 'Done'});
      assert.deepEqual(await second.shownOrderIds(), [orderId]);
    });
  });

  /**
   * Two tabs submit the same form at once (after `beforeSubmit`, e.g. a fault): one order, both show it, one
   * cr-order-created, both follow it to its delivery. Returns the tab that adopted the other's order.
   */
  async function twoTabsAtOnce(context: BrowserContext, pages: HostPage[], beforeSubmit?: () => Promise<unknown>): Promise<{adopter: HostPage; orderId: string}> {
    const [a, b] = [await open(context, pages), await open(context, pages)];
    for (const page of [a, b]) {
      await page.pickBrand('Steam');
      await page.fillForm({email: 'buyer@example.com'});
    }
    await beforeSubmit?.();
    await Promise.all([a.submit(), b.submit()]);
    const [idA, idB] = await Promise.all([a.waitForPaymentScreen(RECOVERY_MS), b.waitForPaymentScreen(RECOVERY_MS)]);
    assert.equal(idA, idB, 'both tabs show the same order');
    const created = [...(await a.events('cr-order-created')), ...(await b.events('cr-order-created'))];
    assert.equal(created.length, 1, 'one cr-order-created across the tabs');
    const adopter = (await a.events('cr-order-created')).length ? b : a;
    await act(idA, 'pay');
    await act(idA, 'confirm');
    await act(idA, 'deliver');
    for (const page of [a, b]) {
      await page.waitForStatusPhase('completed', RECOVERY_MS);
      assert.deepEqual(await page.shownOrderIds(), [idA]);
    }
    return {adopter, orderId: idA};
  }

  test('two tabs submitting the same form at once: one order, both show it', async () => {
    await scenario('two tabs submitting at once', async (context, pages) => {
      await twoTabsAtOnce(context, pages);
    });
  });

  test('two tabs submitting at once, the order\'s reads failing (503) for a while: the adopting tab reads it again, one order', async () => {
    await scenario('two tabs at once, reads failing', async (context, pages) => {
      // Every read of the order fails for a while (whichever tab or element makes it): the tab that adopts the other's
      // order cannot read it at first, and must neither give up nor make a second order.
      const {adopter, orderId} = await twoTabsAtOnce(context, pages, () => fault({kind: 'server-error', endpoint: 'order', status: 503, times: 6}));
      // It was refused its read at first (the path under test), then read it.
      const reads = await adopter.page.evaluate(
        (id) => performance.getEntriesByType('resource').filter((e) => e.name.endsWith(`/v5/orders/${id}`)).map((e) => (e as PerformanceResourceTiming).responseStatus),
        orderId,
      );
      assert.ok(reads.includes(503), `refused first: ${reads.join(', ')}`);
      assert.ok(reads.includes(200), `then read: ${reads.join(', ')}`);
    });
  });

  // ---- offline ------------------------------------------------------------------------------------------------

  test('offline then online while awaiting payment (paid meanwhile)', async () => {
    await scenario('offline then online', async (context, pages) => {
      const page = await open(context, pages);
      const orderId = await page.buy();
      await waitForLiveStream(page);
      await context.setOffline(true);
      await act(orderId, 'pay');
      await sleep(1500);
      await context.setOffline(false);
      await act(orderId, 'confirm');
      await act(orderId, 'deliver');
      await expectDelivered(page, orderId, {brand: 'Steam'});
    });
  });

  test('offline when submitting: told so, nothing created; online again, one order', async () => {
    await scenario('offline at submit', async (context, pages) => {
      const page = await open(context, pages);
      await page.pickBrand('Steam');
      await page.fillForm({email: 'buyer@example.com'});
      await context.setOffline(true);
      await page.submit();
      const retry = page.checkout().locator('[part~="form-error"] [part~="retry-button"]');
      await retry.waitFor({timeout: RECOVERY_MS});
      assert.equal((await env.sandbox.stats()).counts['createOrder'] ?? 0, 0, 'nothing reached upstream');
      await context.setOffline(false);
      await retry.click();
      const orderId = await page.waitForPaymentScreen();
      await act(orderId, 'pay');
      await act(orderId, 'confirm');
      await act(orderId, 'deliver');
      await expectDelivered(page, orderId, {brand: 'Steam', allowErrors: true});
    });
  });
});

/** Waits until the tracker of the page's <cr-order-status> has its stream open (so a fault hits a live stream). */
async function waitForLiveStream(page: HostPage): Promise<void> {
  // A function, not a string: a string predicate is eval'd in the page, which the host page's CSP forbids.
  await page.page.waitForFunction(() => (document.querySelector('cr-order-status') as unknown as {connection?: string} | null)?.connection === 'live', undefined, {
    timeout: UI_TIMEOUT_MS,
    polling: 50,
  });
}
