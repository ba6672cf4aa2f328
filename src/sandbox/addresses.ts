// Plausible deposit addresses and payment URIs per network, derived from the order id so an order keeps its address.
// BTC/LTC addresses carry a real bech32 checksum and Tron/DOGE a real base58check one, so wallet-side validators
// accept them (they are still nobody's keys).
import {digest} from './ids.js';
import {toSmallestUnit} from './catalogue/prices.js';
import type {CoinDef, NetworkDef} from './catalogue/coins.js';

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function polymod(values: number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ gen[i]!) >>> 0;
  }
  return chk;
}

function bech32(hrp: string, data: number[]): string {
  const expanded = [...hrp].map((c) => c.charCodeAt(0) >> 5).concat([0], [...hrp].map((c) => c.charCodeAt(0) & 31));
  const mod = polymod([...expanded, ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = [0, 1, 2, 3, 4, 5].map((p) => (mod >>> (5 * (5 - p))) & 31);
  return `${hrp}1${[...data, ...checksum].map((d) => BECH32[d]).join('')}`;
}

function toFiveBits(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) out.push((acc << (5 - bits)) & 31);
  return out;
}

/** A segwit v0 (P2WPKH) address: "bc1q…" / "ltc1q…". */
function segwit(hrp: string, program: Uint8Array): string {
  return bech32(hrp, [0, ...toFiveBits(program)]);
}

function base58(bytes: Uint8Array): string {
  let n = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let out = '';
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

function base58check(version: number, payload: Uint8Array): string {
  const body = Buffer.concat([Buffer.from([version]), payload]);
  const check = digest(digest(body)).subarray(0, 4);
  return base58(Buffer.concat([body, check]));
}

/** How long the sandbox's Lightning invoices can be paid: shorter than the 30-minute window, as real ones often are. */
export const LIGHTNING_EXPIRY_SECONDS = 15 * 60;

/** `value` as `count` big-endian 5-bit words. */
function toWords(value: number, count: number): number[] {
  return Array.from({length: count}, (_, i) => Math.floor(value / 32 ** (count - 1 - i)) % 32);
}

/**
 * A BOLT11-shaped invoice: `lnbc<amount in nano-BTC>n`, then the creation timestamp, a payment hash (`p`), the expiry
 * (`x`), a filler signature and a valid bech32 checksum. It cannot be paid, but reads like a real one: the widget
 * takes its shorter expiry for the countdown.
 */
function lightningInvoice(orderId: string, seed: Uint8Array, coinAmount: string, createdAt: number): string {
  const nano = toSmallestUnit(coinAmount, 9);
  const field = (tag: string, words: number[]) => [BECH32.indexOf(tag), ...toWords(words.length, 2), ...words];
  const hash = toFiveBits(digest(`${orderId}|ln-hash`)).slice(0, 52);
  const expiry = toWords(LIGHTNING_EXPIRY_SECONDS, 2);
  const signature = toFiveBits(Buffer.concat([seed, digest(`${orderId}|ln-sig`), digest(`${orderId}|ln-sig2`)])).slice(0, 104);
  return bech32(`lnbc${nano}n`, [...toWords(createdAt, 7), ...field('p', hash), ...field('x', expiry), ...signature]);
}

/** A deposit address for this order on this network (Lightning: the invoice, created at `createdAt` epoch seconds). */
export function depositAddress(orderId: string, coin: CoinDef, network: NetworkDef, coinAmount: string, createdAt: number): string {
  const seed = digest(`${orderId}|${coin.symbol}|${network.name}`);
  const twenty = seed.subarray(0, 20);
  switch (network.protocol) {
    case 'LIGHTNING_LIKE':
      return lightningInvoice(orderId, seed, coinAmount, createdAt);
    case 'BITCOIN_LIKE':
      if (coin.symbol === 'LTC') return segwit('ltc', twenty);
      if (coin.symbol === 'DOGE') return base58check(0x1e, twenty);
      return segwit('bc', twenty);
    case 'ETHEREUM_LIKE':
      return `0x${twenty.toString('hex')}`;
    case 'SOLANA_LIKE':
      return base58(seed.subarray(0, 32));
    case 'TRON_LIKE':
      return base58check(0x41, twenty);
    case 'TON_LIKE':
      return Buffer.concat([Buffer.from([0x51, 0x00]), seed.subarray(0, 32), seed.subarray(0, 2)]).toString('base64url');
  }
}

/**
 * The payment URI upstream puts in `qr_text`: BIP21 for Bitcoin, `lightning:` for invoices, EIP-681 for EVM chains
 * (`value=` in wei for the native coin, `/transfer?address=…&uint256=…` in token units for tokens), the Solana Pay
 * form for Solana (with `spl-token=` for tokens), and the bare address everywhere else.
 */
export function paymentUri(address: string, coin: CoinDef, network: NetworkDef, coinAmount: string): string {
  switch (network.protocol) {
    case 'LIGHTNING_LIKE':
      return `lightning:${address}`;
    case 'BITCOIN_LIKE':
      return coin.symbol === 'BTC' ? `bitcoin:${address}?amount=${coinAmount}` : address;
    case 'ETHEREUM_LIKE':
      if (network.contract) {
        const units = toSmallestUnit(coinAmount, network.contract.decimals);
        return `ethereum:${network.contract.address}@${network.chainId}/transfer?address=${address}&uint256=${units}`;
      }
      return `ethereum:${address}@${network.chainId}?value=${toSmallestUnit(coinAmount, coin.chainDecimals)}`;
    case 'SOLANA_LIKE':
      return network.contract
        ? `solana:${address}?amount=${coinAmount}&spl-token=${network.contract.address}`
        : `solana:${address}?amount=${coinAmount}`;
    default:
      return address;
  }
}
