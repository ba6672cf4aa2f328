// QR codes for the payment screen. The encoder is loaded lazily (it is ~9 KiB gzipped and only the payment
// screen needs it) and only its module matrix is used: the SVG is drawn by our own Lit template, so no markup
// string from a library is ever parsed into the page and nothing needs a data: URL under a strict CSP.

export interface QrMatrix {
  size: number;
  /** One SVG path `d` with a 1×1 square per dark module, in module units. */
  path: string;
}

let encoder: Promise<typeof import('qrcode')> | undefined;

/** The QR matrix of `text`, exactly as given (error correction M: a wallet reads it from a screen, not print). */
export async function qrMatrix(text: string): Promise<QrMatrix> {
  encoder ??= import('qrcode').then((m) => ((m as unknown as {default?: typeof import('qrcode')}).default ?? m));
  const {modules} = (await encoder).create(text, {errorCorrectionLevel: 'M'});
  const size = modules.size;
  let path = '';
  for (let y = 0; y < size; y++) {
    // Runs of dark modules on a row become one rectangle, which keeps the path short.
    let x = 0;
    while (x < size) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && modules.get(y, x)) x++;
      path += `M${start} ${y}h${x - start}v1h-${x - start}z`;
    }
  }
  return {size, path};
}
