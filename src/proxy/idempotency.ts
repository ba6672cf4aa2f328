// Idempotency keys for POST /v5/orders. Upstream has no such feature, so the proxy gives the widget one: a create
// sent again with the same `Idempotency-Key` (after a reload, a lost answer, a "check again") gets the answer of the
// first one instead of a second order. In memory, per process, bounded in keys and time, and scoped to the client
// address (a key is random, but one client still cannot read another's answer by guessing it).
//
// What a key remembers, by the first request's outcome:
// - still in flight: a repeat waits for it and gets the same answer;
// - 2xx (an order was created): replayed to every repeat until the key expires;
// - 4xx other than 408 (upstream refused: problems, login required, bad body, rate limited): remembered as refused,
//   since surely no order exists; a repeat, even one marked as a resend, is sent upstream again (it will usually be
//   refused again, or succeed if the cause went away);
// - anything else (5xx, upstream unreachable or too slow, an answer too large to keep): the order may or may not
//   exist and the proxy cannot tell, so a repeat is answered 409 IDEMPOTENCY_OUTCOME_UNKNOWN and never resent; the
//   widget then asks the user before it creates with a new key.
// A keyed create the proxy refuses itself (its rate limit) is remembered as refused too.
// A key sent with a different body is 422 IDEMPOTENCY_KEY_REUSED. A key the proxy does not know, on a request marked
// `Idempotency-Resend: 1` (the widget sending a create again), is 409 IDEMPOTENCY_OUTCOME_UNKNOWN and not forwarded:
// its first request may have made an order this process never saw (the key expired, another process or client
// address had it, the proxy restarted), and forwarding it could make a second one. Only fetch-standard APIs (Web
// Crypto for the hash).

export interface IdempotencyConfig {
  /** Keys remembered at most (all clients together); the oldest are forgotten first. */
  maxKeys: number;
  /** How long a key is remembered after its answer (or its start, while in flight). */
  ttlMs: number;
  /** A 2xx answer larger than this is not kept: its key becomes "outcome unknown" (an order is far smaller). */
  maxAnswerBytes: number;
}

export const IDEMPOTENCY_DEFAULTS: IdempotencyConfig = {maxKeys: 10_000, ttlMs: 15 * 60_000, maxAnswerBytes: 64 * 1024};

/** What a key must look like: a UUID fits; 16 to 128 URL-safe characters, optionally in double quotes. */
const KEY = /^"?([A-Za-z0-9_-]{16,128})"?$/;

/** The key from the header value; undefined when absent; 'invalid' when present but unusable. */
export function parseIdempotencyKey(value: string | null): string | 'invalid' | undefined {
  if (value === null) return undefined;
  const match = KEY.exec(value.trim());
  return match ? match[1]! : 'invalid';
}

/** A final answer as relayed to the browser (CORS headers are added per request, never stored). */
export interface StoredAnswer {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
}

type EntryState =
  | {kind: 'pending'; answer: Promise<StoredAnswer>}
  | {kind: 'done'; answer: StoredAnswer}
  | {kind: 'refused'}
  | {kind: 'unknown'};

interface Entry {
  hash: string;
  expiresAt: number;
  state: EntryState;
}

export type Lookup =
  | {kind: 'miss'}
  /** Its first request was refused (4xx): no order exists, so it may be sent upstream again, resend or not. */
  | {kind: 'refused'}
  | {kind: 'wait'; answer: Promise<StoredAnswer>}
  | {kind: 'replay'; answer: StoredAnswer}
  | {kind: 'reused'}
  | {kind: 'unknown'};

export interface IdempotencyStore {
  /** What to do with a request carrying `key` and a body hashing to `hash`. Synchronous: pair it with `start`. */
  lookup(scope: string, key: string, hash: string): Lookup;
  /** Registers the key as in flight (after a `miss`); call the returned function with the answer, exactly once. */
  start(scope: string, key: string, hash: string): (answer: StoredAnswer) => void;
  /** Remembers a key the proxy refused itself before forwarding it (rate limited, after a `miss`): no order exists. */
  refuse(scope: string, key: string, hash: string): void;
  /** Keys currently remembered. */
  size(): number;
}

/** Whether a 2xx create answer is a JSON object with an order id. */
function namesAnOrder(body: Uint8Array): boolean {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(body));
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as {order_id?: unknown}).order_id === 'string';
  } catch {
    return false;
  }
}

/** A hex SHA-256 of the body as forwarded (the proxy re-serialises it, so whitespace does not matter). */
export async function bodyHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function createIdempotencyStore(config: IdempotencyConfig, now: () => number = Date.now): IdempotencyStore {
  // A Map keeps insertion order, and entries are re-inserted whenever their expiry moves: the first entry is always
  // the one that expires first, so purging stops at the first live one.
  const entries = new Map<string, Entry>();
  // The keys the proxy refused itself (rate limited) are kept apart, with the same bound of their own: such a
  // refusal costs a client nothing upstream, so a flood of them must never push out the keys that stand for real
  // requests (in flight, created, outcome unknown) and turn their resends into "outcome unknown".
  const refusals = new Map<string, Entry>();
  const id = (scope: string, key: string) => `${scope}\u0000${key}`;

  function purge(t: number): void {
    for (const map of [entries, refusals]) {
      for (const [k, entry] of map) {
        if (entry.expiresAt > t) break;
        map.delete(k);
      }
    }
  }

  function put(k: string, entry: Entry, map = entries): void {
    map.delete(k);
    // Full: forget the oldest. An in-flight one forgotten this way still answers the requests already waiting on
    // it; only a later repeat would be sent upstream again (10,000 keys in 15 minutes is far beyond one shop's rate).
    while (map.size >= config.maxKeys) {
      const oldest = map.keys().next().value;
      if (oldest === undefined) break;
      map.delete(oldest);
    }
    map.set(k, entry);
  }

  return {
    lookup(scope, key, hash) {
      purge(now());
      const k = id(scope, key);
      const entry = entries.get(k) ?? refusals.get(k);
      if (!entry) return {kind: 'miss'};
      // Before the body check: a refused key made no order, so another body under it is simply a new create.
      if (entry.state.kind === 'refused') return {kind: 'refused'};
      if (entry.hash !== hash) return {kind: 'reused'};
      if (entry.state.kind === 'pending') return {kind: 'wait', answer: entry.state.answer};
      if (entry.state.kind === 'done') return {kind: 'replay', answer: entry.state.answer};
      return {kind: 'unknown'};
    },

    start(scope, key, hash) {
      const k = id(scope, key);
      let resolve!: (answer: StoredAnswer) => void;
      const answer = new Promise<StoredAnswer>((r) => (resolve = r));
      const entry: Entry = {hash, expiresAt: now() + config.ttlMs, state: {kind: 'pending', answer}};
      purge(now());
      refusals.delete(k);
      put(k, entry);
      let settled = false;
      return (final) => {
        if (settled) return;
        settled = true;
        resolve(final);
        // Only the entry we created: it may have been evicted, or replaced after expiring.
        if (entries.get(k) !== entry) return;
        const {status} = final;
        if (status >= 200 && status < 300) {
          // Replayed only when it is an order: a cut-off or garbled answer would be replayed forever, and never say
          // which order was made (a resend then hears "outcome unknown", as after a 5xx).
          entry.state = final.body.byteLength <= config.maxAnswerBytes && namesAnOrder(final.body) ? {kind: 'done', answer: final} : {kind: 'unknown'};
        } else if (status >= 400 && status < 500 && status !== 408) {
          entry.state = {kind: 'refused'};
        } else {
          entry.state = {kind: 'unknown'};
        }
        entry.expiresAt = now() + config.ttlMs;
        put(k, entry);
      };
    },

    refuse(scope, key, hash) {
      const k = id(scope, key);
      purge(now());
      const existing = entries.get(k);
      // Never over a real outcome (in flight, created, unknown): only a miss or an earlier refusal becomes one.
      if (existing && existing.state.kind !== 'refused') return;
      entries.delete(k);
      put(k, {hash, expiresAt: now() + config.ttlMs, state: {kind: 'refused'}}, refusals);
    },

    size: () => entries.size + refusals.size,
  };
}

/** A stored answer as a Response, with this request's extra headers (CORS, the key echo, the replay marker). */
export function responseFrom(answer: StoredAnswer, extra: Record<string, string>): Response {
  const headers = new Headers(answer.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  const empty = answer.status === 204 || answer.status === 205 || answer.status === 304;
  // A copy per Response: a body stream must not be shared between two answers.
  return new Response(empty ? null : answer.body.slice(), {status: answer.status, headers});
}

/** Reads a relayed Response into a StoredAnswer (the proxy's JSON answers are already in memory). */
export async function storedFrom(response: Response): Promise<StoredAnswer> {
  const body = new Uint8Array(await response.arrayBuffer());
  return {status: response.status, headers: [...response.headers], body};
}
