// Upstream problem codes → `{code, field}` so the checkout can put each message next to its field. `moreDetails`
// is arbitrary JSON from upstream: it is never rendered raw, only turned into a short list of plain strings after
// its shape has been checked (supported coin/network pairs, allowed payment kinds).
import {PROBLEM_CODE_SHAPE, PROBLEM_FIELDS, isKnownProblem, type ProblemCode, type ProblemField} from '../upstream/problems.js';
import type {Validation} from './schemas.js';

export type {ProblemCode, ProblemField};

/** A problem code upstream has not documented (but shaped like one): it gets a generic message. */
export const UNKNOWN_PROBLEM = 'unknown-problem';

/** Safe, already-validated extra information from `moreDetails`. */
export type ProblemDetails =
  | {kind: 'pairs'; pairs: {coin: string; network: string}[]}
  | {kind: 'list'; items: string[]};

export interface ProblemInfo {
  /** The documented code, or `unknown-problem`. */
  code: ProblemCode | typeof UNKNOWN_PROBLEM;
  /** What upstream sent (for logs; only rendered when it has the shape of a code). */
  raw: string;
  /** The form field the problem concerns; `form` when none in particular. */
  field: ProblemField;
  details?: ProblemDetails;
}

const MAX_ITEMS = 24;
// Coin and network names: letters, digits, spaces and a little punctuation ("Polygon (Matic)", "ETH Mainnet").
const SAFE_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._()\-/]{0,39}$/u;

function safeName(value: unknown): string | undefined {
  return typeof value === 'string' && SAFE_NAME.test(value.trim()) ? value.trim() : undefined;
}

function asArray(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  // Some APIs wrap lists: {supported: [...]}, {pairs: [...]}, {allowed: [...]}.
  if (value && typeof value === 'object') {
    const lists = Object.values(value).filter(Array.isArray);
    if (lists.length === 1) return lists[0] as unknown[];
  }
  return undefined;
}

/** Supported coin/network pairs from `[{coin, network}]`, `[{coin, networks: []}]` or `["USDC-Solana"]`-like data. */
function pairsOf(moreDetails: unknown): ProblemDetails | undefined {
  const list = asArray(moreDetails);
  if (!list) return undefined;
  const pairs: {coin: string; network: string}[] = [];
  for (const entry of list) {
    if (pairs.length >= MAX_ITEMS) break;
    if (entry && typeof entry === 'object') {
      const record = entry as Record<string, unknown>;
      const coin = safeName(record['coin'] ?? record['currency'] ?? record['symbol']);
      if (!coin) continue;
      const networks = Array.isArray(record['networks']) ? record['networks'] : [record['network'] ?? record['protocol']];
      for (const n of networks) {
        const network = safeName(typeof n === 'object' && n ? (n as Record<string, unknown>)['name'] : n);
        if (network && pairs.length < MAX_ITEMS) pairs.push({coin, network});
      }
    }
  }
  if (pairs.length) return {kind: 'pairs', pairs};
  return listOf(list);
}

function listOf(moreDetails: unknown): ProblemDetails | undefined {
  const list = asArray(moreDetails);
  if (!list) return undefined;
  const items = list.map(safeName).filter((s): s is string => !!s).slice(0, MAX_ITEMS);
  return items.length ? {kind: 'list', items} : undefined;
}

/** The safe form of `moreDetails` for the codes that document it; undefined for all others. */
export function problemDetails(code: string, moreDetails: unknown): ProblemDetails | undefined {
  if (moreDetails === undefined || moreDetails === null) return undefined;
  if (code === 'UNSUPPORTED_PROTOCOL_COIN_COMBINATION') {
    return pairsOf(moreDetails);
  }
  if (code === 'NOT_ALLOWED_PAYMENT_VIA') return listOf(moreDetails);
  return undefined;
}

/** One problem code (from a Validation, or an HTTP-level `status`/`detail`) as a ProblemInfo. */
export function problemInfo(raw: string, moreDetails?: unknown): ProblemInfo {
  const code = isKnownProblem(raw) ? raw : UNKNOWN_PROBLEM;
  const field: ProblemField = isKnownProblem(raw) ? PROBLEM_FIELDS[raw] : 'form';
  const details = problemDetails(raw, moreDetails);
  return {code, raw: PROBLEM_CODE_SHAPE.test(raw) ? raw : UNKNOWN_PROBLEM, field, ...(details ? {details} : {})};
}

/** A Validation's problems (null and [] both mean none), each once. */
export function validationProblems(validation: Pick<Validation, 'problems'>): ProblemInfo[] {
  const seen = new Set<string>();
  const out: ProblemInfo[] = [];
  for (const p of validation.problems ?? []) {
    if (seen.has(p.problem)) continue;
    seen.add(p.problem);
    out.push(problemInfo(p.problem, p.moreDetails));
  }
  return out;
}

/** True when a string looks like an upstream problem code (known or not). */
export function isProblemCode(value: unknown): value is string {
  return typeof value === 'string' && PROBLEM_CODE_SHAPE.test(value);
}
