// The localized text for any failure: an ApiError code, an upstream problem code, or anything else (generic).
import {ApiError} from '../api/errors.js';
import type {ProblemDetails, ProblemInfo} from '../api/problems.js';
import type {CommonMessages} from './locales/en/common.js';

function hasKey<T extends object>(object: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(object, key);
}

/** The message for one upstream problem (unknown codes get the generic one). */
export function problemMessage(problem: Pick<ProblemInfo, 'code'> | {code: string}, messages: CommonMessages): string {
  return hasKey(messages.problems, problem.code) ? messages.problems[problem.code] : messages.errors['unknown-problem'];
}

/** The message for any thrown value, as shown to users. */
export function errorMessage(error: unknown, messages: CommonMessages): string {
  if (error instanceof ApiError) {
    const first = error.problems[0];
    if (error.code === 'problems' && first) return problemMessage(first, messages);
    if (hasKey(messages.errors, error.code)) return messages.errors[error.code];
    return problemMessage(error, messages);
  }
  return messages.errors.network;
}

/** The lines of a problem's safe details ("USDC on Solana", …) with their heading; empty when none. */
export function detailLines(details: ProblemDetails | undefined, messages: CommonMessages): {heading: string; items: string[]} | undefined {
  if (!details) return undefined;
  if (details.kind === 'pairs') {
    return {heading: messages.supportedPairs, items: details.pairs.map((p) => `${p.coin} · ${p.network}`)};
  }
  return {heading: messages.allowedOptions, items: details.items};
}
