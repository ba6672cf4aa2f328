// GET /v3/qrs/{id}: the order's qr_text as an SVG QR code.
import QRCode from 'qrcode';

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, {type: 'svg', errorCorrectionLevel: 'M', margin: 2});
}
