// Reads and checks a POST body: JSON only, small, an object. The limit is enforced while the body streams in
// (read-limited.ts), so a client cannot make the proxy hold a large body in memory (or wait for one) before being told no.
import {COUNTRY_CODE} from '../upstream/endpoints.js';
import {refuse, type Refusal} from './errors.js';
import {readLimited} from './read-limited.js';

export interface JsonBody {
  /** What is sent upstream: the parsed body serialised again, so upstream sees exactly what the proxy checked. */
  text: string;
  /** Upper-case ISO code of the first delivery's `country_code` (flat or nested under `deliverable`), if valid. */
  country?: string;
}

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** Checks Content-Type and size, parses, and returns the body to forward; a Refusal when any check fails. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonBody | Refusal> {
  const type = request.headers.get('content-type');
  if (type === null || !JSON_TYPE.test(type.trim())) {
    return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', 'POST bodies must be sent as Content-Type: application/json.');
  }
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) return tooLarge(maxBytes);
  const bytes = await readLimited(request.body, maxBytes);
  if (bytes === 'too-large') return tooLarge(maxBytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(bytes));
  } catch {
    return refuse(400, 'INVALID_JSON', 'The body is not valid UTF-8 JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return refuse(400, 'INVALID_JSON', 'The body must be a JSON object.');
  }
  const result: JsonBody = {text: JSON.stringify(parsed)};
  const country = firstDeliveryCountry(parsed as Record<string, unknown>);
  if (country) result.country = country;
  return result;
}

const tooLarge = (maxBytes: number) => refuse(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${maxBytes} bytes.`);

/** The order's country for `X-Country-ISO-Code`: deliveries may be flat or `{kind, quantity, deliverable: {…}}`. */
export function firstDeliveryCountry(body: Record<string, unknown>): string | undefined {
  const deliveries = body.deliveries;
  if (!Array.isArray(deliveries) || deliveries.length === 0) return undefined;
  const first: unknown = deliveries[0];
  if (typeof first !== 'object' || first === null) return undefined;
  const flat = first as Record<string, unknown>;
  const nested = typeof flat.deliverable === 'object' && flat.deliverable !== null ? (flat.deliverable as Record<string, unknown>) : {};
  const code = typeof flat.country_code === 'string' ? flat.country_code : nested.country_code;
  return typeof code === 'string' && COUNTRY_CODE.test(code) ? code.toUpperCase() : undefined;
}
