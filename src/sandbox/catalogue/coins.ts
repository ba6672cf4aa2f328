// The coins and networks the sandbox accepts, with fixed fake rates so coin amounts look real and never move
// (tests can compute them). Network names are upstream's exact strings; clients send them back verbatim.

export type Protocol = 'BITCOIN_LIKE' | 'LIGHTNING_LIKE' | 'ETHEREUM_LIKE' | 'SOLANA_LIKE' | 'TRON_LIKE' | 'TON_LIKE';

export interface NetworkDef {
  name: string;
  /** payment_method string upstream uses for this coin on this network ("USDC-MATIC", "BTC-LIGHTNING", "BTC"). */
  paymentMethod: string;
  protocol: Protocol;
  /** Minimum coin amount upstream accepts on this network, as upstream writes it (a string). */
  threshold: string;
  chainId?: number;
  baseToken?: string;
  /** Token contract (ERC-20, SPL or TRC-20); absent for the chain's own coin. */
  contract?: {engine: string; address: string; decimals: number};
  suspended?: boolean;
}

export interface CoinDef {
  symbol: string;
  /** Fixed fake rate: USD for one coin. */
  usd: number;
  /** Decimals upstream shows for amounts of this coin. */
  decimals: number;
  /** Decimals of the coin's smallest unit on chain (wei, lamports…), for EIP-681 `value=`. */
  chainDecimals: number;
  stable?: boolean;
  suspended?: boolean;
  networks: NetworkDef[];
}

/** The fee upstream adds on top of the face value (stablecoins: "1:1 plus a small fee"). */
export const FEE = 0.015;

export const COINS: readonly CoinDef[] = [
  {
    symbol: 'BTC', usd: 76_150, decimals: 8, chainDecimals: 8,
    networks: [
      {name: 'Mainnet', paymentMethod: 'BTC', protocol: 'BITCOIN_LIKE', threshold: '0.00005'},
      {name: 'Lightning', paymentMethod: 'BTC-LIGHTNING', protocol: 'LIGHTNING_LIKE', threshold: '0.00000100'},
    ],
  },
  {
    symbol: 'ETH', usd: 2_950, decimals: 8, chainDecimals: 18,
    networks: [
      {name: 'ETH Mainnet', paymentMethod: 'ETH', protocol: 'ETHEREUM_LIKE', threshold: '0.002', chainId: 1, baseToken: 'ETH'},
      {name: 'Base', paymentMethod: 'ETH-BASE', protocol: 'ETHEREUM_LIKE', threshold: '0.0002', chainId: 8453, baseToken: 'ETH'},
      {name: 'Arbitrum', paymentMethod: 'ETH-ARB', protocol: 'ETHEREUM_LIKE', threshold: '0.0002', chainId: 42161, baseToken: 'ETH'},
    ],
  },
  {
    symbol: 'USDC', usd: 1, decimals: 2, chainDecimals: 6, stable: true,
    networks: [
      {name: 'Solana', paymentMethod: 'USDC-SOL', protocol: 'SOLANA_LIKE', threshold: '0.562099175481640', baseToken: 'SOL',
        contract: {engine: 'SVM', address: 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', decimals: 6}},
      {name: 'Base', paymentMethod: 'USDC-BASE', protocol: 'ETHEREUM_LIKE', threshold: '0.5', chainId: 8453, baseToken: 'ETH',
        contract: {engine: 'EVM', address: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913', decimals: 6}},
      {name: 'Polygon (Matic)', paymentMethod: 'USDC-MATIC', protocol: 'ETHEREUM_LIKE', threshold: '0.5', chainId: 137, baseToken: 'POL',
        contract: {engine: 'EVM', address: '0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359', decimals: 6}},
      {name: 'Arbitrum', paymentMethod: 'USDC-ARB', protocol: 'ETHEREUM_LIKE', threshold: '0.5', chainId: 42161, baseToken: 'ETH',
        contract: {engine: 'EVM', address: '0xaf88d065e77c8cC2239327C5EDb3A432268e5831', decimals: 6}},
      {name: 'ETH Mainnet', paymentMethod: 'USDC-ETH', protocol: 'ETHEREUM_LIKE', threshold: '5', chainId: 1, baseToken: 'ETH',
        contract: {engine: 'EVM', address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', decimals: 6}},
    ],
  },
  {
    symbol: 'USDT', usd: 1, decimals: 2, chainDecimals: 6, stable: true,
    networks: [
      // The one suspended network: clients must grey it out, and ordering with it answers 400 SUSPENDED_NETWORK.
      // Engine "EVM": Tron's TVM is EVM-compatible, and upstream only documents SVM/EVM.
      {name: 'Tron', paymentMethod: 'USDT-TRX', protocol: 'TRON_LIKE', threshold: '1', baseToken: 'TRX', suspended: true,
        contract: {engine: 'EVM', address: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', decimals: 6}},
      {name: 'Polygon (Matic)', paymentMethod: 'USDT-MATIC', protocol: 'ETHEREUM_LIKE', threshold: '0.5', chainId: 137, baseToken: 'POL',
        contract: {engine: 'EVM', address: '0xc2132D05D31c914a87C6611C10748AEb04B58e8F', decimals: 6}},
      {name: 'ETH Mainnet', paymentMethod: 'USDT-ETH', protocol: 'ETHEREUM_LIKE', threshold: '5', chainId: 1, baseToken: 'ETH',
        contract: {engine: 'EVM', address: '0xdAC17F958D2ee523a2206206994597C13D831ec7', decimals: 6}},
    ],
  },
  {
    symbol: 'SOL', usd: 142, decimals: 6, chainDecimals: 9,
    networks: [{name: 'Solana', paymentMethod: 'SOL', protocol: 'SOLANA_LIKE', threshold: '0.004', baseToken: 'SOL'}],
  },
  {
    symbol: 'LTC', usd: 84, decimals: 8, chainDecimals: 8,
    networks: [{name: 'Mainnet', paymentMethod: 'LTC', protocol: 'BITCOIN_LIKE', threshold: '0.001'}],
  },
  {
    symbol: 'TON', usd: 3.1, decimals: 4, chainDecimals: 9,
    networks: [{name: 'Mainnet', paymentMethod: 'TON', protocol: 'TON_LIKE', threshold: '0.2'}],
  },
  {
    symbol: 'TRX', usd: 0.27, decimals: 2, chainDecimals: 6,
    networks: [{name: 'Tron', paymentMethod: 'TRX', protocol: 'TRON_LIKE', threshold: '5', baseToken: 'TRX'}],
  },
  {
    // The one suspended coin: ordering with it answers 400 SUSPENDED_COIN.
    symbol: 'DOGE', usd: 0.16, decimals: 4, chainDecimals: 8, suspended: true,
    networks: [{name: 'Mainnet', paymentMethod: 'DOGE', protocol: 'BITCOIN_LIKE', threshold: '10'}],
  },
  {
    symbol: 'DAI', usd: 1, decimals: 2, chainDecimals: 18, stable: true,
    networks: [
      {name: 'ETH Mainnet', paymentMethod: 'DAI-ETH', protocol: 'ETHEREUM_LIKE', threshold: '5', chainId: 1, baseToken: 'ETH',
        contract: {engine: 'EVM', address: '0x6B175474E89094C44Da98b954EedeAC495271d0F', decimals: 18}},
      {name: 'Polygon (Matic)', paymentMethod: 'DAI-MATIC', protocol: 'ETHEREUM_LIKE', threshold: '0.5', chainId: 137, baseToken: 'POL',
        contract: {engine: 'EVM', address: '0x8f3Cf7ad23Cd3CaDbD9735AFf958023239c6A063', decimals: 18}},
    ],
  },
];

/** The coin products are priced in when the request names none (the captures show USDC on Polygon). */
export const DEFAULT_COIN = 'USDC';

export function findCoin(symbol: string | undefined | null): CoinDef | undefined {
  if (!symbol) return undefined;
  const wanted = symbol.toUpperCase();
  return COINS.find((c) => c.symbol === wanted);
}

export function findNetwork(coin: CoinDef, name: string | undefined | null): NetworkDef | undefined {
  return coin.networks.find((n) => n.name === name);
}

/**
 * The network a product listing or an order without `network` uses: for USDC Polygon (as captured), otherwise the
 * coin's first network that is not suspended.
 */
export function defaultNetwork(coin: CoinDef): NetworkDef {
  if (coin.symbol === 'USDC') return coin.networks.find((n) => n.name === 'Polygon (Matic)')!;
  return coin.networks.find((n) => !n.suspended) ?? coin.networks[0]!;
}

/** Every coin/network pair that can be used, for UNSUPPORTED_PROTOCOL_COIN_COMBINATION's moreDetails. */
export function supportedPairs(): {coin: string; network: string}[] {
  return COINS.filter((c) => !c.suspended).flatMap((c) =>
    c.networks.filter((n) => !n.suspended).map((n) => ({coin: c.symbol, network: n.name})),
  );
}
