// A tiny upstream for the proxy tests that records every request it receives (method, raw target, headers, body)
// and answers with whatever the test tells it to. Asserting "never reached upstream" and the exact forwarded
// headers is clearest against a recorder; the real sandbox is used where realistic answers matter.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type Responder = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface RecordingUpstream {
  url: string;
  requests: RecordedRequest[];
  /** Requests whose response is still open (for streams: connections the proxy has not closed). */
  open(): number;
  /** Replaces the answer for the following requests. */
  respond(responder: Responder): void;
  close(): Promise<void>;
}

/** Answers 200 `{"ok":true,"path":…}` unless told otherwise. */
export const jsonOk: Responder = (req, res) => {
  res.writeHead(200, {'Content-Type': 'application/json'});
  res.end(JSON.stringify({ok: true, path: req.url}));
};

export async function startRecordingUpstream(responder: Responder = jsonOk): Promise<RecordingUpstream> {
  const requests: RecordedRequest[] = [];
  let current = responder;
  let openCount = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: {...req.headers},
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      openCount++;
      res.on('close', () => openCount--);
      Promise.resolve(current(recorded, res)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    open: () => openCount,
    respond(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
