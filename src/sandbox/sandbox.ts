// Everything one running sandbox remembers: orders, open streams, faults, the request log and its settings.
// The HTTP layer (server.ts) routes to it; tests reset it through the controls.
import {Faults} from './faults.js';
import {OrderStore, isTerminalState, type Action, type OrderRecord} from './orders.js';
import {RequestLog} from './request-log.js';
import {StreamHub} from './stream.js';

export interface SandboxConfig {
  /** Interval of `: keep-alive` comments on open streams. */
  keepAliveMs: number;
  /** Delay between the auto-pilot's steps (PaymentStarted → PaymentReceived → WaitingForDelivery → Done). */
  autopilotStepMs: number;
  /** An unpaid order expires by itself after this many seconds (upstream: 30 minutes); 0 = never. */
  paymentWindowSeconds: number;
  autopilot: boolean;
}

export const DEFAULT_CONFIG: SandboxConfig = {keepAliveMs: 15_000, autopilotStepMs: 1_000, paymentWindowSeconds: 30 * 60, autopilot: false};

export class Sandbox {
  readonly config: SandboxConfig;
  readonly faults = new Faults();
  readonly log = new RequestLog();
  readonly orders: OrderStore;
  readonly hub: StreamHub;
  private timers = new Set<NodeJS.Timeout>();
  private sleepers = new Set<() => void>();

  constructor(
    private initial: SandboxConfig,
    readonly origin: () => string,
  ) {
    this.config = {...initial};
    this.orders = new OrderStore({origin, paymentWindowSeconds: () => this.config.paymentWindowSeconds});
    this.hub = new StreamHub(this.faults, () => this.config.keepAliveMs);
    this.orders.onChange((record) => this.hub.broadcast(record));
  }

  /** A control action on an order, plus the auto-pilot's follow-up steps after a full payment. */
  act(orderId: string, action: Action, body: Record<string, unknown> = {}): OrderRecord | string {
    const result = this.orders.apply(orderId, action, body);
    if (typeof result !== 'string' && action === 'pay' && body.amount !== 'under' && this.config.autopilot) this.autopilot(result.id);
    return result;
  }

  private autopilot(orderId: string): void {
    const steps: Action[] = ['seen', 'confirm', 'deliver'];
    const next = (i: number) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        const record = this.orders.get(orderId);
        if (!record || isTerminalState(record.order.order_state)) return;
        this.orders.apply(orderId, steps[i]!);
        if (i + 1 < steps.length) next(i + 1);
      }, this.config.autopilotStepMs);
      this.timers.add(timer);
    };
    next(0);
  }

  /** Waits `ms` (slow-answer fault), cut short when the sandbox shuts down so close() stays quick. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  /** Forget orders, faults, counters and settings changed by controls; ends open streams. */
  reset(): void {
    this.stopTimers();
    this.hub.closeAll();
    this.orders.reset();
    this.faults.clear();
    this.log.reset();
    Object.assign(this.config, this.initial);
  }

  shutdown(): void {
    this.stopTimers();
    for (const wake of [...this.sleepers]) wake();
    this.hub.closeAll();
    this.orders.reset();
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
