// A recording upstream with the real proxy (node:http bridge) in front of it, both on free loopback ports.
import {startProxy, type ProxyConfig} from '../../src/proxy/server.js';
import {startRecordingUpstream, type RecordingUpstream, type Responder} from './recording-upstream.js';

export const PARTNER_ID = 'partner-secret-5e1d';
export const APP_VERSION = 'shop-1.2.3';
export const ORIGIN = 'https://shop.example';
export const ORDER_ID = '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b';

export interface Harness {
  upstream: RecordingUpstream;
  /** The proxy's URL (with its base path, if any). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHarness(overrides: Partial<ProxyConfig> = {}, responder?: Responder): Promise<Harness> {
  const upstream = await startRecordingUpstream(responder);
  const proxy = await startProxy(
    {apiUrl: upstream.url, partnerId: PARTNER_ID, appVersion: APP_VERSION, allowedOrigins: [ORIGIN], ...overrides},
    {port: 0, host: '127.0.0.1'},
  );
  return {
    upstream,
    url: proxy.url,
    port: proxy.port,
    async close() {
      await proxy.close();
      await upstream.close();
    },
  };
}

/** Resolves when `check()` is true, polling every 10 ms; rejects after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
