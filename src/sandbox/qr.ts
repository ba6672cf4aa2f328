// GET /v3/qrs/{id}: the order's qr_text as an SVG QR code (lean-qr's full build; the widget draws its own with the
// nano build, src/qr/qr-matrix.ts).
import {correction, generate} from 'lean-qr';
import {toSvgSource} from 'lean-qr/extras/svg';

export async function qrSvg(text: string): Promise<string> {
  return toSvgSource(generate(text, {minCorrectionLevel: correction.M}), {pad: 2, scale: 4, xmlDeclaration: false});
}
