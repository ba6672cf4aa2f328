// Small HTTP helpers: JSON answers, bounded body reading, CORS for the control and logo paths.
import type {IncomingMessage, ServerResponse} from 'node:http';

/** What an upstream handler answers; the server applies faults to it before writing. */
export interface Reply {
  status: number;
  /** JSON body (serialised by the server, so faults can corrupt it). */
  json?: unknown;
  /** Raw body, when not JSON. */
  body?: string | Buffer;
  type?: string;
  headers?: Record<string, string>;
}

export const json = (status: number, value: unknown, headers?: Record<string, string>): Reply => ({status, json: value, ...(headers ? {headers} : {})});
export const message = (status: number, text: string): Reply => json(status, {message: text});

export const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type, last-event-id',
  'access-control-max-age': '600',
};

export function writeReply(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string> = {}): void {
  let body: string | Buffer = '';
  let type = reply.type;
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    type ??= 'application/json; charset=utf-8';
  } else if (reply.body !== undefined) {
    body = reply.body;
  }
  const headers: Record<string, string | number> = {...extraHeaders, ...reply.headers, 'content-length': Buffer.byteLength(body)};
  if (type) headers['content-type'] = type;
  res.writeHead(reply.status, headers);
  res.end(body);
}

export const MAX_BODY_BYTES = 1_000_000;

/** The request body as text, refusing more than MAX_BODY_BYTES (a sandbox needs no more, and a bad client must not exhaust memory). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a JSON body; undefined when it is not JSON (the caller answers 400 `{message}`). */
export function parseJson(text: string): {ok: true; value: unknown} | {ok: false} {
  try {
    return {ok: true, value: JSON.parse(text)};
  } catch {
    return {ok: false};
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
