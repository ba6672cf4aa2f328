// What the QR code and the "open in wallet" link carry. Upstream's `qr_text` is used exactly as given; a URI is
// built only when it is absent, from the order and the network's data in /v3/payment_vias (chain id, token
// contract): BIP21 for BTC on Mainnet, `lightning:` for invoices, EIP-681 for EVM coins and tokens, Solana Pay with
// `spl-token` for SPL tokens, else the bare address.
import type {Network, Order} from '../../api/schemas.js';

/** Schemes a wallet link may use. Anything else (javascript:, data:, http:) is never put in an href. */
export const SAFE_WALLET_SCHEMES = ['bitcoin:', 'lightning:', 'ethereum:', 'solana:', 'tron:', 'litecoin:', 'dogecoin:', 'ton:'] as const;

/** The URI if it starts with one of the safe wallet schemes (case-insensitive), else undefined. */
export function walletHref(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  const text = uri.trim();
  // No whitespace or control characters anywhere: a scheme check on a string that the browser would "clean up"
  // differently could be fooled.
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return undefined;
  const lower = text.toLowerCase();
  return SAFE_WALLET_SCHEMES.some((scheme) => lower.startsWith(scheme)) ? text : undefined;
}

/**
 * `"1.5"` in units of 10^-decimals, exactly (BigInt), for EIP-681's integer amounts; undefined when the amount has
 * more decimals than that (no transfer can carry it exactly, and cutting them off would ask for less).
 */
export function toSmallestUnit(amount: string, decimals: number): string | undefined {
  const [whole = '0', frac = ''] = amount.split('.');
  if (/[1-9]/.test(frac.slice(decimals))) return undefined;
  const padded = (frac + '0'.repeat(decimals)).slice(0, decimals);
  return (BigInt(whole || '0') * 10n ** BigInt(decimals) + BigInt(padded || '0')).toString();
}

type UriOrder = Pick<Order, 'qr_text' | 'wallet_address' | 'coin' | 'network' | 'coin_amount'>;

/** Native coins of EVM chains have 18 decimals (ETH, POL, …). */
const EVM_NATIVE_DECIMALS = 18;
/**
 * The coins a URI without a token contract may ask for: the chains' own. Any other coin whose contract is not known
 * (the coin list not loaded yet, or a network without `smart_contract`) gets the bare address, since a native-coin
 * request for a token's amount would ask the wallet for the wrong coin.
 */
const EVM_NATIVE = new Set(['ETH', 'POL', 'MATIC', 'BNB', 'AVAX']);

/** The text to encode in the QR code: `qr_text` when present, else a URI built from the order and its network. */
export function paymentUri(order: UriOrder, network?: Network): string {
  if (order.qr_text && order.qr_text.trim()) return order.qr_text;
  const address = order.wallet_address;
  const amount = order.coin_amount;
  const coin = order.coin.toUpperCase();
  const contract = network?.smart_contract;
  if (order.network === 'Lightning' || /^ln(bc|tb|bcrt)/i.test(address)) return `lightning:${address}`;
  if (coin === 'BTC' && order.network === 'Mainnet') return `bitcoin:${address}?amount=${amount}`;
  const chainId = network?.chain_id;
  const isEvm = chainId !== undefined && chainId !== null && (!contract?.engine || contract.engine === 'EVM');
  if (isEvm && /^0x[0-9a-fA-F]{40}$/.test(address)) {
    // Decimals as ERC-20 has them (uint8): anything else upstream may send is no amount, and no crash either.
    const decimals = contract?.decimals;
    const units = Number.isInteger(decimals) && decimals! >= 0 && decimals! < 256 && toSmallestUnit(amount, decimals!);
    if (units && /^0x[0-9a-fA-F]{40}$/.test(contract!.address!)) return `ethereum:${contract!.address}@${chainId}/transfer?address=${address}&uint256=${units}`;
    // The chain's own coin on its own chain only (the network's `base_token`, where given): POL on ETH Mainnet or ETH
    // on Polygon without a contract would otherwise ask for that amount of the other chain's coin.
    const wei = toSmallestUnit(amount, EVM_NATIVE_DECIMALS);
    if (wei && !contract && EVM_NATIVE.has(coin) && String(network!.base_token ?? coin).toUpperCase() === coin) return `ethereum:${address}@${chainId}?value=${wei}`;
  }
  // Solana Pay: an amount with more decimals than the mint has (9 for SOL) is a link a wallet must refuse, or cuts.
  const fits = (places: number | null | undefined) => Number.isInteger(places) && toSmallestUnit(amount, places!) !== undefined;
  if (order.network === 'Solana') {
    if (contract?.address && fits(contract.decimals)) return `solana:${address}?amount=${amount}&spl-token=${contract.address}`;
    if (coin === 'SOL' && fits(9)) return `solana:${address}?amount=${amount}`;
  }
  return address;
}
