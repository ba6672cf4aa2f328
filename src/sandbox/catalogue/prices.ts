// Fiat → USD → coin, with fixed fake rates. Amounts are strings with the coin's own number of decimals, as upstream
// writes them ("0.00032833" BTC, "101.48" USDC).
import {FEE, type CoinDef} from './coins.js';

/** USD for one unit of each face-value currency. */
export const FIAT_USD: Readonly<Record<string, number>> = {
  USD: 1, EUR: 1.08, GBP: 1.27, BRL: 0.18, NGN: 0.00065, PHP: 0.0172, INR: 0.012, CNY: 0.138,
};

export function toUsd(amount: number, currency: string): number {
  return amount * (FIAT_USD[currency] ?? 1);
}

/** Coin amount (string, coin decimals, rounded up so the merchant is never short) for a USD value plus the fee. */
export function coinAmountForUsd(usd: number, coin: CoinDef): string {
  const raw = (usd * (1 + FEE)) / coin.usd;
  const scale = 10 ** coin.decimals;
  return (Math.ceil(raw * scale - 1e-9) / scale).toFixed(coin.decimals);
}

export function coinAmount(amount: number, currency: string, coin: CoinDef): string {
  return coinAmountForUsd(toUsd(amount, currency), coin);
}

/** A decimal string times a factor, kept at `decimals` places (for under- and over-payments). */
export function scaleAmount(amount: string, factor: number, decimals: number): string {
  return (Number(amount) * factor).toFixed(decimals);
}

/** "0.5" → 500000000000000000n for 18 decimals: exact, no floating point (EIP-681 wants integers). */
export function toSmallestUnit(amount: string, decimals: number): bigint {
  const [whole = '0', frac = ''] = amount.split('.');
  const padded = (frac + '0'.repeat(decimals)).slice(0, decimals);
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(padded || '0');
}

/** "$10", "£25", "₦500", "R$50": the narrow symbol, as upstream's localized_denomination. */
export function localizedMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(amount);
}
