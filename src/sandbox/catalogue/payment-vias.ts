// GET /v3/payment_vias: USER_WALLET (the one the widget uses) plus the exchange-pay entries upstream lists.
import {COINS, type CoinDef} from './coins.js';
import type {Json} from './shapes.js';

function currencyJson(coin: CoinDef): Json {
  return {
    name: coin.symbol,
    is_suspended: coin.suspended ?? false,
    networks: coin.networks.map((n) => ({
      name: n.name,
      is_suspended: n.suspended ?? false,
      threshold: n.threshold,
      ...(n.chainId !== undefined ? {chain_id: n.chainId} : {}),
      ...(n.baseToken ? {base_token: n.baseToken} : {}),
      ...(n.contract
        ? {
            smart_contract_engine: n.contract.engine,
            smart_contract: {engine: n.contract.engine, address: n.contract.address, decimals: n.contract.decimals, symbol: coin.symbol},
          }
        : {}),
    })),
  };
}

/** Exchange-pay methods are listed but not available to partner widgets (ordering with one gives NOT_ALLOWED_PAYMENT_VIA). */
export const ALLOWED_PAYMENT_VIAS = ['USER_WALLET'] as const;

export function paymentViasJson(): Json[] {
  const onExchange = (symbols: string[]) => COINS.filter((c) => symbols.includes(c.symbol)).map(currencyJson);
  return [
    {name: 'USER_WALLET', available: true, currencies: COINS.map(currencyJson)},
    {name: 'GATE_PAY', available: false, currencies: onExchange(['USDT', 'BTC'])},
    {name: 'KUCOIN_PAY', available: false, currencies: onExchange(['USDT', 'USDC', 'BTC'])},
  ];
}
