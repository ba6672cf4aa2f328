// Browser figures for `npm run bench`, in headless Chromium with the built bundle, through the real proxy to the
// real sandbox: <cr-brand-picker> first render and per-keystroke filtering for big catalogues, and the time from an
// order change upstream to the `cr-status-change` event on the page (sandbox → SSE → proxy → EventSource → element).
import {chromium, type Browser, type Page} from 'playwright-core';
import {chromeArgs, ensureChrome} from '../support/chrome.js';
import {sandboxControls} from '../support/sandbox-controls.js';
import {median, p95} from './stats.js';

export interface PickerResult {
  country: string;
  brands: number;
  /** Element inserted → first tiles in the DOM (request through the proxy, parse, index, render). */
  firstRenderMs: number;
  /** One character typed → filtered list rendered (update complete and a frame), per keystroke. */
  keystroke: {count: number; median: number; p95: number};
  /** One character typed → filter and render done (update complete, before the frame that paints it). */
  update: {median: number; p95: number};
}

const BENCH_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/cryptorefills-checkout.js"></script></head><body></body></html>`;
export const benchPages = {'/bench.html': () => BENCH_PAGE};

export async function openBenchPage(browser: Browser, origin: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${origin}/bench.html`);
  await page.evaluate(() => customElements.whenDefined('cr-order-status'));
  return page;
}

export const launchChromium = () => chromium.launch({executablePath: ensureChrome(), args: chromeArgs, headless: true});

export async function pickerTimings(page: Page, proxyUrl: string, country: string, query: string): Promise<PickerResult> {
  const result = await page.evaluate(
    async ({proxyUrl, country, query}) => {
      const deadline = performance.now() + 60_000;
      const t0 = performance.now();
      const el = document.createElement('cr-brand-picker') as HTMLElement & {updateComplete: Promise<unknown>};
      el.setAttribute('proxy-url', proxyUrl);
      el.setAttribute('country', country);
      el.setAttribute('store', `bench-${country}`);
      document.body.append(el);
      while (!el.shadowRoot?.querySelector('[part~="brand"]')) {
        if (performance.now() > deadline) throw new Error(`no tiles for ${country}`);
        await new Promise((r) => setTimeout(r, 2));
      }
      const firstRenderMs = performance.now() - t0;
      // (No named helper functions in here: tsx's keepNames would reference a __name the page does not have.)
      const input = el.shadowRoot.querySelector<HTMLInputElement>('[part~="search-input"]')!;
      const times: number[] = [];
      const updates: number[] = [];
      // Type the query, then delete it again, one character at a time.
      const steps = [...[...query].map((_, i) => query.slice(0, i + 1)), ...[...query].map((_, i) => query.slice(0, query.length - i - 1))];
      for (const value of steps) {
        const started = performance.now();
        input.value = value;
        input.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true, data: value.slice(-1)}));
        await el.updateComplete;
        updates.push(performance.now() - started);
        await new Promise((r) => requestAnimationFrame(() => r(undefined)));
        times.push(performance.now() - started);
      }
      const tiles = (await fetch(`${proxyUrl}/v2/brands?country_code=${country}`).then((r) => r.json())) as {all_brands?: unknown[]; categories: {brands: {brand: string}[]}[]};
      const brands = tiles.all_brands?.length ?? new Set(tiles.categories.flatMap((c) => c.brands.map((b) => b.brand))).size;
      el.remove();
      return {firstRenderMs, times, updates, brands};
    },
    {proxyUrl, country, query},
  );
  return {
    country,
    brands: result.brands,
    firstRenderMs: result.firstRenderMs,
    keystroke: {count: result.times.length, median: median(result.times), p95: p95(result.times)},
    update: {median: median(result.updates), p95: p95(result.updates)},
  };
}

export interface StatusLatencyResult {
  changes: number;
  received: number;
  median: number;
  p95: number;
}

/**
 * Creates an order, tracks it with <cr-order-status>, then changes its state `changes` times through the sandbox
 * controls; each latency runs from the control call to the event's timestamp on the page (same machine clock).
 */
export async function statusLatency(page: Page, proxyUrl: string, sandboxUrl: string, changes = 20): Promise<StatusLatencyResult> {
  const create = await fetch(`${proxyUrl}/v5/orders`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({
      user: {email: 'bench@example.com'},
      payment: {type: 'via', payment_via: 'USER_WALLET', coin: 'USDC', network: 'Solana'},
      deliveries: [{brand_name: 'Steam', country_code: 'US', denomination: '20 USD', beneficiary_account: 'friend@example.com'}],
      lang: 'en',
    }),
  });
  const {order_id: orderId} = (await create.json()) as {order_id: string};
  await page.evaluate(
    ({proxyUrl, orderId}) => {
      const w = window as unknown as {__bench: {state: string; at: number}[]};
      w.__bench = [];
      document.addEventListener('cr-status-change', (e) => {
        w.__bench.push({state: (e as CustomEvent<{state: string}>).detail.state, at: performance.timeOrigin + performance.now()});
      });
      const el = document.createElement('cr-order-status');
      el.setAttribute('proxy-url', proxyUrl);
      el.setAttribute('order-id', orderId);
      el.setAttribute('store', 'bench-status');
      document.body.append(el);
    },
    {proxyUrl, orderId},
  );
  const seen = (state: string) =>
    page
      .waitForFunction((s) => (window as unknown as {__bench: {state: string; at: number}[]}).__bench.find((e) => e.state === s)?.at, state, {timeout: 10_000})
      .then((handle) => handle.jsonValue() as Promise<number>)
      .catch(() => undefined);
  await seen('WaitingForPayment');
  const controls = sandboxControls(sandboxUrl);
  const latencies: number[] = [];
  for (let i = 1; i <= changes; i++) {
    const state = `BenchState${i}`;
    const started = performance.timeOrigin + performance.now();
    await controls.act(orderId, 'state', {order_state: state});
    const at = await seen(state);
    if (at !== undefined) latencies.push(at - started);
  }
  return {changes, received: latencies.length, median: median(latencies), p95: p95(latencies)};
}
