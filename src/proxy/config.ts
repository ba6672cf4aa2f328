// The proxy's configuration: what it forwards to, with which credentials, for which browser origins, and its limits.
// Pure data and parsing: no Node APIs here (the handler must run on edge runtimes too); `configFromEnv` only reads the
// plain object it is given.
import {IDEMPOTENCY_DEFAULTS, type IdempotencyConfig} from './idempotency.js';
import type {ProxyLog} from './log.js';
import {redactText} from './redact.js';

export interface RateLimitConfig {
  /** Requests a client may make in a burst. */
  capacity: number;
  /** Tokens given back per minute (steady rate). */
  refillPerMinute: number;
}

export interface ProxyConfig {
  /** Upstream base URL, e.g. `https://api.cryptorefills.com` (a path prefix is kept). */
  apiUrl: string;
  /** Sent to upstream as `X-Cr-Application`; never sent back to the browser. */
  partnerId: string;
  /** Sent to upstream as `X-Cr-Version`. */
  appVersion: string;
  /** Exact browser origins allowed by CORS (`https://shop.example`); no wildcard. */
  allowedOrigins: string[];
  /** Path the proxy is mounted under, e.g. `/api/cr` (default: none, the upstream paths sit at the root). */
  basePath?: string;
  /** Time allowed to upstream for a whole JSON answer, and for the response headers of a stream (default 15000). */
  upstreamTimeoutMs?: number;
  /** `: keep-alive` comment interval while an event stream is idle (default 15000). */
  keepAliveMs?: number;
  /** Largest request body accepted on POST (default 16384 bytes). */
  maxBodyBytes?: number;
  /** Largest non-stream upstream answer relayed (default 10 MiB); larger ones become a 502. */
  maxUpstreamBodyBytes?: number;
  /** Longest request target (path + query) accepted (default 2048). */
  maxUrlLength?: number;
  /**
   * Per-client token bucket on `POST /v5/orders`; `false` turns it off. Default 5 burst, 10 a minute, except when
   * apiUrl is a loopback URL (the local sandbox), where it defaults to off.
   */
  orderRateLimit?: RateLimitConfig | false;
  /** Per-client token bucket on `POST /v5/orders/validations` (default 30 burst, 60 a minute; off for a sandbox). */
  validationRateLimit?: RateLimitConfig | false;
  /**
   * One per-client token bucket shared by every GET: catalogue, prices, order reads, QR images, and opening an event
   * stream (`maxStreamsPerClient` caps how many are open, not how fast they are opened). Default 120 burst, 300 a
   * minute (five a second), off for a sandbox: far above what a buyer's page asks for (a page load is a handful,
   * polling an order one every few seconds), so only a script draining the partner's upstream quota meets it, or a
   * very large office behind one address.
   */
  readRateLimit?: RateLimitConfig | false;
  /** Event streams one client may hold open at once (default 20; off for a sandbox); `false` for no cap. */
  maxStreamsPerClient?: number | false;
  /**
   * Take the client's address from the right-most `X-Forwarded-For` entry instead of the socket (only behind one
   * trusted reverse proxy that appends it, such as nginx with `$proxy_add_x_forwarded_for`). Default false: a
   * browser could otherwise choose its own address and dodge the rate limit.
   */
  trustForwardedFor?: boolean;
  /**
   * `Idempotency-Key` support on `POST /v5/orders` (see idempotency.ts): default on, 10,000 keys, 15 minutes, answers
   * up to 64 KiB. `false` turns it off: the header is then ignored and `Idempotency-Key-Supported` not sent.
   */
  idempotency?: Partial<IdempotencyConfig> | false;
  /**
   * Where the proxy says what its operator should know: refused page origins, an unreachable or timing-out upstream,
   * upstream refusing the credentials (401/403), its own errors. Default: nowhere (`npm run proxy` writes to stderr).
   * Wrap it in `throttledLog` (log.ts) to say each distinct line at most once a minute; `consoleLog()` is that on the
   * console, as our hosts write it. No line carries the partner id, in any form the answers are scrubbed of.
   */
  log?: ProxyLog;
}

export type ResolvedConfig = Required<Omit<ProxyConfig, 'idempotency'>> & {idempotency: IdempotencyConfig | false};

export const DEFAULTS = {
  upstreamTimeoutMs: 15_000,
  keepAliveMs: 15_000,
  maxBodyBytes: 16 * 1024,
  maxUpstreamBodyBytes: 10 * 1024 * 1024,
  maxUrlLength: 2048,
  orderRateLimit: {capacity: 5, refillPerMinute: 10},
  validationRateLimit: {capacity: 30, refillPerMinute: 60},
  readRateLimit: {capacity: 120, refillPerMinute: 300},
  maxStreamsPerClient: 20,
} as const;

export const DEFAULT_API_URL = 'https://api.cryptorefills.com';
/** Partner id used when the proxy points at a local sandbox and none is configured. */
export const SANDBOX_PARTNER_ID = 'sandbox-partner';

/** Fills in defaults and normalises the config; throws on values that cannot work. */
export function resolveConfig(config: ProxyConfig): ResolvedConfig {
  let api: URL;
  try {
    api = new URL(config.apiUrl);
  } catch {
    throw new Error(`apiUrl is not a URL: ${config.apiUrl}`);
  }
  if (api.protocol !== 'http:' && api.protocol !== 'https:') throw new Error('apiUrl must be http(s)');
  if (!config.partnerId) throw new Error('partnerId is required');
  // As it goes on the wire: a header value loses surrounding whitespace (a secret file's trailing newline), and the
  // redaction must look for what upstream received and may quote back. Printable ASCII, no spaces: what an id is.
  if (!/^[\x21-\x7e]+$/.test(config.partnerId)) {
    throw new Error('partnerId must be printable ASCII without spaces (a trailing newline from a secret file?)');
  }
  for (const origin of config.allowedOrigins) {
    if (origin === '*' || normaliseOrigin(origin) !== origin) {
      throw new Error(`allowedOrigins must be exact origins such as https://shop.example (got ${JSON.stringify(origin)})`);
    }
  }
  const sandbox = isLoopbackUrl(api.href);
  return {
    apiUrl: api.href.replace(/\/+$/, ''),
    partnerId: config.partnerId,
    appVersion: config.appVersion,
    allowedOrigins: [...config.allowedOrigins],
    basePath: normaliseBasePath(config.basePath ?? ''),
    upstreamTimeoutMs: config.upstreamTimeoutMs ?? DEFAULTS.upstreamTimeoutMs,
    keepAliveMs: config.keepAliveMs ?? DEFAULTS.keepAliveMs,
    maxBodyBytes: config.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
    maxUpstreamBodyBytes: config.maxUpstreamBodyBytes ?? DEFAULTS.maxUpstreamBodyBytes,
    maxUrlLength: config.maxUrlLength ?? DEFAULTS.maxUrlLength,
    // A local sandbox puts no partner credentials at risk, and test suites create many orders from one address:
    // the limits default to off there, on everywhere else. An explicit setting always wins.
    orderRateLimit: config.orderRateLimit ?? (sandbox ? false : {...DEFAULTS.orderRateLimit}),
    validationRateLimit: config.validationRateLimit ?? (sandbox ? false : {...DEFAULTS.validationRateLimit}),
    readRateLimit: config.readRateLimit ?? (sandbox ? false : {...DEFAULTS.readRateLimit}),
    maxStreamsPerClient: config.maxStreamsPerClient ?? (sandbox ? false : DEFAULTS.maxStreamsPerClient),
    trustForwardedFor: config.trustForwardedFor ?? false,
    idempotency: config.idempotency === false ? false : {...IDEMPOTENCY_DEFAULTS, ...config.idempotency},
    // Every line without the partner id, whoever hosts the handler and wherever its lines go.
    log: config.log ? redactedLog(config.log, config.partnerId) : () => undefined,
  };
}

function redactedLog(write: ProxyLog, partnerId: string): ProxyLog {
  return (line) => write(redactText(line, partnerId));
}

/** `https://Shop.example:443/` → `https://shop.example`; undefined when it is not an http(s) origin. */
export function normaliseOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** True for an origin, with or without a trailing `/`: `https://shop.example/`, not `https://shop.example/shop`. */
function writtenAsOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && !value.endsWith('?') && !value.endsWith('#');
  } catch {
    return false;
  }
}

/** `api/cr/` → `/api/cr`; `` or `/` → ``. Only plain path segments are allowed. */
export function normaliseBasePath(value: string): string {
  const trimmed = value.replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '';
  if (!/^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/.test(trimmed) || trimmed.split('/').some((s) => s === '.' || s === '..')) {
    throw new Error(`basePath must be plain path segments (got ${JSON.stringify(value)})`);
  }
  return `/${trimmed}`;
}

/** True when the URL points at this machine (a local sandbox), where a missing partner id is allowed. */
export function isLoopbackUrl(value: string): boolean {
  try {
    const host = new URL(value).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

function rateLimitFromEnv(value: string | undefined): RateLimitConfig | false | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === '0' || value.toLowerCase() === 'off') return false;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m) throw new Error(`rate limit must be "burst/perMinute" or "off" (got ${JSON.stringify(value)})`);
  return {capacity: Number(m[1]), refillPerMinute: Number(m[2])};
}

function numberFromEnv(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number (got ${JSON.stringify(value)})`);
  return n;
}

/**
 * Reads the environment (CONTRACT.md names plus our additions). Throws when `CR_PARTNER_ID` is missing, unless
 * `CR_API_URL` is a loopback URL (a local sandbox), in which case the partner id defaults to `sandbox-partner`.
 */
export function configFromEnv(env: Record<string, string | undefined>): ProxyConfig {
  const apiUrl = env.CR_API_URL || DEFAULT_API_URL;
  // A secret mounted as a file, or a CRLF .env, ends in a newline that is no part of the id.
  let partnerId = (env.CR_PARTNER_ID ?? '').trim();
  if (!partnerId) {
    if (!isLoopbackUrl(apiUrl)) {
      throw new Error(`CR_PARTNER_ID is required when CR_API_URL (${apiUrl}) is not a local sandbox`);
    }
    partnerId = SANDBOX_PARTNER_ID;
  }
  const config: ProxyConfig = {
    apiUrl,
    partnerId,
    appVersion: env.CR_APP_VERSION || 'cryptorefills-checkout-proxy/0.1.0',
    allowedOrigins: (env.CR_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      // `https://shop.example/` is a common way to write an origin; anything more (a path, a query, a user) or
      // unparsable is kept as written, so resolveConfig rejects it loudly rather than allowing a guess.
      .map((s) => (writtenAsOrigin(s) ? (normaliseOrigin(s) ?? s) : s)),
  };
  if (env.CR_BASE_PATH) config.basePath = env.CR_BASE_PATH;
  const timeout = numberFromEnv('CR_UPSTREAM_TIMEOUT_MS', env.CR_UPSTREAM_TIMEOUT_MS);
  if (timeout !== undefined) config.upstreamTimeoutMs = timeout;
  const keepAlive = numberFromEnv('CR_KEEPALIVE_MS', env.CR_KEEPALIVE_MS);
  if (keepAlive !== undefined) config.keepAliveMs = keepAlive;
  const body = numberFromEnv('CR_MAX_BODY_BYTES', env.CR_MAX_BODY_BYTES);
  if (body !== undefined) config.maxBodyBytes = body;
  const orders = rateLimitFromEnv(env.CR_ORDER_RATE_LIMIT);
  if (orders !== undefined) config.orderRateLimit = orders;
  const validations = rateLimitFromEnv(env.CR_VALIDATION_RATE_LIMIT);
  if (validations !== undefined) config.validationRateLimit = validations;
  const reads = rateLimitFromEnv(env.CR_READ_RATE_LIMIT);
  if (reads !== undefined) config.readRateLimit = reads;
  const streams = env.CR_MAX_STREAMS_PER_CLIENT;
  if (streams === '0' || streams?.toLowerCase() === 'off') config.maxStreamsPerClient = false;
  else {
    const cap = numberFromEnv('CR_MAX_STREAMS_PER_CLIENT', streams);
    if (cap !== undefined) config.maxStreamsPerClient = Math.floor(cap);
  }
  if (env.CR_TRUST_FORWARDED_FOR === '1' || env.CR_TRUST_FORWARDED_FOR === 'true') config.trustForwardedFor = true;
  const keys = numberFromEnv('CR_IDEMPOTENCY_MAX_KEYS', env.CR_IDEMPOTENCY_MAX_KEYS);
  const ttl = numberFromEnv('CR_IDEMPOTENCY_TTL_MS', env.CR_IDEMPOTENCY_TTL_MS);
  if (keys === 0 || ttl === 0) config.idempotency = false;
  else if (keys !== undefined || ttl !== undefined) config.idempotency = {...(keys !== undefined ? {maxKeys: keys} : {}), ...(ttl !== undefined ? {ttlMs: ttl} : {})};
  return config;
}
