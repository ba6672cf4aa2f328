// The reliability figures of an e2e run: every scenario tried (flows, faults, abuse, accessibility), whether it
// survived, and how many orders upstream created for it (more than one for one flow is a duplicate). Each test file
// adds its own section to `.test-results/reliability.json` when it ends (files run one after another, so a
// read-merge-write is enough), and the README's reliability section quotes the totals.
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const SUMMARY_FILE = join(root, '.test-results', 'reliability.json');

export type ScenarioKind = 'flow' | 'fault' | 'abuse' | 'a11y' | 'keyboard';

export interface ScenarioResult {
  name: string;
  kind: ScenarioKind;
  survived: boolean;
  /** `counts.createOrder` in the sandbox for this scenario (undefined where no order is involved). */
  ordersCreated?: number;
  /** Orders beyond the one the scenario meant to create. */
  duplicated?: number;
  /** Known bug the scenario is waiting for (node:test todo). */
  todo?: string;
  ms: number;
  note?: string;
}

export interface ReliabilitySummary {
  updatedAt: string;
  totals: {scenarios: number; survived: number; failed: number; faultsTried: number; faultsSurvived: number; ordersDuplicated: number; todo: number};
  files: Record<string, {scenarios: ScenarioResult[]; extra?: Record<string, unknown>}>;
}

/** Collects one test file's scenarios; `write()` merges them into the summary file. */
export class ReliabilityRecorder {
  readonly scenarios: ScenarioResult[] = [];
  readonly extra: Record<string, unknown> = {};
  constructor(private readonly file: string) {}

  add(result: ScenarioResult): void {
    this.scenarios.push(result);
  }

  /** Runs `body` as one scenario, recording it whether it passes or throws (and rethrowing). */
  async run(name: string, kind: ScenarioKind, body: () => Promise<{ordersCreated?: number; expectedOrders?: number; note?: string} | void>, todo?: string): Promise<void> {
    const start = Date.now();
    try {
      const outcome = (await body()) ?? {};
      const expected = outcome.expectedOrders ?? (outcome.ordersCreated === undefined ? undefined : 1);
      this.add({
        name,
        kind,
        survived: true,
        ms: Date.now() - start,
        ...(outcome.ordersCreated !== undefined ? {ordersCreated: outcome.ordersCreated, duplicated: Math.max(0, outcome.ordersCreated - (expected ?? 1))} : {}),
        ...(outcome.note ? {note: outcome.note} : {}),
        ...(todo ? {todo} : {}),
      });
    } catch (error) {
      this.add({name, kind, survived: false, ms: Date.now() - start, note: String((error as Error).message).slice(0, 300), ...(todo ? {todo} : {})});
      throw error;
    }
  }

  write(): void {
    mkdirSync(join(root, '.test-results'), {recursive: true});
    let summary: ReliabilitySummary;
    try {
      summary = JSON.parse(readFileSync(SUMMARY_FILE, 'utf8')) as ReliabilitySummary;
    } catch {
      summary = {updatedAt: '', totals: {scenarios: 0, survived: 0, failed: 0, faultsTried: 0, faultsSurvived: 0, ordersDuplicated: 0, todo: 0}, files: {}};
    }
    summary.files[this.file] = {scenarios: this.scenarios, ...(Object.keys(this.extra).length ? {extra: this.extra} : {})};
    const all = Object.values(summary.files).flatMap((f) => f.scenarios);
    const faults = all.filter((s) => s.kind === 'fault');
    summary.totals = {
      scenarios: all.length,
      survived: all.filter((s) => s.survived).length,
      // A todo scenario that fails is a known, reported bug: counted apart, not as a failure.
      failed: all.filter((s) => !s.survived && !s.todo).length,
      faultsTried: faults.length,
      faultsSurvived: faults.filter((s) => s.survived).length,
      ordersDuplicated: all.reduce((n, s) => n + (s.duplicated ?? 0), 0),
      todo: all.filter((s) => s.todo).length,
    };
    summary.updatedAt = new Date().toISOString();
    writeFileSync(SUMMARY_FILE, `${JSON.stringify(summary, null, 2)}\n`);
  }
}
