// Relays an upstream event stream chunk by chunk and adds the proxy's own `: keep-alive` comments while it is idle,
// so intermediaries (load balancers, nginx) that cut idle connections leave it open even when upstream is quiet.
// A comment is only ever written at a line start, and never followed by a blank line inside an event, so it can
// neither split a field nor dispatch a half-received event.

const LF = 0x0a;
const CR = 0x0d;

/** Tracks where in the SSE line structure the bytes relayed so far have left the stream. */
export class FrameTracker {
  #lineLength = 0;
  #eventOpen = false;
  #lastWasCR = false;

  push(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (byte === LF && this.#lastWasCR) {
        // The LF of a CRLF: the line already ended at the CR.
        this.#lastWasCR = false;
      } else if (byte === LF || byte === CR) {
        // An empty line dispatches the event (or is a no-op between events); a non-empty one belongs to an event.
        this.#eventOpen = this.#lineLength > 0;
        this.#lineLength = 0;
        this.#lastWasCR = byte === CR;
      } else {
        this.#lineLength++;
        this.#lastWasCR = false;
      }
    }
  }

  /**
   * The comment that may be written now, or undefined mid-line, or inside an event just after a CR whose LF may
   * still follow (a comment there would turn that LF into a blank line, dispatching the event early).
   */
  keepAlive(): string | undefined {
    if (this.#lineLength > 0 || (this.#lastWasCR && this.#eventOpen)) return undefined;
    return this.#eventOpen ? ': keep-alive\n' : ': keep-alive\n\n';
  }
}

/**
 * The upstream body with keep-alive comments added after `intervalMs` of silence. Pull-based, so a slow browser
 * slows the reads from upstream instead of filling memory. Cancelling it (the browser left) cancels upstream.
 */
export function withKeepAlive(upstream: ReadableStream<Uint8Array>, intervalMs: number): ReadableStream<Uint8Array> {
  const reader = upstream.getReader();
  const tracker = new FrameTracker();
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;

  const stop = () => {
    finished = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  // Re-armed on every upstream chunk, so a comment only goes out after a full interval of silence.
  const arm = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    if (finished || intervalMs <= 0) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (finished) return;
      const comment = tracker.keepAlive();
      if (comment !== undefined) {
        const bytes = encoder.encode(comment);
        tracker.push(bytes);
        controller.enqueue(bytes);
      }
      arm(controller);
    }, intervalMs);
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      arm(controller);
    },
    async pull(controller) {
      try {
        const {done, value} = await reader.read();
        if (finished) return;
        if (done) {
          stop();
          controller.close();
          return;
        }
        tracker.push(value);
        controller.enqueue(value);
        arm(controller);
      } catch {
        // Upstream dropped the connection: end the stream cleanly; the browser's EventSource reconnects.
        if (finished) return;
        stop();
        controller.close();
      }
    },
    async cancel(reason) {
      stop();
      await reader.cancel(reason).catch(() => undefined);
    },
  });
}
