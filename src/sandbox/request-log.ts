// A log of the upstream requests the sandbox received, with their headers, so tests can assert what the proxy sent
// (exactly one order POST, partner headers added, cookies stripped). Bounded: only the last LOG_LIMIT are kept.
import type {IncomingHttpHeaders} from 'node:http';

export const LOG_LIMIT = 500;

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Endpoint name from src/upstream/endpoints.ts, or null for a path no endpoint has. */
  endpoint: string | null;
  at: number;
}

export class RequestLog {
  requests: LoggedRequest[] = [];
  counts: Record<string, number> = {};

  record(method: string, url: URL, headers: IncomingHttpHeaders, endpoint: string | null): void {
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    this.requests.push({method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: flat, endpoint, at: Date.now()});
    if (this.requests.length > LOG_LIMIT) this.requests.splice(0, this.requests.length - LOG_LIMIT);
    const key = endpoint ?? 'unknown';
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }

  reset(): void {
    this.requests = [];
    this.counts = {};
  }
}
