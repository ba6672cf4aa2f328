// A stand-in for EventSource, for what the sandbox cannot make a real stream do: stay open and say nothing (a
// buffering intermediary, a stalled upstream, whose keep-alive comments never reach script), say `event: stop` when
// a test decides, or drop right after a snapshot. Reads still go to the real proxy; only the stream is made up.

export interface FakeStream extends EventTarget {
  readonly url: string;
  readyState: number;
  onopen: ((e: Event) => void) | null;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: Event) => void) | null;
  /** Ends it as upstream does, with `event: stop`. */
  stop(): void;
  close(): void;
}

/**
 * An EventSource class whose connections open after `openAfterMs` and then do what `afterOpen` says (nothing:
 * silent); `made` lists every connection opened, in order.
 */
export function fakeEventSource(afterOpen: (stream: FakeStream) => void = () => {}, openAfterMs = 20): {EventSource: typeof EventSource; made: FakeStream[]} {
  const made: FakeStream[] = [];
  class Fake extends EventTarget implements FakeStream {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSED = 2;
    readyState = 0;
    onopen: ((e: Event) => void) | null = null;
    onmessage: ((e: MessageEvent) => void) | null = null;
    onerror: ((e: Event) => void) | null = null;
    constructor(readonly url: string) {
      super();
      made.push(this);
      setTimeout(() => {
        if (this.readyState === 2) return;
        this.readyState = 1;
        this.onopen?.(new Event('open'));
        afterOpen(this);
      }, openAfterMs);
    }
    stop(): void {
      this.dispatchEvent(new MessageEvent('stop', {data: '{}'}));
    }
    close(): void {
      this.readyState = 2;
    }
  }
  return {EventSource: Fake as unknown as typeof EventSource, made};
}
