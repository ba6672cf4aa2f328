// Drives the whole stack for the e2e tests: the sandbox and proxy child processes, the CSP host page server, and a
// real headless Chromium through playwright-core (the machine's Chromium; nothing is downloaded). Selects inside
// our shadow roots by part, role and label (playwright's CSS and role locators pierce open shadow roots), as a
// partner's own tests would.
import assert from 'node:assert/strict';
import {chromium, type Browser, type BrowserContext, type Page, type Response} from 'playwright-core';
import {builtBundleDir} from './built-bundle.js';
import {chromeArgs, ensureChrome} from './chrome.js';
import {startHostPage, type HostPageOptions, type HostPageServer} from './e2e-host.js';
import {startStack, stopAllChildren, type Stack} from './e2e-processes.js';
import {sandboxControls, type SandboxControls} from './sandbox-controls.js';

/** Default wait for anything the UI should do by itself (a reconnect after a 1 s backoff, a poll, …). */
export const UI_TIMEOUT_MS = 15_000;

export interface E2eEnv {
  browser: Browser;
  stack: Stack;
  host: HostPageServer;
  sandbox: SandboxControls;
  partnerId: string;
  stop(): Promise<void>;
}

/** A partner id nobody could guess or find by accident in a page: any appearance in a response is a leak. */
export function newPartnerId(): string {
  return `e2e-partner-${Math.random().toString(36).slice(2, 10)}${Date.now().toString(36)}`;
}

export async function startE2e(opts: {proxyEnv?: Record<string, string>; withBrowser?: boolean} = {}): Promise<E2eEnv> {
  const partnerId = newPartnerId();
  const dist = await builtBundleDir();
  const host = await startHostPage(dist);
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  try {
    stack = await startStack({partnerId, allowedOrigins: [host.origin], ...(opts.proxyEnv ? {proxyEnv: opts.proxyEnv} : {})});
    host.configure({proxyUrl: stack.proxyUrl, sandboxUrl: stack.sandboxUrl});
    if (opts.withBrowser !== false) browser = await chromium.launch({executablePath: ensureChrome(), args: chromeArgs, headless: true});
  } catch (error) {
    await Promise.allSettled([stack?.stop(), host.close(), stopAllChildren()]);
    throw error;
  }
  const env: E2eEnv = {
    browser: browser as Browser,
    stack,
    host,
    sandbox: sandboxControls(stack.sandboxUrl),
    partnerId,
    async stop() {
      await Promise.allSettled([browser?.close(), stack!.stop(), host.close()]);
      await stopAllChildren();
    },
  };
  return env;
}

/** What a host page's script recorded (see HOST_SCRIPT in e2e-host.ts). */
export interface HostEvent {
  type: 'cr-brand-select' | 'cr-order-created' | 'cr-status-change' | 'cr-error';
  brand?: string;
  orderId?: string;
  state?: string;
  previousState?: string | null;
  paymentState?: string;
  phase?: string;
  orderMatches?: boolean;
  code?: string;
  message?: string;
  at: number;
}

export interface CspReport {
  directive: string;
  blocked: string;
  /** The script that caused it (the page's listener) or the console message's location. */
  source: string;
  text: string;
}

export interface HostRecord {
  events: HostEvent[];
  violations: {directive: string; blocked: string; source: string; line: number; sample: string}[];
  errors: string[];
}

/** One open host page with everything it received and every problem it saw. */
export class HostPage {
  readonly pageErrors: string[] = [];
  /** Console messages about CSP ("Refused to …", "violates the following Content Security Policy …"). */
  readonly consoleCsp: {text: string; url: string}[] = [];
  /** Responses whose headers or body contained the partner id: url + where. */
  readonly leaks: string[] = [];
  /** Responses the browser received (url, status, content type), in order. */
  readonly responses: {url: string; status: number; type: string}[] = [];
  /** Event-stream URLs the page opened (their bodies are checked from Node, see checkStreamsForLeaks). */
  readonly streamUrls = new Set<string>();
  private pending = new Set<Promise<void>>();

  private constructor(readonly env: E2eEnv, readonly page: Page) {
    page.on('pageerror', (error) => this.pageErrors.push(String(error.message)));
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) this.consoleCsp.push({text: message.text(), url: message.location().url});
    });
    page.on('response', (response) => {
      const check = this.inspect(response).finally(() => this.pending.delete(check));
      this.pending.add(check);
    });
  }

  static async open(env: E2eEnv, context: BrowserContext, options: HostPageOptions = {}): Promise<HostPage> {
    const page = await context.newPage();
    const host = new HostPage(env, page);
    await page.goto(env.host.pageUrl(options), {waitUntil: 'load'});
    return host;
  }

  private async inspect(response: Response): Promise<void> {
    const id = this.env.partnerId;
    let headers: Record<string, string>;
    try {
      headers = await response.allHeaders();
    } catch {
      return; // the page went away
    }
    const type = headers['content-type'] ?? '';
    this.responses.push({url: response.url(), status: response.status(), type});
    if (JSON.stringify(headers).includes(id)) this.leaks.push(`${response.url()} (headers)`);
    if (/text\/event-stream/i.test(type)) {
      this.streamUrls.add(response.url());
      return;
    }
    try {
      const body = await response.body();
      if (body.includes(id)) this.leaks.push(`${response.url()} (body)`);
    } catch {
      // Bodies of aborted requests (a superseded quote, a page reloaded) are gone; nothing was delivered then.
    }
  }

  /** Waits for every response body check still running. */
  async settle(): Promise<void> {
    const deadline = Date.now() + 5000;
    while (this.pending.size && Date.now() < deadline) await Promise.race([Promise.allSettled([...this.pending]), sleep(200)]);
  }

  async record(): Promise<HostRecord> {
    return this.page.evaluate(() => (window as unknown as {__crHost: HostRecord}).__crHost);
  }

  async events(type?: HostEvent['type']): Promise<HostEvent[]> {
    const events = (await this.record()).events;
    return type ? events.filter((e) => e.type === type) : events;
  }

  /** Waits until the host page has received an event matching `match` (evaluated in the page). */
  async waitForEvent(type: HostEvent['type'], fields: Partial<Pick<HostEvent, 'state' | 'phase' | 'orderId' | 'code'>> = {}, timeout = UI_TIMEOUT_MS): Promise<void> {
    await this.page.waitForFunction(
      ([t, f]) => (window as unknown as {__crHost?: HostRecord}).__crHost?.events.some(
        (e) => e.type === t && Object.entries(f).every(([k, v]) => (e as unknown as Record<string, unknown>)[k] === v),
      ),
      [type, fields] as const,
      {timeout, polling: 50},
    );
  }

  // ---- the flow ------------------------------------------------------------------------------------------------

  picker() {
    return this.page.locator('cr-brand-picker');
  }

  checkout() {
    return this.page.locator('cr-checkout');
  }

  status() {
    return this.page.locator('cr-order-status');
  }

  /** Clicks the brand tile whose name is `family` (waits for the list). */
  async pickBrand(family: string): Promise<void> {
    const option = this.picker().getByRole('option').filter({has: this.page.locator('[part~="brand-name"]', {hasText: family})}).first();
    await option.click({timeout: UI_TIMEOUT_MS});
  }

  /** Fills the buyer's e-mail (and the recipient, if given) once the form is there. */
  async fillForm(values: {email: string; beneficiary?: string}): Promise<void> {
    const email = this.checkout().locator('[part~="email-input"]');
    await email.fill(values.email, {timeout: UI_TIMEOUT_MS});
    if (values.beneficiary !== undefined) await this.checkout().locator('[part~="beneficiary-input"]').fill(values.beneficiary);
  }

  async submit(): Promise<void> {
    await this.checkout().locator('[part~="pay-button"]').click({timeout: UI_TIMEOUT_MS});
  }

  /** Waits for the payment screen and answers the order id it shows. */
  async waitForPaymentScreen(timeout = UI_TIMEOUT_MS): Promise<string> {
    const payment = this.checkout().locator('[part~="payment"][data-phase="awaiting-payment"]');
    await payment.waitFor({timeout});
    const orderId = await payment.getAttribute('data-order-id');
    assert.ok(orderId, 'the payment screen names its order');
    return orderId;
  }

  /** Brand, form, create: the order id shown on the payment screen. */
  async buy(family = 'Steam', email = 'buyer@example.com'): Promise<string> {
    await this.pickBrand(family);
    await this.fillForm({email});
    await this.submit();
    return this.waitForPaymentScreen();
  }

  /** Waits until <cr-order-status> shows `phase` (completed: the delivered code). */
  async waitForStatusPhase(phase: 'awaiting-delivery' | 'completed' | 'failed' | 'review', timeout = UI_TIMEOUT_MS): Promise<void> {
    const status = this.status();
    const part = phase === 'completed' ? '[part~="deliveries"]' : phase === 'failed' ? '[part~="failure"]' : phase === 'review' ? '[part~="review"]' : '[part~="step-current"]';
    await status.locator(part).first().waitFor({timeout});
    if (phase === 'awaiting-delivery') await this.waitForEvent('cr-status-change', {phase}, timeout);
  }

  /** The text of every order id the page shows anywhere (checkout and status): all must be the current order. */
  async shownOrderIds(): Promise<string[]> {
    // A string, not a function: tsx would wrap named inner functions in a helper the page does not have.
    return this.page.evaluate(`(() => {
      const ids = new Set();
      const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
      for (const el of document.querySelectorAll('cr-checkout, cr-order-status')) {
        if (!el.shadowRoot) continue;
        const texts = [el.shadowRoot.textContent || ''];
        for (const node of el.shadowRoot.querySelectorAll('[data-order-id]')) texts.push(node.getAttribute('data-order-id') || '');
        for (const text of texts) for (const m of text.match(uuid) || []) ids.add(m.toLowerCase());
      }
      return [...ids];
    })()`);
  }

  /** CSP violations seen by the host page's listener and in the console, minus those `allow` accepts. */
  async cspViolations(allow: (v: CspReport) => boolean = () => false): Promise<CspReport[]> {
    const record = await this.record().catch(() => undefined);
    const reports: CspReport[] = [
      ...(record?.violations ?? []).map((v) => ({directive: v.directive, blocked: v.blocked, source: v.source, text: v.sample})),
      ...this.consoleCsp.map((c) => ({directive: /inline event handler/.test(c.text) ? 'script-src-attr' : 'console', blocked: /inline/.test(c.text) ? 'inline' : '', source: c.url, text: c.text})),
    ];
    return reports.filter((r) => !allow(r));
  }

  /**
   * No page error, no CSP violation (event or console), no partner id in any response, nothing of the sandbox's
   * XSS traps ran. `allowCsp` lets a test accept a known violation (none is known today).
   */
  async assertClean(opts: {allowCsp?: (v: CspReport) => boolean} = {}): Promise<void> {
    await this.settle();
    const record = await this.record().catch(() => ({events: [], violations: [], errors: []}) as HostRecord);
    assert.deepEqual(await this.cspViolations(opts.allowCsp), [], 'no CSP violation');
    assert.deepEqual(this.pageErrors, [], 'no page error');
    assert.deepEqual(record.errors, [], 'no error seen by the host page');
    assert.deepEqual(this.leaks, [], 'the partner id appears in no response');
    const xss = await this.page.evaluate('window.__sandboxXss').catch(() => undefined);
    assert.equal(xss, undefined, 'none of the sandbox\'s XSS traps ran');
  }

  /** Reads each event stream the page opened from Node (snapshot + stop once the order is final) and checks it. */
  async checkStreamsForLeaks(): Promise<void> {
    for (const url of this.streamUrls) {
      const body = await readStream(url, this.env.host.origin, 3000);
      assert.ok(!body.includes(this.env.partnerId), `partner id in the event stream ${url}`);
    }
  }
}

/** GETs an event stream for at most `ms` and answers what arrived. */
export async function readStream(url: string, origin: string, ms: number): Promise<string> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  let text = '';
  try {
    const res = await fetch(url, {headers: {origin, accept: 'text/event-stream'}, signal: abort.signal});
    text += JSON.stringify([...res.headers]);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const {done, value} = await reader.read();
      if (done) break;
      text += decoder.decode(value, {stream: true});
      if (/event: stop/.test(text)) break;
    }
    await reader.cancel().catch(() => undefined);
  } catch {
    // Timed out: what arrived is checked.
  } finally {
    clearTimeout(timer);
  }
  return text;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A fresh browser context (own storage) with a desktop viewport. */
export function newContext(env: E2eEnv, extra: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  return env.browser.newContext({viewport: {width: 1100, height: 900}, ...extra});
}

/** Order states in the order the status events must report them (any subset, never backwards). */
export const PHASE_ORDER = ['awaiting-payment', 'awaiting-delivery', 'completed'] as const;

/**
 * The events a host page must have received for one order, in order: (cr-brand-select), cr-order-created once
 * (unless the page only resumed or followed the order), then cr-status-change events of that order only, one per
 * change (never the same state twice in a row), phases never moving backwards, ending at `finalState`.
 */
export function assertEventSequence(
  events: HostEvent[],
  orderId: string,
  opts: {brand?: string; created?: boolean; finalState?: string; allowErrors?: boolean} = {},
): void {
  const types = events.map((e) => e.type);
  const created = events.filter((e) => e.type === 'cr-order-created');
  const changes = events.filter((e) => e.type === 'cr-status-change');
  if (opts.brand !== undefined) {
    assert.equal(events[0]?.type, 'cr-brand-select', `first event is cr-brand-select (got ${types.join(', ')})`);
    assert.equal(events[0]?.brand, opts.brand);
  }
  if (opts.created !== false) {
    assert.equal(created.length, 1, `cr-order-created exactly once (got ${types.join(', ')})`);
    assert.equal(created[0]!.orderId, orderId);
    const createdAt = events.indexOf(created[0]!);
    const firstChange = events.findIndex((e) => e.type === 'cr-status-change');
    if (firstChange !== -1) assert.ok(createdAt < firstChange, 'cr-order-created comes before any cr-status-change');
  } else {
    assert.equal(created.length, 0, 'no cr-order-created on a resumed or followed order');
  }
  let lastState: string | null | undefined;
  let lastPhase = -1;
  for (const change of changes) {
    assert.equal(change.orderId, orderId, 'status changes only for the current order');
    assert.equal(change.orderMatches, true, 'detail.order is the order named by detail.orderId');
    assert.notEqual(change.state, lastState, `a state is reported once per change (${change.state} twice)`);
    if (lastState !== undefined) assert.equal(change.previousState, lastState, 'previousState is the state reported before');
    const phase = (PHASE_ORDER as readonly string[]).indexOf(change.phase!);
    assert.ok(phase === -1 || phase >= lastPhase, `the phase never moves backwards (${change.phase} after ${PHASE_ORDER[lastPhase]})`);
    if (phase !== -1) lastPhase = phase;
    lastState = change.state;
  }
  if (opts.finalState) assert.equal(lastState, opts.finalState, `the last status change is ${opts.finalState} (got ${changes.map((c) => c.state).join(' → ')})`);
  if (!opts.allowErrors) assert.deepEqual(events.filter((e) => e.type === 'cr-error'), [], 'no cr-error');
}

/** Pays, confirms and delivers an order in the sandbox, as the blockchain and Cryptorefills would. */
export async function payAndDeliver(sandbox: SandboxControls, orderId: string, gapMs = 0): Promise<void> {
  for (const action of ['pay', 'confirm', 'deliver'] as const) {
    await sandbox.act(orderId, action);
    if (gapMs) await sleep(gapMs);
  }
}
