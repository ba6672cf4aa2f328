// Order states and the phases a user sees (UPSTREAM.md, States). Pure data and one pure function, shared by the
// widget (phase of an order) and the sandbox (which states it may move through).

export const ORDER_STATES = [
  'Created',
  'WaitingForPayment',
  'PaymentStarted',
  'PartialPaymentStarted',
  'PaymentReceived',
  'WaitingForDelivery',
  'Done',
  'Expired',
  'Canceled',
  'Cancelled',
  'PaymentFailed',
  'PaymentSetupFailed',
  'Refunded',
  'WaitingForManualAction',
] as const;
export type KnownOrderState = (typeof ORDER_STATES)[number];

export const PAYMENT_STATES = [
  'WalletCreated',
  'PaymentRequested',
  'PaymentReceived',
  'PaymentCompleted',
  'Expired',
  'ExpiredAfterPaymentDetection',
] as const;
export type KnownPaymentState = (typeof PAYMENT_STATES)[number];

export const DELIVERY_STATES = ['Created', 'WaitingForPayment', 'Done', 'Completed'] as const;

export type Phase = 'awaiting-payment' | 'awaiting-delivery' | 'completed' | 'failed' | 'review';

const PHASE_OF: Record<KnownOrderState, Phase> = {
  Created: 'awaiting-payment',
  WaitingForPayment: 'awaiting-payment',
  PaymentStarted: 'awaiting-delivery',
  PartialPaymentStarted: 'awaiting-delivery',
  PaymentReceived: 'awaiting-delivery',
  WaitingForDelivery: 'awaiting-delivery',
  Done: 'completed',
  Expired: 'failed',
  Canceled: 'failed',
  Cancelled: 'failed',
  PaymentFailed: 'failed',
  PaymentSetupFailed: 'failed',
  Refunded: 'failed',
  WaitingForManualAction: 'review',
};

/** Whether an order state is one UPSTREAM.md documents (ORDER_STATES), without a second list of them in the bundle. */
export function isKnownState(orderState: string): orderState is KnownOrderState {
  return Object.hasOwn(PHASE_OF, orderState);
}

/** The phase of an order state; an unknown state is "under review", never an error. */
export function phaseOf(orderState: string): Phase {
  return isKnownState(orderState) ? PHASE_OF[orderState] : 'review';
}

/**
 * Paid in part: its phase is `awaiting-delivery` (UPSTREAM.md counts the state among the paid ones), but the buyer
 * still has the rest to send.
 */
export function isPaidInPart(orderState: string): boolean {
  return orderState === 'PartialPaymentStarted';
}

/** True while the buyer still has something to send: the order awaits payment, or was paid in part. */
export function awaitsPayment(orderState: string): boolean {
  return phaseOf(orderState) === 'awaiting-payment' || isPaidInPart(orderState);
}

/**
 * Rank of a phase along the one direction a phase may move. `completed` and `failed` are terminal and rank
 * alike. `review` ranks with `awaiting-delivery`: it may follow either non-terminal phase, and an order that support
 * released goes on to delivery (WaitingForManualAction → WaitingForDelivery is not a step back), but never back to
 * awaiting payment, and it may end in either terminal phase.
 */
export const PHASE_RANK: Record<Phase, number> = {
  'awaiting-payment': 0,
  'awaiting-delivery': 1,
  review: 1,
  completed: 2,
  failed: 2,
};

export function isTerminalPhase(phase: Phase): boolean {
  return phase === 'completed' || phase === 'failed';
}

/** True when moving from `from` to `to` would go backwards (or leave a terminal phase), so must be ignored. */
export function isBackwards(from: Phase, to: Phase): boolean {
  if (isTerminalPhase(from)) return from !== to;
  return PHASE_RANK[to] < PHASE_RANK[from];
}

/** The payment window: no expiry field exists upstream; 30 minutes from `created_at` [likely]. */
export const PAYMENT_WINDOW_SECONDS = 30 * 60;
