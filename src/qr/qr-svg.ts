import {html, svg, type TemplateResult} from 'lit';
import type {QrMatrix} from './qr-matrix.js';

/** Quiet zone around the code, in modules: scanners need 4. */
const QUIET = 4;

/**
 * The QR code as an inline SVG drawn from its matrix. `label` is its accessible name (e.g. "QR code to pay
 * 0.0012 BTC"); colours are fixed dark-on-white whatever the theme, since many wallets cannot read inverted codes.
 */
export function qrSvg(matrix: QrMatrix, label: string): TemplateResult {
  const extent = matrix.size + QUIET * 2;
  return html`<svg part="qr" role="img" aria-label=${label} viewBox="${-QUIET} ${-QUIET} ${extent} ${extent}"
    shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">${svg`<rect x=${-QUIET} y=${-QUIET}
    width=${extent} height=${extent} fill="#fff"/><path d=${matrix.path} fill="#000"/>`}</svg>`;
}
