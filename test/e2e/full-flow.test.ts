// The whole flow in real headless Chromium, as a partner runs it: the built script-tag bundle on a host page with
// a strict CSP, `npm run proxy` in front of `npm run sandbox` as child processes. Pick a brand, fill the form,
// create, see the payment screen, pay in the sandbox, see the code delivered; and what the host page received.
import {after, before, suite, test} from 'node:test';
import assert from 'node:assert/strict';
import {
  assertEventSequence,
  HostPage,
  newContext,
  payAndDeliver,
  startE2e,
  type E2eEnv,
} from '../support/e2e-driver.js';
import {ReliabilityRecorder} from '../support/e2e-summary.js';

const summary = new ReliabilityRecorder('full-flow');

let env: E2eEnv;

before(async () => {
  env = await startE2e();
});

after(async () => {
  summary.write();
  await env?.stop();
});

suite('full flow (built bundle, strict CSP, proxy and sandbox as processes)', () => {
  let page: HostPage;
  let orderId: string;

  test('pick, fill, create, pay, delivered: events in order, one order upstream, nothing leaked', async () => {
    await summary.run('full flow: pick → form → create → pay → delivered', 'flow', async () => {
      await env.sandbox.reset();
      const context = await newContext(env);
      page = await HostPage.open(env, context);
      orderId = await page.buy('Steam', 'buyer@example.com');

      // The payment screen: everything from the one order created.
      const payment = page.checkout().locator('[part~="payment"]');
      const order = (await env.sandbox.stats()).requests.find((r) => r.endpoint === 'createOrder');
      assert.ok(order, 'the order was created upstream');
      await payment.locator('[part~="qr"], svg').first().waitFor();
      const address = (await payment.locator('[part~="address"]').textContent())?.trim();
      assert.match(address ?? '', /\S{20,}/, 'a deposit address is shown');
      assert.match((await payment.locator('[part~="amount-to-pay"]').textContent()) ?? '', /\d/);
      assert.match((await payment.locator('[part~="countdown"]').textContent()) ?? '', /\d+:\d\d/);
      const upstreamOrder = (await env.sandbox.act(orderId, 'state', {order_state: 'WaitingForPayment'})).order;
      assert.equal(upstreamOrder['wallet_address'], address, 'the address shown is the order\'s');

      await payAndDeliver(env.sandbox, orderId, 100);
      await page.waitForStatusPhase('completed');
      await page.waitForEvent('cr-status-change', {state: 'Done'});
      // The delivered code (Steam: a PIN) is on screen.
      const code = await page.status().locator('[part~="deliveries"] [part~="code"]').first().textContent();
      assert.match(code ?? '', /\S{4,}/, 'the delivered code is shown');

      assertEventSequence(await page.events(), orderId, {brand: 'Steam', finalState: 'Done'});
      assert.deepEqual(await page.shownOrderIds(), [orderId], 'only the current order is shown');
      const stats = await env.sandbox.stats();
      assert.equal(stats.counts['createOrder'], 1, 'exactly one order upstream');
      await page.assertClean();
      await page.checkStreamsForLeaks();
      assert.ok(page.streamUrls.size >= 1, 'the order was followed over the event stream');
      return {ordersCreated: stats.counts['createOrder'] ?? 0};
    });
  });

  test('every upstream call carried the partner id, and only the proxy added it', async () => {
    const {requests} = await env.sandbox.stats();
    assert.ok(requests.length >= 5, 'the flow reached upstream');
    for (const request of requests) {
      assert.equal(request.headers['x-cr-application'], env.partnerId, `${request.method} ${request.path} carries X-Cr-Application`);
      assert.ok(request.endpoint, `${request.method} ${request.path} is an upstream endpoint`);
    }
    // And the browser never had it: no request the page made mentions it (headers were checked per response).
    assert.ok(page.responses.some((r) => r.url.startsWith(env.stack.proxyUrl)), 'the page talked to the proxy');
    assert.ok(page.responses.every((r) => !r.url.includes(env.partnerId)));
  });

  let traps: HostPage;
  test('a description full of XSS traps, opened under the strict CSP: sanitized, nothing runs', async () => {
    await summary.run('rich text with XSS traps under strict CSP', 'flow', async () => {
      const context = await newContext(env);
      traps = await HostPage.open(env, context);
      // Amazon.com's description carries <script>, on…= handlers, javascript: links, iframes, remote images, forms,
      // <style>.
      await traps.pickBrand('Amazon.com');
      const sections = traps.checkout().locator('[part~="details"] summary');
      await sections.first().waitFor({timeout: 15_000});
      const count = await sections.count();
      assert.ok(count >= 1, 'the brand has rich text sections');
      for (let i = 0; i < count; i++) await sections.nth(i).click();
      await traps.checkout().locator('[part~="details"] .rich *').first().waitFor({timeout: 15_000});
      const html = await traps.checkout().locator('[part~="details"] .rich').evaluateAll((nodes) => nodes.map((n) => n.innerHTML).join('\n'));
      assert.doesNotMatch(html, /<script|<iframe|<form|<img|<style|\son\w+=|javascript:/i, 'nothing dangerous left in the sanitized HTML');
      // Chromium has the standard Sanitizer API: the browser sanitized it, and DOMPurify was never downloaded.
      assert.ok(!traps.responses.some((r) => /purify/i.test(r.url)), 'no DOMPurify chunk requested');
      // No page error, no partner id, no trap ran, no CSP violation (checked one by one in the next test).
      await traps.assertClean();
    });
  });

  test('…and not one CSP violation report while sanitizing it (handlers, <style>, style= taken out before parsing)', async () => {
    await summary.run('rich text with XSS traps: zero CSP reports', 'flow', async () => {
      assert.deepEqual(await traps.cspViolations(), []);
    });
  });
});
