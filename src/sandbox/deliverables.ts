// What a delivered order carries, per product family: PIN (+ serial, security code), a redemption link, a barcode,
// an eSIM (LPA activation string + QR image), or nothing for a top-up. Derived from the delivery id, so stable.
import {digest} from './ids.js';
import type {DeliverableKind} from './catalogue/model.js';
import {redeemInstructions} from './catalogue/rich-text.js';

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function code(seed: string, length: number, alphabet = ALNUM): string {
  const bytes = digest(seed);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
  return out;
}

export function deliveredFields(kind: DeliverableKind, family: string, deliveryId: string, assetBase: string): Record<string, string> {
  const pin = `${code(`${deliveryId}a`, 4)}-${code(`${deliveryId}b`, 6)}-${code(`${deliveryId}c`, 4)}`;
  const instructions = {redeem_instructions: redeemInstructions(family)};
  switch (kind) {
    case 'pin':
      return {pin_code: pin, pin_serial: code(`${deliveryId}s`, 12, '0123456789'), security_code: code(`${deliveryId}x`, 4, '0123456789'), ...instructions};
    case 'barcode':
      return {pin_code: pin, pin_serial: code(`${deliveryId}s`, 10, '0123456789'), barcode_image_url: `${assetBase}/barcode.svg`, ...instructions};
    case 'link':
      return {pin_code: `https://redeem.example.com/claim/${code(`${deliveryId}l`, 16)}`, ...instructions};
    case 'esim':
      return {
        pin_code: esimActivation(deliveryId),
        qr_image_url: `${assetBase}/esim-qr.svg`,
        iccid: `8901${code(`${deliveryId}i`, 15, '0123456789')}`,
        redeem_instructions:
          '<ol><li>Open <b>Settings → Mobile data → Add eSIM</b>.</li><li>Scan the QR code.</li></ol>' +
          `<a href="javascript:window.__sandboxXss='SANDBOX-XSS-esim'">Install</a>`,
      };
    case 'topup':
      return {};
  }
}

/** The LPA activation string an eSIM QR encodes: "LPA:1$<SM-DP+ address>$<matching id>". */
export function esimActivation(deliveryId: string): string {
  return `LPA:1$smdp.sandbox.example$${code(`${deliveryId}m`, 24)}`;
}

/** A barcode-looking SVG (not a real symbology: the widget only shows the image). */
export function barcodeSvg(text: string): string {
  const bytes = digest(text);
  let x = 10;
  let bars = '';
  for (let i = 0; i < 32; i++) {
    const b = bytes[i % bytes.length]!;
    const w = 1 + (b % 3);
    if (i % 2 === 0) bars += `<rect x="${x}" y="10" width="${w * 2}" height="60" fill="#000"/>`;
    x += w * 2 + 1;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${x + 10}" height="80" viewBox="0 0 ${x + 10} 80"><rect width="100%" height="100%" fill="#fff"/>${bars}</svg>`;
}
