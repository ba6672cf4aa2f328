// The order endpoints: validate, create, read, QR image; plus the delivered assets (barcode, eSIM QR) that a
// delivered order links to.
import {checkOrder} from './validation.js';
import {json, message, parseJson, type Reply} from './http.js';
import {qrSvg} from './qr.js';
import {barcodeSvg, esimActivation} from './deliverables.js';
import type {Sandbox} from './sandbox.js';

export function validateOrder(bodyText: string): Reply {
  const parsed = parseJson(bodyText);
  if (!parsed.ok) return message(400, 'malformed JSON body');
  const checked = checkOrder(parsed.value, false);
  return checked.ok ? json(200, checked.validation) : checked.reply;
}

/** Creates the order; when validation finds problems, answers 400 with the Validation body and creates nothing. */
export function createOrder(sandbox: Sandbox, bodyText: string): Reply {
  const parsed = parseJson(bodyText);
  if (!parsed.ok) return message(400, 'malformed JSON body');
  const checked = checkOrder(parsed.value, true);
  if (!checked.ok) return checked.reply;
  if (checked.problems.length > 0) return json(400, checked.validation);
  return json(200, sandbox.orders.create(checked.priced).order);
}

export function getOrder(sandbox: Sandbox, id: string): Reply {
  const record = sandbox.orders.get(id);
  return record ? json(200, record.order) : message(404, 'order not found');
}

export async function orderQr(sandbox: Sandbox, id: string): Promise<Reply> {
  const record = sandbox.orders.get(id);
  if (!record) return message(404, 'order not found');
  const text = String(record.order.qr_text ?? record.order.wallet_address);
  return {status: 200, body: await qrSvg(text), type: 'image/svg+xml'};
}

const ASSET_HEADERS = {'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin'};

/** `/assets/{orderId}/{deliveryId}/barcode.svg` or `esim-qr.svg`; undefined when the path is not an asset path. */
export async function deliveredAsset(sandbox: Sandbox, pathname: string): Promise<Reply | undefined> {
  if (!pathname.startsWith('/assets/')) return undefined;
  const m = /^\/assets\/([0-9a-f-]{36})\/([0-9a-f-]{36})\/(barcode|esim-qr)\.svg$/i.exec(pathname);
  const record = m ? sandbox.orders.get(m[1]!) : undefined;
  const delivery = record && (record.order.deliveries as {id: string; deliverable: {pin_code?: string}}[]).find((d) => d.id === m![2]);
  if (!m || !delivery) return {status: 404, json: {message: 'asset not found'}, headers: ASSET_HEADERS};
  const body = m[3] === 'barcode' ? barcodeSvg(delivery.deliverable.pin_code ?? delivery.id) : await qrSvg(esimActivation(delivery.id));
  return {status: 200, body, type: 'image/svg+xml', headers: ASSET_HEADERS};
}
