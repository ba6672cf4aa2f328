// JSON's primitive types as zod/mini schemas, for schemas.ts and the stored copies (order-persistence.ts). Each is
// a z.custom check, so the same values pass and fail as with z.string(), z.number() and z.boolean(), with one issue
// at the same path that stops what follows (a refine after one never sees another type), without those three zod
// parts in the bundle (about 0.3 KiB gzipped, paid by every page with a checkout).
import * as z from 'zod/mini';

export const string = z.custom<string>((value) => typeof value === 'string');
/** A number other than NaN and ±Infinity, as z.number() takes them. */
export const number = z.custom<number>((value) => Number.isFinite(value));
export const boolean = z.custom<boolean>((value) => typeof value === 'boolean');
