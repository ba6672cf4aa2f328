// POST /v5/orders/validations and the checks POST /v5/orders repeats: reads flat or nested deliveries, prices them,
// and reports upstream's problems. Problems come from the input itself (amount out of range, bad beneficiary,
// out-of-stock brand…) or from magic values in the buyer's e-mail (see magicTokens), so a demo can show each one.
import {VALIDATION_PROBLEM_CODES, type ProblemCode} from '../upstream/problems.js';
import {shortId} from './ids.js';
import {findCoin, findNetwork, defaultNetwork, supportedPairs, type CoinDef, type NetworkDef} from './catalogue/coins.js';
import {brandByName} from './catalogue/index.js';
import {coinAmountForUsd, localizedMoney, toUsd} from './catalogue/prices.js';
import {offerDenomination, offerLocalized} from './catalogue/build-brand.js';
import {ALLOWED_PAYMENT_VIAS} from './catalogue/payment-vias.js';
import type {BrandDef} from './catalogue/model.js';
import {isObject, json, message, type Reply} from './http.js';

/** Upstream's limits, as the sandbox applies them. */
export const MAX_DELIVERIES = 10;
export const MAX_ORDER_USD = 2000;
/** The one promo code that works: 10 % off. */
export const VALID_PROMO_CODE = 'SANDBOX10';
/** Domains refused with INVALID_EMAIL_DOMAIN (throw-away mail, and the reserved `.invalid` TLD). */
export const BLOCKED_EMAIL_DOMAINS = ['mailinator.com', 'guerrillamail.com'];
/** Magic e-mail token: put the HTTP-level codes (login_required, suspended_*) in `problems` instead. */
export const AS_PROBLEM_TOKEN = 'AS_PROBLEM';

export const CALLING_CODES: Readonly<Record<string, string>> = {US: '1', GB: '44', DE: '49', BR: '55', NG: '234', PH: '63', IN: '91', CN: '86'};

export interface Problem {
  problem: string;
  moreDetails?: unknown;
}

export interface PricedItem {
  brand: BrandDef;
  kind: string;
  denomination: string;
  localizedDenomination: string;
  beneficiary: string;
  faceValue: number;
  productValue?: number;
  usd: number;
  coinAmount: string;
}

export interface PricedOrder {
  coin: CoinDef;
  network: NetworkDef;
  paymentVia: string;
  email: string | undefined;
  lang: string;
  items: PricedItem[];
  usdTotal: number;
  coinAmount: string;
  originalCoinAmount: string;
  couponCode: string | null;
}

export type Checked =
  | {ok: true; priced: PricedOrder; problems: Problem[]; validation: Record<string, unknown>}
  | {ok: false; reply: Reply};

interface RawDelivery {
  brand_name?: unknown;
  country_code?: unknown;
  denomination?: unknown;
  beneficiary_account?: unknown;
  product_value?: unknown;
  kind?: unknown;
  quantity?: unknown;
}

/** Flat `{brand_name, …}` or nested `{kind, quantity, deliverable: {…}}`: upstream takes both. */
function readDelivery(raw: unknown): (RawDelivery & {quantity: number}) | undefined {
  if (!isObject(raw)) return undefined;
  const inner = isObject(raw.deliverable) ? {...raw.deliverable, kind: raw.kind} : raw;
  const q = Number(raw.quantity ?? 1);
  return {...(inner as RawDelivery), quantity: Number.isInteger(q) && q > 0 ? q : 1};
}

/** Upper-cased `+`-separated tokens of the buyer e-mail's local part: "out_of_stock+kyc_missing@x" → [OUT_OF_STOCK, KYC_MISSING]. */
export function magicTokens(email: string | undefined): string[] {
  if (!email || !email.includes('@')) return [];
  return email.slice(0, email.lastIndexOf('@')).split('+').map((t) => t.trim().toUpperCase()).filter(Boolean);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;

export function isValidBeneficiary(value: string, brand: BrandDef): boolean {
  if (brand.deliveryType === 'by_phone') {
    if (!E164.test(value)) return false;
    const prefix = CALLING_CODES[brand.countryCode];
    return !prefix || value.startsWith(`+${prefix}`);
  }
  return EMAIL.test(value);
}

function emailDomainBlocked(email: string): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return domain.endsWith('.invalid') || BLOCKED_EMAIL_DOMAINS.includes(domain);
}

/** moreDetails for the problems that carry some. */
function details(code: string): unknown {
  if (code === 'NOT_ALLOWED_PAYMENT_VIA') return {allowed: [...ALLOWED_PAYMENT_VIAS]};
  if (code === 'UNSUPPORTED_PROTOCOL_COIN_COMBINATION') return {supported: supportedPairs()};
  if (code === 'MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED') return {max: MAX_ORDER_USD, currency: 'USD'};
  if (code === 'PRODUCT_COUNT_EXCEEDED') return {max: MAX_DELIVERIES};
  return undefined;
}

function problem(code: string, moreDetails: unknown = details(code)): Problem {
  return moreDetails === undefined ? {problem: code} : {problem: code, moreDetails};
}

/** Checks an OrderBody. `requireEmail`: creating an order needs the buyer's e-mail; validating does not. */
export function checkOrder(body: unknown, requireEmail: boolean): Checked {
  if (!isObject(body)) return {ok: false, reply: message(400, 'body must be a JSON object')};
  if (!Array.isArray(body.deliveries) || body.deliveries.length === 0) {
    return {ok: false, reply: message(400, 'deliveries must be a non-empty array')};
  }
  const payment = body.payment;
  if (!isObject(payment) || typeof payment.coin !== 'string') {
    return {ok: false, reply: message(400, 'payment {type, payment_via, coin, network?} is required')};
  }
  const user = isObject(body.user) ? body.user : undefined;
  // Validations take the buyer's e-mail at the top level (the reference's example) or in `user`; creating an order
  // asks for `user.email` (UPSTREAM.md: "OrderBody (with user.email)"), so a top-level one does not do there.
  const userEmail = typeof user?.email === 'string' ? user.email : undefined;
  const email = userEmail ?? (!requireEmail && typeof body.email === 'string' ? body.email : undefined);
  if (requireEmail && !userEmail) return {ok: false, reply: message(400, 'user.email is required')};
  const deliveries = body.deliveries.map(readDelivery);
  if (deliveries.some((d) => !d)) return {ok: false, reply: message(400, 'each delivery must be an object')};

  const tokens = magicTokens(email);
  const asProblem = tokens.includes(AS_PROBLEM_TOKEN);
  const problems: Problem[] = [];
  const add = (p: Problem) => {
    if (!problems.some((q) => q.problem === p.problem)) problems.push(p);
  };

  // Coin and network: suspended ones are refused at HTTP level, before any problem is looked for.
  const coin = findCoin(payment.coin);
  const networkName = typeof payment.network === 'string' ? payment.network : undefined;
  const network = coin ? (networkName ? findNetwork(coin, networkName) : defaultNetwork(coin)) : undefined;
  const suspendedCoin = (coin?.suspended ?? false) || tokens.includes('SUSPENDED_COIN');
  const suspendedNetwork = (network?.suspended ?? false) || tokens.includes('SUSPENDED_NETWORK');
  if (suspendedCoin) {
    if (asProblem) add(problem('SUSPENDED_COIN'));
    else return {ok: false, reply: json(400, {status: 'SUSPENDED_COIN', detail: `${coin?.symbol ?? payment.coin} payments are suspended`, moreDetails: {coin: coin?.symbol ?? payment.coin}})};
  } else if (suspendedNetwork) {
    if (asProblem) add(problem('SUSPENDED_NETWORK'));
    else return {ok: false, reply: json(400, {status: 'SUSPENDED_NETWORK', detail: `${coin?.symbol} on ${network?.name ?? networkName} is suspended`, moreDetails: {coin: coin?.symbol, network: network?.name ?? networkName}})};
  }
  if (!coin || !network) add(problem('UNSUPPORTED_PROTOCOL_COIN_COMBINATION'));
  const paymentVia = typeof payment.payment_via === 'string' ? payment.payment_via : 'USER_WALLET';
  if (!(ALLOWED_PAYMENT_VIAS as readonly string[]).includes(paymentVia)) add(problem('NOT_ALLOWED_PAYMENT_VIA'));

  // Deliveries: brand, amount, beneficiary.
  const items: PricedItem[] = [];
  let count = 0;
  const limitedSeen = new Set<BrandDef>();
  let needsLogin = tokens.includes('LOGIN_REQUIRED');
  for (const d of deliveries as (RawDelivery & {quantity: number})[]) {
    count += d.quantity;
    const cc = typeof d.country_code === 'string' ? d.country_code.toUpperCase() : '';
    const brand = typeof d.brand_name === 'string' && cc ? brandByName(cc, d.brand_name) : undefined;
    if (!brand) {
      add(problem('NOT_AVAILABLE_PRODUCT', {brand_name: d.brand_name ?? null, country_code: d.country_code ?? null}));
      continue;
    }
    if (brand.category === 'e-money') needsLogin = true;
    if (brand.outOfStock) add(problem('OUT_OF_STOCK', {brand_name: brand.brand}));
    if (brand.limited && (limitedSeen.has(brand) || d.quantity > 1)) add(problem('MULTIPLE_LIMITED_PRODUCT_SAME_ORDER', {brand_name: brand.brand}));
    limitedSeen.add(brand);
    const beneficiary = typeof d.beneficiary_account === 'string' ? d.beneficiary_account.trim() : '';
    if (!isValidBeneficiary(beneficiary, brand)) add(problem('INVALID_BENEFICIARY_ACCOUNT', {delivery_type: brand.deliveryType}));
    const denomination = typeof d.denomination === 'string' ? d.denomination : '';
    let faceValue: number;
    let label: string;
    let localized: string;
    let productValue: number | undefined;
    if (brand.range) {
      // "range" + product_value is the documented way; a literal ("100 USD") also works but picks a dearer product.
      const literal = denomination !== 'range' ? parseFloat(denomination) : NaN;
      productValue = Number(d.product_value ?? literal);
      faceValue = Number.isFinite(productValue) ? productValue : 0;
      if (faceValue < brand.range.min) add(problem('AMOUNT_LESS_THEN_MINIMUM_ALLOWED', {min: brand.range.min, currency: brand.currency}));
      else if (faceValue > brand.range.max) add(problem('MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED', {max: brand.range.max, currency: brand.currency}));
      label = `${faceValue} ${brand.currency}`;
      localized = localizedMoney(faceValue, brand.currency);
      if (Number.isFinite(literal) && d.product_value === undefined) faceValue *= 1.1;
    } else {
      // Fixed products must use a listed denomination; others silently fall back to the default (as upstream does).
      const offers = brand.fixed ?? [];
      const offer =
        offers.find((o) => offerDenomination(o, brand.currency) === denomination) ??
        offers.find((o) => offerDenomination(o, brand.currency) === brand.defaultDenomination) ??
        offers[0]!;
      faceValue = offer.value;
      label = offerDenomination(offer, brand.currency);
      localized = offerLocalized(offer, brand.currency);
    }
    const usd = toUsd(faceValue, brand.currency);
    for (let i = 0; i < d.quantity; i++) {
      items.push({
        brand, kind: typeof d.kind === 'string' ? d.kind : brand.kind, denomination: label, localizedDenomination: localized,
        beneficiary, faceValue, ...(productValue !== undefined ? {productValue} : {}), usd,
        coinAmount: coin ? coinAmountForUsd(usd, coin) : '0',
      });
    }
  }
  if (needsLogin) {
    if (asProblem) add(problem('LOGIN_REQUIRED'));
    else return {ok: false, reply: json(422, {detail: 'LOGIN_REQUIRED'})};
  }
  if (count > MAX_DELIVERIES) add(problem('PRODUCT_COUNT_EXCEEDED'));
  const usdTotal = items.reduce((sum, item) => sum + item.usd, 0);
  if (usdTotal > MAX_ORDER_USD) add(problem('MAXIMUM_AMOUNT_PER_ORDER_EXCEEDED'));
  if (email && (!EMAIL.test(email) || emailDomainBlocked(email))) add(problem('INVALID_EMAIL_DOMAIN'));

  // Coupons: one valid code; a code naming a COUPON_* problem gives that problem; anything else is not found.
  let couponCode: string | null = null;
  let discount = 0;
  if (typeof body.promo_code === 'string' && body.promo_code.trim()) {
    const code = body.promo_code.trim().toUpperCase();
    if (code === VALID_PROMO_CODE) {
      couponCode = VALID_PROMO_CODE;
      discount = 0.1;
    } else if (code.startsWith('COUPON_') && (VALIDATION_PROBLEM_CODES as readonly string[]).includes(code)) add(problem(code));
    else add(problem('COUPON_NOT_FOUND', {promo_code: body.promo_code}));
  }

  // Magic e-mail tokens, last so the natural problems come first.
  for (const token of tokens) {
    if ((VALIDATION_PROBLEM_CODES as readonly string[]).includes(token) && token !== 'LOGIN_REQUIRED') add(problem(token as ProblemCode));
  }

  const original = coin ? coinAmountForUsd(usdTotal, coin) : '0';
  const discounted = coin ? coinAmountForUsd(usdTotal * (1 - discount), coin) : '0';
  const lang = typeof body.lang === 'string' ? body.lang : 'en';
  const priced: PricedOrder = {
    coin: coin ?? findCoin('USDC')!, network: network ?? defaultNetwork(coin ?? findCoin('USDC')!), paymentVia, email, lang, items, usdTotal,
    coinAmount: discounted, originalCoinAmount: original, couponCode,
  };
  const validation = {
    coin: coin?.symbol ?? payment.coin,
    coin_amount: discounted,
    original_coin_amount: original,
    coupon_code: couponCode,
    loyalty_summary: null,
    deliveries: items.map((item) => ({
      id: shortId(`${item.brand.brand}|${item.denomination}|${item.beneficiary}`),
      delivery_state: 'Created',
      kind: item.kind,
      deliverable: deliverableJson(item),
    })),
    problems: problems.length > 0 ? problems : null,
  };
  return {ok: true, priced, problems, validation};
}

/** The `deliverable` of a delivery, as validations and orders show it. */
export function deliverableJson(item: PricedItem): Record<string, unknown> {
  return {
    denomination: item.denomination,
    localized_denomination: item.localizedDenomination,
    family: item.brand.family,
    brand_name: item.brand.brand,
    beneficiary_account: item.beneficiary,
    country_code: item.brand.countryCode,
    delivery_type: item.brand.deliveryType,
    points: String(Math.max(1, Math.floor(item.usd * 0.88))),
    coin_amount: item.coinAmount,
    original_price: item.usd.toFixed(4),
    currency_code: item.brand.currency,
    ...(item.productValue !== undefined ? {product_value: item.productValue} : {}),
  };
}
