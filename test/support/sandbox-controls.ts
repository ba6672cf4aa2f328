// Typed wrapper of the sandbox's /__sandbox/ controls. Isomorphic: fetch only (no node: imports, no lit), so Node
// tests and browser tests (the controls answer CORS) use the same helper. The wire shapes are the sandbox's own:
// type imports only, so nothing of the server reaches a browser test.
import type {FaultSpec} from '../../src/sandbox/faults.js';
import type {LoggedRequest} from '../../src/sandbox/request-log.js';

export type {FaultKind, FaultSpec} from '../../src/sandbox/faults.js';
export type {LoggedRequest} from '../../src/sandbox/request-log.js';

export type OrderAction = 'pay' | 'seen' | 'confirm' | 'deliver' | 'expire' | 'fail' | 'review' | 'refund' | 'cancel' | 'state';

export interface SandboxStats {
  openStreams: number;
  /** Open streams per order id. */
  openStreamsByOrder: Record<string, number>;
  orders: number;
  counts: Record<string, number>;
  requests: LoggedRequest[];
  faults: (FaultSpec & {id: number; remaining: number | null; fired: number})[];
  config: SandboxConfig;
}

export interface SandboxConfig {
  keepAliveMs: number;
  autopilotStepMs: number;
  paymentWindowSeconds: number;
  autopilot: boolean;
}

export interface ActionBody {
  amount?: 'exact' | 'under' | 'over';
  order_state?: string;
  payment_state?: string;
  delivery_state?: string;
}

export interface SandboxControls {
  reset(): Promise<void>;
  stats(): Promise<SandboxStats>;
  /** Drives an order; answers its new version and the whole Order. */
  act(orderId: string, action: OrderAction, body?: ActionBody): Promise<{version: number; order: Record<string, unknown>}>;
  autopilot(on: boolean): Promise<void>;
  config(changes: Partial<SandboxConfig>): Promise<SandboxConfig>;
  /** Adds a fault; answers its id and, for drop-stream "now", how many open streams it dropped. */
  fault(spec: FaultSpec): Promise<{id: number; dropped: number}>;
  clearFaults(): Promise<void>;
  /** Removes one fault (by the id `fault()` answered), leaving the others in place. */
  removeFault(id: number): Promise<void>;
  /** The ids of the orders upstream holds, oldest first. */
  orderIds(): Promise<string[]>;
}

export function sandboxControls(sandboxUrl: string): SandboxControls {
  const base = `${sandboxUrl.replace(/\/+$/, '')}/__sandbox`;
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${base}/${path}`, {
      method,
      ...(body !== undefined ? {headers: {'content-type': 'application/json'}, body: JSON.stringify(body)} : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return {
    reset: async () => void (await call('POST', 'reset', {})),
    stats: () => call('GET', 'stats'),
    act: (orderId, action, body = {}) => call('POST', `orders/${encodeURIComponent(orderId)}/${action}`, body),
    autopilot: async (on) => void (await call('POST', 'autopilot', {on})),
    config: (changes) => call('POST', 'config', changes),
    fault: (spec) => call('POST', 'faults', spec),
    clearFaults: async () => void (await call('DELETE', 'faults')),
    removeFault: async (id) => void (await call('DELETE', `faults/${id}`)),
    orderIds: async () => (await call<{order_id: string}[]>('GET', 'orders')).map((o) => o.order_id),
  };
}
