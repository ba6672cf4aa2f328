// Reading a whole body with a ceiling: the client's POST (json-body.ts) and upstream's answer (handler.ts). The limit
// is enforced while the body streams in, so neither side can make the proxy hold a large body in memory first.

/** The body's bytes, or 'too-large' as soon as more than `maxBytes` have arrived (the rest is not read). */
export async function readLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | 'too-large'> {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stop reading at once; the rest is discarded by the transport.
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
