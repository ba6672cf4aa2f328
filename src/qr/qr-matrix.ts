// QR codes for the payment screen and eSIMs. The encoder (lean-qr's "nano" build, 2 KiB gzipped, an ES module) is
// loaded lazily, since nothing else needs it, and only its module matrix is used: the SVG is drawn by
// our own Lit template, so no markup string from a library is ever parsed into the page and nothing needs a data:
// URL under a strict CSP. Nano encodes in byte mode only (the full build's 3.5 KiB could pick a denser mode for an
// all-capitals text, which payment URIs are not) and keeps the correction level asked for (issue 6: what it costs).

export interface QrMatrix {
  size: number;
  /** One SVG path `d` with a 1×1 square per dark module, in module units. */
  path: string;
}

let encoder: Promise<typeof import('lean-qr/nano')> | undefined;

/**
 * The QR matrix of `text`, exactly as given, UTF-8 in byte mode (error correction M, 15% of the code may be lost:
 * a wallet reads it from a screen, not from worn print).
 */
export async function qrMatrix(text: string): Promise<QrMatrix> {
  encoder ??= import('lean-qr/nano');
  const {generate, correction} = await encoder;
  const code = generate(text, {minCorrectionLevel: correction.M});
  const size = code.size;
  let path = '';
  for (let y = 0; y < size; y++) {
    // Runs of dark modules on a row become one rectangle, which keeps the path short.
    let x = 0;
    while (x < size) {
      if (!code.get(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && code.get(x, y)) x++;
      path += `M${start} ${y}h${x - start}v1h-${x - start}z`;
    }
  }
  return {size, path};
}

const CACHE_LIMIT = 20;
const drawn = new Map<string, {promise: Promise<QrMatrix>; value?: QrMatrix}>();

/**
 * The matrix of `text` when it is drawn already; else undefined, and `onDrawn` is called once it is (never when
 * drawing fails: the page then shows no code, and the text beside it still works). The last few are kept, so a
 * re-render neither draws again nor flickers.
 */
export function drawnQr(text: string, onDrawn: () => void): QrMatrix | undefined {
  let entry = drawn.get(text);
  if (!entry) {
    if (drawn.size >= CACHE_LIMIT) drawn.delete(drawn.keys().next().value as string);
    const created: {promise: Promise<QrMatrix>; value?: QrMatrix} = {promise: qrMatrix(text)};
    created.promise.then((value) => (created.value = value), () => drawn.delete(text));
    drawn.set(text, created);
    entry = created;
  }
  if (!entry.value) entry.promise.then(onDrawn, () => undefined);
  return entry.value;
}
