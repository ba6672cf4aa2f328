// An element with no proxy-url cannot load anything. Another element of its store may still be about to bring one
// (a later tag, a framework setting it after the first render), so each element waits a moment before it says it is
// not set up: one rule for the three elements.
import {noProxyUrl} from '../../api/errors.js';
import {sleep} from '../../api/http.js';

/** How long to wait for some element of the store to provide `proxy-url` before saying it is missing. */
export const PROXY_GRACE_MS = 1000;

/** Waits PROXY_GRACE_MS, then throws the `config` error. Abort the signal when a proxy-url arrives meanwhile. */
export async function missingProxyUrl(signal?: AbortSignal): Promise<never> {
  await sleep(PROXY_GRACE_MS, signal);
  throw noProxyUrl();
}
