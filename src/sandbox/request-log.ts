// A log of the upstream requests the sandbox received, with their headers and POST bodies, so tests can assert what
// the proxy sent (exactly one order POST, partner headers added, cookies stripped, the body as upstream saw it).
// Bounded: only the last LOG_LIMIT are kept, and a body is kept parsed only when it is small.
import type {IncomingHttpHeaders} from 'node:http';

export const LOG_LIMIT = 500;
/** Bodies up to this many characters are kept as parsed JSON; larger or non-JSON ones as their first TEXT_LIMIT. */
export const JSON_BODY_LIMIT = 16 * 1024;
export const TEXT_BODY_LIMIT = 2 * 1024;

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Endpoint name from src/upstream/endpoints.ts, or null for a path no endpoint has. */
  endpoint: string | null;
  at: number;
  /**
   * POST bodies only: the parsed JSON (up to JSON_BODY_LIMIT characters), else the first TEXT_BODY_LIMIT characters
   * of the text. Absent for GETs and empty bodies.
   */
  body?: unknown;
}

/** What a body is logged as: parsed JSON when small and valid, else the head of the text; undefined when empty. */
export function loggedBody(text: string): unknown {
  if (text === '') return undefined;
  if (text.length <= JSON_BODY_LIMIT) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Not JSON: kept as text below (a test may want to see what a malformed body looked like).
    }
  }
  return text.slice(0, TEXT_BODY_LIMIT);
}

export class RequestLog {
  requests: LoggedRequest[] = [];
  counts: Record<string, number> = {};

  /** Logs a request as it arrives (its body is read later: see attachBody); returns the entry. */
  record(method: string, url: URL, headers: IncomingHttpHeaders, endpoint: string | null): LoggedRequest {
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const entry: LoggedRequest = {method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: flat, endpoint, at: Date.now()};
    this.requests.push(entry);
    if (this.requests.length > LOG_LIMIT) this.requests.splice(0, this.requests.length - LOG_LIMIT);
    const key = endpoint ?? 'unknown';
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    return entry;
  }

  /** Adds the body of a logged request once it has been read (no-op for an empty body). */
  attachBody(entry: LoggedRequest, text: string): void {
    const body = loggedBody(text);
    if (body !== undefined) entry.body = body;
  }

  reset(): void {
    this.requests = [];
    this.counts = {};
  }
}
