// What one delivery shows, decided once from upstream's loosely typed deliverable: a top-up (no code), an eSIM
// (LPA activation string, QR), a gift card (code, redemption link, serial, security code, barcode, QR), or, when a
// delivered gift card or eSIM carries none of that, where upstream sent it (`sent`). URLs from upstream are only ever
// used when they are http(s): a `javascript:` or `data:` value is dropped, not rendered.
import type {Delivery, Order} from '../../api/schemas.js';
import {isDelivered} from '../../stream/accept.js';

export type DeliveryView =
  | {kind: 'pending'}
  | {kind: 'topup'; account: string | undefined}
  /**
   * Delivered with nothing to show here (upstream sends it to the beneficiary itself, as it does every `by_email`
   * product): where it went, never a code of our own making. `byEmail`: by_email, or no type and an e-mail address.
   */
  | {kind: 'sent'; account: string | undefined; byEmail: boolean}
  | {kind: 'esim'; activation: string | undefined; qrImage: string | undefined}
  | {
      kind: 'giftcard';
      code: string | undefined;
      link: string | undefined;
      serial: string | undefined;
      securityCode: string | undefined;
      barcode: string | undefined;
      qrImage: string | undefined;
    };

/** The URL, normalised, when it is an absolute http(s) URL; otherwise undefined. */
export function httpUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Cryptorefills support, with the order id to quote. */
export function supportUrl(orderId: string): string {
  return `https://www.cryptorefills.com/support?order_id=${encodeURIComponent(orderId)}`;
}

// Without invisible characters (bidi controls, zero-width spaces, control codes): shown and copied alike, a code
// must read as what is typed, and a bidi override must not show it in another order than it is pasted.
const text = (value: string | null | undefined): string | undefined => value?.replace(/[\p{Cc}\p{Cf}]/gu, '').trim() || undefined;

export function deliveryView(delivery: Delivery): DeliveryView {
  const d = delivery.deliverable;
  if (!isDelivered(delivery)) return {kind: 'pending'};
  const pin = text(d.pin_code);
  const isEsim = (pin !== undefined && /^LPA:/i.test(pin)) || (d.brand_name ?? '').toLowerCase() === 'esim';
  const account = text(d.beneficiary_account);
  const sent: DeliveryView = {kind: 'sent', account, byEmail: d.delivery_type === 'by_email' || (!d.delivery_type && !!account?.includes('@'))};
  if (isEsim) {
    const esim: DeliveryView = {kind: 'esim', activation: pin, qrImage: httpUrl(d.qr_image_url)};
    return esim.activation || esim.qrImage ? esim : sent;
  }
  if (!pin && !d.barcode_image_url && !d.qr_image_url && (d.delivery_type === 'by_phone' || delivery.kind === 'mobile_recharge')) {
    return {kind: 'topup', account};
  }
  const isLink = pin !== undefined && /^https?:\/\//i.test(pin);
  const card = {
    // A link that fails the http(s) check is still a code the user may need: shown as text, never as a link.
    code: isLink && httpUrl(pin) ? undefined : pin,
    link: isLink ? httpUrl(pin) : undefined,
    serial: text(d.pin_serial),
    securityCode: text(d.security_code),
    barcode: httpUrl(d.barcode_image_url),
    qrImage: httpUrl(d.qr_image_url),
  };
  // Nothing of it survived (none sent, or only URLs that are not http(s)): said where it went rather than left blank.
  return Object.values(card).some(Boolean) ? {kind: 'giftcard', ...card} : sent;
}

/**
 * The deliveries of `next` that came since `previous`: on their way then, or delivered with nothing to show then
 * (`sent`) and a code, link or eSIM now. What a screen reader is told of a delivery that comes after the order's Done.
 */
export function newlyArrived(previous: Order, next: Order): Delivery[] {
  return next.deliveries.filter((delivery, i) => {
    const before = previous.deliveries[i];
    const was = before ? deliveryView(before).kind : 'pending';
    const now = deliveryView(delivery).kind;
    return now !== 'pending' && (was === 'pending' || (was === 'sent' && now !== 'sent'));
  });
}
