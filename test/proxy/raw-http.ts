// Raw HTTP over node:net, for request lines fetch would never send (absolute-form, `//host`, CR/LF, dot segments):
// fetch and undici normalise or reject those before they leave the process.
import {connect} from 'node:net';

export interface RawResponse {
  status: number;
  head: string;
  body: string;
}

/** Writes `text` as is and reads until the server closes the connection (bounded by `timeoutMs`). */
export function rawRequest(port: number, text: string, timeoutMs = 3000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms: ${Buffer.concat(chunks).toString('latin1')}`));
    }, timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks).toString('latin1');
      const split = all.indexOf('\r\n\r\n');
      const head = split === -1 ? all : all.slice(0, split);
      let body = split === -1 ? '' : all.slice(split + 4);
      if (/\r\ntransfer-encoding: chunked/i.test(head)) body = dechunk(body);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({status, head, body});
    });
    socket.write(text, 'latin1');
  });
}

/** A GET with `Connection: close`, so the server ends the connection after answering. */
export const rawGet = (port: number, target: string, extraHeaders = '') =>
  rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extraHeaders}Connection: close\r\n\r\n`);

function dechunk(body: string): string {
  let out = '';
  let rest = body;
  for (let i = 0; i < 10_000; i++) {
    const line = rest.indexOf('\r\n');
    if (line === -1) break;
    const size = parseInt(rest.slice(0, line), 16);
    if (!size) break;
    out += rest.slice(line + 2, line + 2 + size);
    rest = rest.slice(line + 2 + size + 2);
  }
  return out;
}
