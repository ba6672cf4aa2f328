// Raw HTTP/1.1 over node:net for the abuse tests: request lines and headers exactly as written (fetch and
// node:http normalise or refuse dot segments, absolute-form targets, odd methods and control bytes before they
// leave the process). One request per connection (`Connection: close`), bounded in time and size.
import {connect} from 'node:net';

export interface RawAnswer {
  /** 0 when the server closed without a status line. */
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Status line and headers as received. */
  head: string;
  body: Buffer;
  /** True when the answer was cut at the time or size limit. */
  truncated: boolean;
}

export interface RawRequest {
  method: string;
  target: string;
  /** Header lines without CRLF ("Name: value"); `Host` and `Connection: close` are added unless present. */
  headers?: string[];
  body?: Buffer | string;
  /** Send the body as one chunk of `Transfer-Encoding: chunked` instead of with `Content-Length`. */
  chunked?: boolean;
}

const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

export function rawHttp(port: number, request: RawRequest, timeoutMs = 5000): Promise<RawAnswer> {
  const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
  const lines = [`${request.method} ${request.target} HTTP/1.1`];
  const given = (request.headers ?? []).map((h) => h.toLowerCase());
  if (!given.some((h) => h.startsWith('host:'))) lines.push(`Host: 127.0.0.1:${port}`);
  lines.push(...(request.headers ?? []));
  if (body !== undefined) lines.push(request.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`);
  lines.push('Connection: close');
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  const payload = body === undefined ? head : request.chunked
    ? Buffer.concat([head, Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')])
    : Buffer.concat([head, body]);

  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    const finish = () => {
      clearTimeout(timer);
      resolve(parseAnswer(Buffer.concat(chunks), truncated));
    };
    const timer = setTimeout(() => {
      truncated = true;
      socket.destroy();
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) {
        truncated = true;
        socket.destroy();
      }
    });
    // The server may answer (413, 431) and close before it has read all we send: that is an answer, not an error.
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.write(payload);
  });
}

function parseAnswer(all: Buffer, truncated: boolean): RawAnswer {
  const split = all.indexOf('\r\n\r\n');
  const head = (split === -1 ? all : all.subarray(0, split)).toString('latin1');
  let body = split === -1 ? Buffer.alloc(0) : all.subarray(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  return {status, headers, head, body, truncated};
}

function dechunk(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (let i = 0; i < 100_000 && at < body.length; i++) {
    const line = body.indexOf('\r\n', at);
    if (line === -1) break;
    const size = parseInt(body.subarray(at, line).toString('latin1'), 16);
    if (!size) break;
    out.push(body.subarray(line + 2, line + 2 + size));
    at = line + 2 + size + 2;
  }
  return Buffer.concat(out);
}
