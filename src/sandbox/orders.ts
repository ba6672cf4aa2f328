// The order store and each order's life: created by POST /v5/orders, moved through upstream's states by the
// controls (or the auto-pilot), with a version number that grows on every change so streams can number frames.
import {isTerminalPhase, phaseOf} from '../upstream/states.js';
import {newOrderId, stableUuid} from './ids.js';
import {depositAddress, paymentUri} from './addresses.js';
import {deliverableJson, type PricedOrder, type PricedItem} from './validation.js';
import {deliveredFields} from './deliverables.js';
import {scaleAmount} from './catalogue/prices.js';

export type OrderJson = Record<string, unknown> & {order_id: string; order_state: string; payment_state: string};

export interface OrderRecord {
  id: string;
  order: OrderJson;
  version: number;
  /** Serialised order per version (for out-of-order frames and tests). */
  history: Map<number, string>;
  items: PricedItem[];
  decimals: number;
}

export const ACTIONS = ['pay', 'seen', 'confirm', 'deliver', 'expire', 'fail', 'review', 'refund', 'cancel', 'state'] as const;
export type Action = (typeof ACTIONS)[number];

export const isTerminalState = (orderState: string): boolean => isTerminalPhase(phaseOf(orderState));

/**
 * Fields the order created by POST /v5/orders carries that the captured `GET /v5/orders/{id}` of a Done order
 * (fixtures/upstream-captures.json) does not: a delivered order is read without them, so a client must not rely on
 * them (UPSTREAM.md marks qr_text, qr_url, sent_coin_amount and payment_value optional).
 */
export const DONE_DROPPED_ORDER_FIELDS = [
  'original_price', 'qr_url', 'qr_text', 'sent_coin_amount', 'payment_via', 'payment_requested_at', 'payment_id',
  'payment_value', 'user', 'is_payment_processor_external', 'coupon_code', 'lang',
] as const;
/** The same for each delivery's `deliverable` (the captured Done order has no localized_denomination). */
export const DONE_DROPPED_DELIVERABLE_FIELDS = ['localized_denomination', 'points', 'coin_amount', 'currency_code', 'original_price', 'product_value'] as const;

/** Reshapes a delivered order as upstream's GET answers it (see DONE_DROPPED_ORDER_FIELDS). */
function toDoneShape(o: OrderJson): void {
  for (const key of DONE_DROPPED_ORDER_FIELDS) delete o[key];
  for (const d of o.deliveries as Record<string, unknown>[]) {
    const deliverable = {...(d.deliverable as Record<string, unknown>)};
    for (const key of DONE_DROPPED_DELIVERABLE_FIELDS) delete deliverable[key];
    d.deliverable = deliverable;
  }
}

const now = () => String(Math.floor(Date.now() / 1000));

export interface OrderStoreOptions {
  /** Origin for qr_url and delivered asset URLs. */
  origin: () => string;
  /** Seconds an unpaid order waits before it expires by itself (upstream: 30 minutes). */
  paymentWindowSeconds: () => number;
}

export class OrderStore {
  private orders = new Map<string, OrderRecord>();
  private listeners = new Set<(record: OrderRecord) => void>();
  private expiryTimers = new Map<string, NodeJS.Timeout>();

  constructor(private opts: OrderStoreOptions) {}

  onChange(listener: (record: OrderRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(id: string): OrderRecord | undefined {
    return this.orders.get(id.toLowerCase());
  }

  list(): OrderRecord[] {
    return [...this.orders.values()];
  }

  get size(): number {
    return this.orders.size;
  }

  create(priced: PricedOrder): OrderRecord {
    const id = newOrderId();
    const origin = this.opts.origin();
    const {coin, network} = priced;
    const created = now();
    const address = depositAddress(id, coin, network, priced.coinAmount, Number(created));
    const order: OrderJson = {
      order_id: id,
      created_at: created,
      updated_at: created,
      wallet_address: address,
      payment_method: network.paymentMethod,
      network: network.name,
      coin: coin.symbol,
      coin_amount: priced.coinAmount,
      original_price: priced.originalCoinAmount,
      qr_url: `${origin}/v3/qrs/${id}`,
      qr_text: paymentUri(address, coin, network, priced.coinAmount),
      sent_coin_amount: '0',
      payment_state: 'WalletCreated',
      payment_via: priced.paymentVia,
      payment_requested_at: created,
      payment_method_protocol: network.protocol,
      payment_id: stableUuid(`${id}|payment`),
      payment_value: Math.round(priced.usdTotal * 10000) / 10000,
      coupon_code: priced.couponCode,
      lang: priced.lang,
      deliveries: priced.items.map((item, i) => ({
        id: stableUuid(`${id}|delivery|${i}`),
        delivery_state: 'WaitingForPayment',
        kind: item.kind,
        deliverable: deliverableJson(item),
      })),
      order_state: 'WaitingForPayment',
      user: {email: priced.email ?? ''},
      is_payment_processor_external: false,
    };
    const record: OrderRecord = {id, order, version: 1, history: new Map([[1, JSON.stringify(order)]]), items: priced.items, decimals: coin.decimals};
    this.orders.set(id, record);
    const window = this.opts.paymentWindowSeconds();
    if (window > 0) {
      const timer = setTimeout(() => {
        this.expiryTimers.delete(id);
        if (record.order.order_state === 'WaitingForPayment') this.apply(id, 'expire');
      }, window * 1000);
      timer.unref();
      this.expiryTimers.set(id, timer);
    }
    return record;
  }

  /** Changes an order, bumps its version and tells every listener (the stream hub). */
  private change(record: OrderRecord, mutate: (o: OrderJson) => void): OrderRecord {
    mutate(record.order);
    record.order.updated_at = now();
    record.version += 1;
    record.history.set(record.version, JSON.stringify(record.order));
    for (const listener of this.listeners) listener(record);
    return record;
  }

  private setDeliveries(o: OrderJson, state: string, extra?: (delivery: Record<string, unknown>, index: number) => Record<string, unknown>): void {
    const deliveries = o.deliveries as Record<string, unknown>[];
    deliveries.forEach((d, i) => {
      d.delivery_state = state;
      if (extra) d.deliverable = {...(d.deliverable as Record<string, unknown>), ...extra(d, i)};
    });
  }

  /**
   * Applies a control action. Actions are allowed from any state (a demo or a test may want any transition);
   * fields a real order would have by then (sent_coin_amount) are filled in on the way.
   */
  apply(id: string, action: Action, body: Record<string, unknown> = {}): OrderRecord | string {
    const record = this.get(id);
    if (!record) return 'unknown order';
    const exact = String(record.order.coin_amount);
    const paidSome = () => Number(record.order.sent_coin_amount) > 0;
    const fillSent = (o: OrderJson) => {
      if (!paidSome()) o.sent_coin_amount = exact;
    };
    switch (action) {
      case 'pay': {
        const amount = body.amount ?? 'exact';
        if (amount !== 'exact' && amount !== 'under' && amount !== 'over') return 'amount must be exact, under or over';
        const factor = amount === 'under' ? 0.5 : amount === 'over' ? 1.2 : 1;
        return this.change(record, (o) => {
          o.sent_coin_amount = factor === 1 ? exact : scaleAmount(exact, factor, record.decimals);
          o.order_state = amount === 'under' ? 'PartialPaymentStarted' : 'PaymentStarted';
          o.payment_state = 'PaymentRequested';
        });
      }
      case 'seen':
        return this.change(record, (o) => {
          fillSent(o);
          o.order_state = 'PaymentReceived';
          o.payment_state = 'PaymentReceived';
        });
      case 'confirm':
        return this.change(record, (o) => {
          fillSent(o);
          o.order_state = 'WaitingForDelivery';
          o.payment_state = 'PaymentCompleted';
        });
      case 'deliver': {
        const origin = this.opts.origin();
        return this.change(record, (o) => {
          fillSent(o);
          o.order_state = 'Done';
          o.payment_state = 'PaymentCompleted';
          this.setDeliveries(o, 'Done', (d, i) =>
            deliveredFields(record.items[i]!.brand.deliverable, record.items[i]!.brand.family, String(d.id), `${origin}/assets/${id}/${String(d.id)}`),
          );
          toDoneShape(o);
        });
      }
      case 'expire':
        return this.change(record, (o) => {
          o.order_state = 'Expired';
          o.payment_state = paidSome() ? 'ExpiredAfterPaymentDetection' : 'Expired';
        });
      case 'fail':
        return this.change(record, (o) => {
          o.order_state = 'PaymentFailed';
        });
      case 'review':
        return this.change(record, (o) => {
          o.order_state = 'WaitingForManualAction';
        });
      case 'refund':
        return this.change(record, (o) => {
          o.order_state = 'Refunded';
        });
      case 'cancel':
        return this.change(record, (o) => {
          o.order_state = 'Canceled';
          this.setDeliveries(o, 'Created');
        });
      case 'state': {
        const {order_state, payment_state, delivery_state} = body;
        if (typeof order_state !== 'string' || !order_state) return 'order_state (string) is required';
        if (payment_state !== undefined && typeof payment_state !== 'string') return 'payment_state must be a string';
        if (delivery_state !== undefined && typeof delivery_state !== 'string') return 'delivery_state must be a string';
        return this.change(record, (o) => {
          o.order_state = order_state;
          if (typeof payment_state === 'string') o.payment_state = payment_state;
          if (typeof delivery_state === 'string') this.setDeliveries(o, delivery_state);
        });
      }
    }
  }

  reset(): void {
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
    this.orders.clear();
  }
}
