// The accepting rules for an order update, from the stream or a poll. Pure, so the tracker stays about connections
// and these rules can be read (and tested) alone. Upstream's stream may repeat frames, resend older ones after a
// reconnect and interleave with polls that were in flight: an update is only shown when it moves the order forward.
import {compareDecimals} from '../api/difference.js';
import type {Delivery, Order} from '../api/schemas.js';
import {awaitsPayment, isBackwards, isTerminalPhase, phaseOf, type Phase} from '../upstream/states.js';

/** Why an update was not shown. */
export type IgnoredReason = 'malformed' | 'foreign' | 'backwards' | 'older' | 'duplicate';

export type Verdict = {accept: true; stateChanged: boolean} | {accept: false; reason: Exclude<IgnoredReason, 'malformed'>};

// Ranks of states inside one phase, along the only direction an order moves. PaymentStarted and
// PartialPaymentStarted rank alike: a partial payment may be topped up, and a full one is never "un-paid".
// Unknown states have no rank, so they are never judged older by rank (only by phase).
const ORDER_RANK: Record<string, number> = {
  Created: 0,
  WaitingForPayment: 1,
  PaymentStarted: 2,
  PartialPaymentStarted: 2,
  PaymentReceived: 3,
  WaitingForDelivery: 4,
};
const PAYMENT_RANK: Record<string, number> = {
  WalletCreated: 0,
  PaymentRequested: 1,
  PaymentReceived: 2,
  PaymentCompleted: 3,
};

/** The rank of an order state along the one direction an order moves; undefined for one with none (review, unknown). */
export function rankOf(orderState: string): number | undefined {
  return Object.hasOwn(ORDER_RANK, orderState) ? ORDER_RANK[orderState] : undefined;
}

/** The highest rank `order` brings the ones shown before it to (`reached`, undefined before any). */
export function reachedWith(reached: number | undefined, order: Order): number | undefined {
  const rank = rankOf(order.order_state);
  return rank === undefined || (reached !== undefined && reached > rank) ? reached : rank;
}

function lower(table: Record<string, number>, from: string, to: string): boolean {
  const a = Object.hasOwn(table, from) ? table[from] : undefined;
  const b = Object.hasOwn(table, to) ? table[to] : undefined;
  return a !== undefined && b !== undefined && b < a;
}

/**
 * `next` with what `known` says was sent, where `next` (the same order) leaves it out: an answer that leaves out what
 * was sent does not make it nothing. Applied before judging, so that such an answer is no news either; by the
 * tracker to every frame and poll, and by the checkout to the read that resumes its saved copy after a reload.
 */
export function keepSent(known: Order | undefined, next: Order): Order {
  const same = known && known.order_id.toLowerCase() === next.order_id.toLowerCase();
  return same && next.sent_coin_amount == null && known.sent_coin_amount != null ? {...next, sent_coin_amount: known.sent_coin_amount} : next;
}

/** A stable text of what the user sees of an order, to tell a real change from a repeat. */
export function orderFingerprint(order: Order): string {
  return JSON.stringify([
    order.order_state,
    order.payment_state,
    order.sent_coin_amount ?? null,
    order.coin_amount,
    order.wallet_address,
    order.deliveries.map((d) => [d.delivery_state ?? null, d.deliverable]),
  ]);
}

/**
 * Judges `next` against the order shown now (`current`, undefined before the first one) for the order `orderId`.
 * `older` also covers an SSE frame whose numeric id is below the highest one seen (`frameId`, `lastFrameId`), and a
 * ranked state below the highest rank the orders shown so far reached (`reached`, see `reachedWith`): past a state
 * with no rank (under review), a stream that replays its frames after a reconnect must not go back to them.
 */
export function judge(
  orderId: string,
  current: Order | undefined,
  next: Order,
  frame?: {id: number | undefined; lastId: number | undefined},
  reached?: number,
): Verdict {
  if (next.order_id.toLowerCase() !== orderId.toLowerCase()) return {accept: false, reason: 'foreign'};
  if (!current) return {accept: true, stateChanged: true};
  // No state (null, left out: '' from the schema) says nothing of where the order stands: never over a shown one.
  if (!next.order_state) return {accept: false, reason: 'older'};
  // A shown order without a state (a first read that left it out) stands nowhere yet: no state is behind it.
  if (current.order_state && isBackwards(phaseOf(current.order_state), phaseOf(next.order_state))) return {accept: false, reason: 'backwards'};
  // (A comparison with undefined is false: a frame without an id, or the first one with one, is never older by id.)
  if (frame && frame.id! < frame.lastId!) return {accept: false, reason: 'older'};
  if (lower(ORDER_RANK, current.order_state, next.order_state)) return {accept: false, reason: 'older'};
  // Under review (no rank), a ranked state below the highest one shown is a replay. The one the order was in when
  // review began is not refused: support may hand it back so (WaitingForDelivery; PartialPaymentStarted, "send the
  // rest", whose address must come back), and a replay of it cannot be told from that.
  const rank = rankOf(next.order_state);
  if (rank !== undefined && reached !== undefined && rank < reached) return {accept: false, reason: 'older'};
  if (current.order_state === next.order_state && lower(PAYMENT_RANK, current.payment_state, next.payment_state)) {
    return {accept: false, reason: 'older'};
  }
  // What arrived only grows: a read that says less was sent (a slow poll answer landing after a newer frame, "paid"
  // read back as "partly paid") is older, whatever its state's rank.
  const sent = current.sent_coin_amount;
  if (sent && next.sent_coin_amount && compareDecimals(next.sent_coin_amount, sent) < 0) return {accept: false, reason: 'older'};
  // A delivery shown delivered stays so: a lagging read (Done, another delivery still coming) must not take its code back.
  if (current.deliveries.some((d, i) => isDelivered(d) && !(next.deliveries[i] && isDelivered(next.deliveries[i])))) return {accept: false, reason: 'older'};
  if (orderFingerprint(current) === orderFingerprint(next)) return {accept: false, reason: 'duplicate'};
  return {accept: true, stateChanged: current.order_state !== next.order_state};
}

/** True once upstream says the delivery is done, or it carries something to show. */
export function isDelivered(delivery: Delivery): boolean {
  const state = delivery.delivery_state ?? '';
  const d = delivery.deliverable;
  return state === 'Done' || state === 'Completed' || Boolean(d.pin_code || d.barcode_image_url || d.qr_image_url);
}

/**
 * Nothing more is to come: a final phase, and when completed, every delivery delivered. A delivery may still be on its
 * way once the order says Done, and the buyer who paid must see its code arrive: such an order is followed on.
 */
export function isFinal(order: Order): boolean {
  const phase = phaseOf(order.order_state);
  return isTerminalPhase(phase) && (phase === 'failed' || order.deliveries.every(isDelivered));
}

/**
 * Whether upstream's "not found" for an order means it is gone: for one never seen, or one the buyer still has to
 * pay (in whole or in part), whose address must not stay up for an order upstream does not know. Once it is paid
 * (under review, Done), upstream has the payment and owes or gave its deliveries, so a 404 then is upstream (or a
 * proxy) failing; what the buyer was shown stays, and the reads go on as after a 5xx. The tracker and the
 * checkout's resume both decide by it.
 */
export function goneWhenNotFound(known: Order | undefined): boolean {
  return !known || awaitsPayment(known.order_state);
}

/** Done upstream, but a delivery is still on its way (no code yet): for the buyer, the order is being delivered. */
export function beingDelivered(order: Order): boolean {
  return phaseOf(order.order_state) === 'completed' && !isFinal(order);
}

/** The phase the buyer is shown: a Done order is "awaiting delivery" until every delivery is in, not "completed". */
export function shownPhase(order: Order): Phase {
  return beingDelivered(order) ? 'awaiting-delivery' : phaseOf(order.order_state);
}
