// The checkout form as data: which products and coins can be chosen, client-side checks of what the user typed
// (before anything is sent), and the OrderBody built from it. Pure functions, so the element stays about rendering.
import type {Currency, Family, Network, OrderBody, PaymentVia, Product} from '../../api/schemas.js';
import type {ProblemField} from '../../api/problems.js';
import type {CheckoutMessages} from '../../i18n/locales/en/checkout.js';
import {formatMoney, formatNumber} from '../../i18n/format.js';
import {toE164} from './phone.js';

/** Where a message is shown: the form's fields (problems about the product go with the amount). */
export type FieldKey = 'amount' | 'beneficiary' | 'email' | 'payment' | 'coupon' | 'form';
/** The order fields are checked, errors reported and the first invalid one focused. */
export const FIELD_ORDER: readonly FieldKey[] = ['amount', 'beneficiary', 'email', 'payment', 'coupon', 'form'];

export function fieldOfProblem(field: ProblemField): FieldKey {
  return field === 'product' ? 'amount' : field;
}

export interface FormValues {
  productId: string | undefined;
  /** Range products: the face value as typed. */
  amount: string;
  beneficiary: string;
  email: string;
  coin: string | undefined;
  network: string | undefined;
  promo: string;
}

export const isRange = (product: Product | undefined): boolean => !!product?.range;

/**
 * Products may carry their own `is_out_of_stock` (passed through by the schema); the family's counts for all. A fixed
 * product without its `denomination` cannot be ordered either: sent empty, upstream silently orders its default.
 */
export function productInStock(family: Family, product: Product): boolean {
  return family.is_out_of_stock !== true && (product as {is_out_of_stock?: unknown}).is_out_of_stock !== true && !!(product.range || product.denomination);
}

/**
 * The product selected at first: a range product where the family has one (the form shows its input alone; none when
 * it is out of stock), else the family's default denomination, else the first in stock.
 */
export function defaultProduct(family: Family): Product | undefined {
  const range = family.products.find(isRange);
  if (range) return productInStock(family, range) ? range : undefined;
  const usable = family.products.filter((p) => productInStock(family, p));
  return usable.find((p) => !isRange(p) && family.default_denomination && p.denomination === family.default_denomination) ?? usable[0];
}

/** A range default ("500.0") as the user would type it ("500"). */
export function rangeDefault(product: Product | undefined): string {
  const value = product?.range?.default;
  if (!value) return '';
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

// ---- coins and networks -------------------------------------------------------------------------------------

/** The currencies of USER_WALLET (the end user's own wallet): the only way this widget pays. */
export function walletCurrencies(vias: readonly PaymentVia[]): Currency[] {
  const via = vias.find((v) => v.name === 'USER_WALLET' && v.available !== false);
  return via?.currencies ?? [];
}

export const coinUsable = (currency: Currency) => currency.is_suspended !== true && currency.networks.some(networkUsable);
export const networkUsable = (network: Network) => network.is_suspended !== true;

/** USDC on Solana when usable (lowest fees, fastest), else the first usable coin on its first usable network. */
export function defaultPayment(currencies: readonly Currency[]): {coin?: string; network?: string} {
  const usdc = currencies.find((c) => c.name === 'USDC' && coinUsable(c));
  const solana = usdc?.networks.find((n) => n.name === 'Solana' && networkUsable(n));
  if (usdc && solana) return {coin: usdc.name, network: solana.name};
  const coin = currencies.find(coinUsable);
  return {coin: coin?.name, network: coin?.networks.find(networkUsable)?.name};
}

/** The network to select when the coin changes: the same name if usable there, else Solana for USDC, else the first usable. */
export function networkFor(currency: Currency | undefined, previous: string | undefined): string | undefined {
  if (!currency) return undefined;
  const usable = currency.networks.filter(networkUsable);
  return (usable.find((n) => n.name === previous) ?? usable.find((n) => n.name === 'Solana') ?? usable[0])?.name;
}

// ---- client-side checks ---------------------------------------------------------------------------------------

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export interface CheckContext {
  family: Family | undefined;
  product: Product | undefined;
  currencies: readonly Currency[];
  country: string;
  locale: string;
  messages: CheckoutMessages;
}

function money(ctx: CheckContext, amount: string | number): string {
  return formatMoney(ctx.locale, amount, ctx.product?.range?.currency ?? ctx.product?.face_value?.currency_code ?? '');
}

/** Decimal places of a decimal string, for step arithmetic in integers (no float drift: 0.1 + 0.2). */
function places(text: string): number {
  return text.includes('.') ? text.split('.')[1]!.length : 0;
}

/**
 * A range amount as typed, as a decimal string ("25.5"; "," or "." for the point, full-width digits too); undefined
 * when it is not a number, or when that sign is not the locale's decimal sign and three digits follow ("1,000" in
 * English, "1.000" in German or French): its reader may mean a thousand, which must never be ordered as 1.
 */
export function amountValue(typed: string, locale: string): string | undefined {
  // NFKC: full-width digits and signs (a Chinese or Japanese keyboard's "１３７，５") as ASCII.
  const m = /^(\d+)(?:([.,])(\d+))?$/.exec(typed.normalize('NFKC').trim());
  return !m || (m[3]?.length === 3 && !formatNumber(locale, 1.5).includes(m[2]!)) ? undefined : m[2] ? `${m[1]}.${m[3]}` : m[1];
}

export function checkAmount(values: FormValues, ctx: CheckContext): string | undefined {
  const m = ctx.messages.invalid;
  const product = ctx.product;
  // Also one out of stock since it was chosen (products read again for another coin).
  if (!product || !productInStock(ctx.family!, product)) return m.productRequired;
  if (!isRange(product)) return undefined;
  if (!values.amount.trim()) return m.amountRequired;
  const text = amountValue(values.amount, ctx.locale);
  if (!text) return m.amountNumber;
  const range = product.range!;
  const value = Number(text);
  if (value < Number(range.min)) return m.amountMin(money(ctx, range.min));
  if (value > Number(range.max)) return m.amountMax(money(ctx, range.max));
  const step = range.step_size && Number(range.step_size) > 0 ? range.step_size : undefined;
  if (step) {
    const scale = 10 ** Math.max(places(step), places(text), places(range.min));
    const offset = Math.round(value * scale) - Math.round(Number(range.min) * scale);
    if (offset % Math.round(Number(step) * scale) !== 0) return m.amountStep(money(ctx, step));
  }
  return undefined;
}

/** The beneficiary as it will be sent: E.164 for phones; the buyer's e-mail when an e-mail beneficiary is left empty. */
export function beneficiaryValue(values: FormValues, ctx: Pick<CheckContext, 'product' | 'country'>): string | undefined {
  if (ctx.product?.delivery_type === 'by_phone') return toE164(values.beneficiary, ctx.country);
  const text = values.beneficiary.trim() || values.email.trim();
  return EMAIL.test(text) ? text : undefined;
}

export function checkBeneficiary(values: FormValues, ctx: CheckContext): string | undefined {
  const m = ctx.messages.invalid;
  if (ctx.product?.delivery_type === 'by_phone') {
    if (!values.beneficiary.trim()) return m.phoneRequired;
    return toE164(values.beneficiary, ctx.country) ? undefined : m.phone;
  }
  // Empty means "my own e-mail", which checkEmail covers.
  if (!values.beneficiary.trim()) return undefined;
  return EMAIL.test(values.beneficiary.trim()) ? undefined : m.beneficiaryEmail;
}

export function checkEmail(values: FormValues, ctx: CheckContext): string | undefined {
  const m = ctx.messages.invalid;
  if (!values.email.trim()) return m.emailRequired;
  return EMAIL.test(values.email.trim()) ? undefined : m.email;
}

export function checkPayment(values: FormValues, ctx: CheckContext): string | undefined {
  const m = ctx.messages.invalid;
  const currency = ctx.currencies.find((c) => c.name === values.coin);
  if (!currency || !coinUsable(currency)) return m.coinRequired;
  const network = currency.networks.find((n) => n.name === values.network);
  if (!network || !networkUsable(network)) return m.networkRequired;
  return undefined;
}

export function checkField(field: FieldKey, values: FormValues, ctx: CheckContext): string | undefined {
  switch (field) {
    case 'amount':
      return checkAmount(values, ctx);
    case 'beneficiary':
      return checkBeneficiary(values, ctx);
    case 'email':
      return checkEmail(values, ctx);
    case 'payment':
      return checkPayment(values, ctx);
    default:
      return undefined;
  }
}

/** The OrderBody for the form; only called once every check passed. */
export function orderBody(values: FormValues, ctx: CheckContext & {lang: string}): OrderBody {
  const product = ctx.product!;
  const family = ctx.family!;
  const email = values.email.trim();
  const delivery = {
    brand_name: family.brand,
    country_code: ctx.country,
    // Range: "range" + product_value (a literal like "100 USD" would pick a dearer product). Fixed: exactly as listed.
    denomination: isRange(product) ? 'range' : (product.denomination ?? ''),
    beneficiary_account: beneficiaryValue(values, ctx) ?? '',
    ...(isRange(product) ? {product_value: Number(amountValue(values.amount, ctx.locale))} : {}),
  };
  const promo = values.promo.trim();
  return {
    user: {email},
    payment: {type: 'via', payment_via: 'USER_WALLET', coin: values.coin!, network: values.network!},
    deliveries: [delivery],
    lang: ctx.lang,
    ...(promo ? {promo_code: promo} : {}),
  };
}
