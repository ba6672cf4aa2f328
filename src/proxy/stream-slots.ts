// Open event streams per client (as rate-limit.ts counts them). Each one holds an upstream connection for as long as
// the browser keeps it, so one client could otherwise hold any number of them under the partner's id. A page follows
// one order with one stream (one per order, README); the default leaves room for several tabs, or an office behind
// one address.

export interface StreamSlots {
  /** A slot for `client`, with the function that gives it back (once, however often it is called); or undefined. */
  take(client: string): (() => void) | undefined;
}

export function createStreamSlots(maxPerClient: number): StreamSlots {
  const byClient = new Map<string, number>();
  return {
    take(client) {
      const held = byClient.get(client) ?? 0;
      if (held >= maxPerClient) return undefined;
      byClient.set(client, held + 1);
      let given = false;
      return () => {
        if (given) return;
        given = true;
        const left = (byClient.get(client) ?? 1) - 1;
        if (left > 0) byClient.set(client, left);
        else byClient.delete(client);
      };
    },
  };
}

/** `stream`, calling `release` once it has ended, failed, or been cancelled (the browser left). */
export function releasedWhenDone(stream: ReadableStream<Uint8Array>, release: () => void): ReadableStream<Uint8Array> {
  const reader = stream.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const {done, value} = await reader.read();
        if (done) {
          release();
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
}
