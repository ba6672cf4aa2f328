// The real payment screen (renderPayment) alone, for an order parsed by the real zod schema, with the coins the real
// sandbox lists through the real proxy; what the copy buttons copy is recorded, the QR code read back. For orders the
// sandbox would never make (an address with spaces around it, a negative amount sent): a <cr-checkout>'s tracker
// would read the sandbox's order over them.
import {render} from 'lit';
import {getPaymentVias, parseOrder} from '../../src/api/client.js';
import type {Currency, Order} from '../../src/api/schemas.js';
import {walletCurrencies} from '../../src/elements/cr-checkout/form-model.js';
import {renderPayment, type PaymentView} from '../../src/elements/cr-checkout/payment-screen.js';
import type {CopyController} from '../../src/elements/shared/copy-controller.js';
import {messages as en} from '../../src/i18n/locales/en/index.js';
import {decodeQrSvg} from './qr-decode.js';
import {proxyUrl, waitFor} from './checkout-helpers.js';

/** The coins and networks the sandbox lists, as the checkout reads them. */
export async function sandboxCurrencies(): Promise<Currency[]> {
  return walletCurrencies(await getPaymentVias(proxyUrl));
}

/** An order as upstream answers it, awaiting payment, with `fields` over it. */
export function orderJson(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    order_id: crypto.randomUUID(),
    created_at: String(Math.floor(Date.now() / 1000)),
    order_state: 'WaitingForPayment',
    payment_state: 'WalletCreated',
    sent_coin_amount: '0',
    deliveries: [],
    ...fields,
  };
}

export interface Shown {
  root: HTMLElement;
  order: Order;
  copies: Record<string, string>;
  text: (part: string) => string | undefined;
  click: (copy: 'amount' | 'address') => Promise<void>;
  qr: () => Promise<string | undefined>;
}

/** The payment screen of the order `json` (parsed first: a refused order throws). */
export async function showPayment(json: Record<string, unknown>, currencies: Currency[]): Promise<Shown> {
  const order = parseOrder(json);
  const root = document.createElement('div');
  document.body.append(root);
  const copies: Record<string, string> = {};
  const copier = {copied: undefined, failed: undefined, copy: async (key: string, text: string) => ((copies[key] = text), true)} as unknown as CopyController;
  const redraw = (): void => {
    const view: PaymentView = {
      order, currencies, nowMs: Date.now(), locale: 'en', messages: en.checkout, common: en.common, copier,
      onNewPurchase: () => undefined, leaving: false, onLeaving: () => undefined, saidElsewhere: false,
      onMinutesLeft: () => undefined, onQrDrawn: () => redraw(),
    };
    render(renderPayment(view), root);
  };
  redraw();
  const text = (part: string) => root.querySelector(`[part="${part}"]`)?.textContent ?? undefined;
  const click = async (key: 'amount' | 'address') => {
    root.querySelector<HTMLButtonElement>(`[data-copy="${key}"]`)!.click();
    await new Promise((r) => setTimeout(r, 0));
  };
  const qr = async () => decodeQrSvg(await waitFor(() => root.querySelector<SVGSVGElement>('svg[part="qr"]'), 'the QR code'));
  return {root, order, copies, text, click, qr};
}
