// QR codes for the payment screen. The encoder (lean-qr, ~3.5 KiB gzipped, an ES module) is loaded lazily, since
// only the payment screen needs it, and only its module matrix is used: the SVG is drawn by our own Lit template, so
// no markup string from a library is ever parsed into the page and nothing needs a data: URL under a strict CSP.

export interface QrMatrix {
  size: number;
  /** One SVG path `d` with a 1×1 square per dark module, in module units. */
  path: string;
}

let encoder: Promise<typeof import('lean-qr')> | undefined;

/**
 * The QR matrix of `text`, exactly as given (error correction at least M: a wallet reads it from a screen, not
 * print; the encoder raises it when the chosen size has room to spare).
 */
export async function qrMatrix(text: string): Promise<QrMatrix> {
  encoder ??= import('lean-qr');
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
