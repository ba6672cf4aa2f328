// The partner id must never reach a browser, even when upstream quotes it back (an error that names the unknown
// application, a frame that echoes a header). Every answer is scrubbed, whatever its content type, and event streams
// too, as they pass. The search runs on the bytes, so a binary body is left intact wherever the id does not occur, and
// it covers the forms a body may carry it in (as sent, escaped inside a JSON string, percent-encoded).

const encoder = new TextEncoder();
const REPLACEMENT = encoder.encode('[redacted]');

const formsOf = new Map<string, Uint8Array[]>();

/**
 * The byte sequences to scrub for `secret`, longest first (a form never hides inside a shorter one's match); worked
 * out once per secret, as every answer asks for them.
 */
export function secretForms(secret: string): Uint8Array[] {
  let forms = formsOf.get(secret);
  if (!forms) formsOf.set(secret, (forms = formsFor(secret)));
  return forms;
}

function formsFor(secret: string): Uint8Array[] {
  return textForms(secret).map((form) => encoder.encode(form)).sort((a, b) => b.length - a.length);
}

/**
 * The forms `secret` may be written in: as is, escaped inside a JSON string (either way, and with every sign but
 * letters and digits as `\uXXXX`, as .NET writes `+`, in either case of hex), percent-encoded (either case).
 */
function textForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  const upperHex = (text: string) => text.replace(/\\u[0-9a-f]{4}/g, (u) => `\\u${u.slice(2).toUpperCase()}`);
  const asciiJson = json.replace(/[^\x20-\x7e]/g, hex4);
  const allEscaped = secret.replace(/[^A-Za-z0-9]/g, hex4);
  const percent = encodeURIComponent(secret);
  const forms = new Set([
    secret,
    json,
    json.replace(/\//g, '\\/'),
    asciiJson,
    asciiJson.replace(/\//g, '\\/'),
    upperHex(asciiJson),
    allEscaped,
    upperHex(allEscaped),
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (p) => p.toLowerCase()),
  ]);
  return [...forms].filter(Boolean);
}

/**
 * `text` with every form of `secret` replaced, for the operator's log: a line may quote the upstream URL or an error
 * that names the id, and a log is read by more people (and services) than the partner's secrets are.
 */
export function redactText(text: string, secret: string): string {
  if (!secret) return text;
  const forms = textForms(secret).sort((a, b) => b.length - a.length);
  return forms.reduce((t, form) => t.split(form).join('[redacted]'), text);
}

function matchesAt(bytes: Uint8Array, at: number, form: Uint8Array): boolean {
  if (at + form.length > bytes.length) return false;
  for (let i = 0; i < form.length; i++) if (bytes[at + i] !== form[i]) return false;
  return true;
}

/** Whether the bytes from `at` to the end are the beginning of a form (which the next chunk may complete). */
function beginsForm(bytes: Uint8Array, at: number, forms: readonly Uint8Array[]): boolean {
  const rest = bytes.length - at;
  return forms.some((form) => rest < form.length && matchesAt(form.subarray(0, rest), 0, bytes.subarray(at)));
}

// One character per byte (windows-1252 maps each of the 256 bytes to one code point), for the engine's own search.
const byteText = (bytes: Uint8Array) => new TextDecoder('windows-1252').decode(bytes);

function concat(pieces: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(pieces.reduce((n, piece) => n + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/**
 * Scrubs `bytes`, leftmost match first. Unless `final`, it stops where the rest could still turn into a form once
 * more bytes come, and answers that rest apart (to be scanned again with them).
 */
function scrub(bytes: Uint8Array<ArrayBuffer>, forms: readonly Uint8Array[], final: boolean): {out: Uint8Array<ArrayBuffer>; rest: Uint8Array<ArrayBuffer>} {
  const text = byteText(bytes);
  const needles = forms.map(byteText);
  const pieces: Uint8Array[] = [];
  let pos = 0;
  for (;;) {
    let at = -1;
    let length = 0;
    for (const needle of needles) {
      const found = text.indexOf(needle, pos);
      if (found !== -1 && (at === -1 || found < at)) [at, length] = [found, needle.length];
    }
    if (at === -1) break;
    pieces.push(bytes.subarray(pos, at), REPLACEMENT);
    pos = at + length;
  }
  let end = bytes.length;
  if (!final) {
    const longest = Math.max(...forms.map((form) => form.length));
    for (let i = Math.max(pos, bytes.length - longest + 1); i < bytes.length; i++) {
      if (beginsForm(bytes, i, forms)) {
        end = i;
        break;
      }
    }
  }
  const rest = bytes.slice(end);
  if (!pieces.length) return {out: end === bytes.length ? bytes : bytes.slice(0, end), rest};
  pieces.push(bytes.subarray(pos, end));
  return {out: concat(pieces), rest};
}

/** `bytes` with every occurrence of a form replaced; the same array when there is none. */
export function redactBytes(bytes: Uint8Array<ArrayBuffer>, forms: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  return scrub(bytes, forms, true).out;
}

/**
 * The stream, scrubbed as it passes. Only bytes that may begin a form are held back until the next chunk, so a
 * frame's closing blank line (which no form contains) is never delayed.
 */
export function redactStream(stream: ReadableStream<Uint8Array>, forms: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let held: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const bytes = new Uint8Array(held.length + chunk.length);
        bytes.set(held);
        bytes.set(chunk, held.length);
        const {out, rest} = scrub(bytes, forms, false);
        held = rest;
        if (out.length) controller.enqueue(out);
      },
      flush(controller) {
        if (held.length) controller.enqueue(redactBytes(held, forms));
      },
    }),
  );
}
