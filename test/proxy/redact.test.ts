// The partner id scrubbed from what upstream answers: every form it may take in a body, across chunk boundaries of a
// stream, without delaying a frame's end, and without touching bytes that are not it.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {redactBytes, redactStream, secretForms} from '../../src/proxy/redact.js';

const SECRET = 'secret partner/é';
const forms = secretForms(SECRET);
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

async function streamed(chunks: readonly string[]): Promise<string[]> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(bytes(chunk));
      controller.close();
    },
  });
  const out: string[] = [];
  for await (const chunk of redactStream(source, forms)) out.push(text(chunk));
  return out;
}

describe('partner id redaction', () => {
  test('every form of the id in a body: as sent, JSON-escaped (\\/ and \\u00e9 too), percent-encoded', () => {
    const body = `a ${SECRET} b ${JSON.stringify(SECRET)} c "secret partner\\/\\u00e9" d ${encodeURIComponent(SECRET)} e`;
    assert.equal(text(redactBytes(bytes(body), forms)), 'a [redacted] b "[redacted]" c "[redacted]" d [redacted] e');
  });

  test('the spellings other encoders use: \\u escapes in upper-case hex, every sign \\u-escaped (.NET), percent-encoding in lower case', () => {
    const other = secretForms('shop/77+secret é');
    const body = '"shop/77+secret \\u00E9" "shop\\u002F77\\u002Bsecret\\u0020\\u00E9" "shop\\u002f77\\u002bsecret\\u0020\\u00e9" shop%2f77%2bsecret%20%c3%a9';
    assert.equal(text(redactBytes(bytes(body), other)), '"[redacted]" "[redacted]" "[redacted]" [redacted]');
  });

  test('a body without the id is the very same bytes (binary stays intact)', () => {
    const binary = new Uint8Array([0, 255, 137, 80, 78, 71, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xc3]);
    assert.equal(redactBytes(binary, forms), binary);
    const withId = new Uint8Array([...binary, ...bytes(SECRET), ...binary]);
    assert.deepEqual([...redactBytes(withId, forms)], [...binary, ...bytes('[redacted]'), ...binary]);
  });

  test('a stream: the id split across chunks is still scrubbed, and a frame\'s end is not held back', async () => {
    const frame = `data: {"echo":"${SECRET}"}\n\n`;
    const cut = frame.indexOf('partner');
    const out = await streamed([frame.slice(0, cut), frame.slice(cut, cut + 3), frame.slice(cut + 3), 'data: {"n":2}\n\n']);
    assert.equal(out.join(''), 'data: {"echo":"[redacted]"}\n\ndata: {"n":2}\n\n');
    assert.ok(!out.join('').includes('partner'));
    // What could not be the id goes out with its own chunk: each frame ends in the chunk that carried its end.
    assert.ok(out.some((chunk) => chunk.endsWith('[redacted]"}\n\n')), JSON.stringify(out));
    assert.ok(out[out.length - 1]!.endsWith('{"n":2}\n\n'));
  });

  test('a stream that ends on the beginning of the id gives it back as it was', async () => {
    assert.deepEqual((await streamed(['data: x\n\n', 'secret part'])).join(''), 'data: x\n\nsecret part');
  });

  test('an id that overlaps itself is scrubbed where a stream splits it', async () => {
    const tricky = secretForms('abab');
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of ['xab', 'aba', 'b!']) controller.enqueue(bytes(chunk));
        controller.close();
      },
    });
    const out: string[] = [];
    for await (const chunk of redactStream(source, tricky)) out.push(text(chunk));
    assert.equal(out.join(''), 'x[redacted]ab!');
  });
});
