// GET /v5/orders/{id}/subscribe: Server-Sent Events. A snapshot first (unless the client's Last-Event-ID shows it
// already has this version), then one frame per change, `: keep-alive` comments, and `event: stop` after a terminal
// state (or at once for an unknown order). Frame ids are the order's version, so a resumed client never misses a
// change: every frame carries the whole order, and the snapshot on resume is the newest one.
import type {ServerResponse} from 'node:http';
import type {Faults, Fault} from './faults.js';
import {isTerminalState, type OrderRecord} from './orders.js';

interface Client {
  orderId: string;
  res: ServerResponse;
  keepAlive: NodeJS.Timeout;
  closed: boolean;
}

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // Tells buffering reverse proxies (nginx) to pass frames through at once.
  'x-accel-buffering': 'no',
};

export const UNKNOWN_STATE = 'QuantumLimbo';

export class StreamHub {
  private clients = new Set<Client>();

  constructor(
    private faults: Faults,
    private keepAliveMs: () => number,
  ) {}

  get openStreams(): number {
    return this.clients.size;
  }

  /** Open streams per order id: what a test of one order checks, whatever other pages still hold open. */
  get openStreamsByOrder(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const client of this.clients) counts[client.orderId] = (counts[client.orderId] ?? 0) + 1;
    return counts;
  }

  /** Serves one subscription. `record` undefined = unknown order: headers, `event: stop`, close. */
  open(res: ServerResponse, orderId: string, record: OrderRecord | undefined, lastEventId: string | undefined): void {
    res.writeHead(200, SSE_HEADERS);
    res.flushHeaders();
    if (!record) {
      res.end('event: stop\ndata: {}\n\n');
      return;
    }
    const client: Client = {orderId: record.id, res, closed: false, keepAlive: setInterval(() => this.write(client, ': keep-alive\n\n'), this.keepAliveMs())};
    this.clients.add(client);
    res.on('close', () => this.forget(client));
    // A drop-stream fault "now" closes new connections at once, before any frame.
    const drop = this.faults.peek(['drop-stream'], 'subscribe', orderId);
    if (drop && drop.timing !== 'after-frame') {
      this.faults.use(drop);
      this.drop(client);
      return;
    }
    const seen = lastEventId !== undefined && /^\d+$/.test(lastEventId) ? Number(lastEventId) : 0;
    if (record.version > seen) this.sendFrame(client, record);
    else if (isTerminalState(record.order.order_state)) this.stop(client);
  }

  /** A change of an order: one frame to each of its open streams. */
  broadcast(record: OrderRecord): void {
    for (const client of [...this.clients]) if (client.orderId === record.id) this.sendFrame(client, record);
  }

  /** Applies a drop-stream fault with timing "now" to the streams already open; returns how many were dropped. */
  dropOpen(fault: Fault): number {
    let dropped = 0;
    for (const client of [...this.clients]) {
      if (fault.remaining <= 0) break;
      if (fault.orderId !== undefined && fault.orderId !== client.orderId) continue;
      this.faults.use(fault);
      this.drop(client);
      dropped++;
    }
    return dropped;
  }

  closeAll(): void {
    for (const client of [...this.clients]) this.drop(client);
  }

  private sendFrame(client: Client, record: OrderRecord): void {
    const {faults} = this;
    const find = (kind: Parameters<Faults['take']>[0][number]) => faults.peek([kind], 'subscribe', record.id);
    let data = record.history.get(record.version) ?? JSON.stringify(record.order);
    const unknown = find('unknown-state');
    if (unknown) {
      faults.use(unknown);
      data = JSON.stringify({...JSON.parse(data), order_state: unknown.state ?? UNKNOWN_STATE});
    }
    const frame = `id: ${record.version}\ndata: ${data}\n\n`;
    const malformed = find('malformed-frame');
    if (malformed) {
      faults.use(malformed);
      this.write(client, 'data: {not json\n\n');
    }
    const drop = faults.peek(['drop-stream'], 'subscribe', record.id);
    const dropAfter = drop && drop.timing === 'after-frame' ? drop : undefined;
    if (dropAfter) faults.use(dropAfter);
    // Dropping after the frame waits for the frame to reach the socket, or the client would never see it.
    this.write(client, frame, dropAfter ? () => this.drop(client) : undefined);
    if (dropAfter) {
      this.forget(client);
      return;
    }
    const duplicate = find('duplicate-frame');
    if (duplicate) {
      faults.use(duplicate);
      this.write(client, frame);
    }
    const outOfOrder = find('out-of-order-frame');
    const older = record.history.get(record.version - 1);
    if (outOfOrder && older) {
      faults.use(outOfOrder);
      this.write(client, `id: ${record.version - 1}\ndata: ${older}\n\n`);
    }
    if (isTerminalState(record.order.order_state)) this.stop(client);
  }

  private write(client: Client, text: string, flushed?: () => void): void {
    if (!client.closed) client.res.write(text, flushed);
  }

  /** Ends the stream the way upstream does after a terminal state. */
  private stop(client: Client): void {
    this.write(client, 'event: stop\ndata: {}\n\n');
    this.forget(client);
    client.res.end();
  }

  /** Ends the connection abruptly, without `event: stop` (as a network failure would). */
  private drop(client: Client): void {
    this.forget(client);
    client.res.socket?.destroy();
    client.res.destroy();
  }

  private forget(client: Client): void {
    client.closed = true;
    clearInterval(client.keepAlive);
    this.clients.delete(client);
  }
}
