// Independent address checkers (BIP173 bech32, base58check), so the tests do not trust the sandbox's own encoders.
import {createHash} from 'node:crypto';

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

/** True when `address` is valid bech32 with human-readable part `hrp`. */
export function isBech32(address: string, hrp: string): boolean {
  const sep = address.lastIndexOf('1');
  if (address.slice(0, sep) !== hrp) return false;
  const data = [...address.slice(sep + 1)].map((c) => CHARSET.indexOf(c));
  if (data.some((d) => d < 0) || data.length < 7) return false;
  const values = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31), ...data];
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const b = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((b >>> i) & 1) chk = (chk ^ gen[i]!) >>> 0;
  }
  return chk === 1;
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58Decode(text: string): Buffer {
  let n = 0n;
  for (const c of text) {
    const i = B58.indexOf(c);
    if (i < 0) throw new Error(`not base58: ${c}`);
    n = n * 58n + BigInt(i);
  }
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const zeros = text.match(/^1*/)![0].length;
  return Buffer.concat([Buffer.alloc(zeros), Buffer.from(n === 0n ? '' : hex, 'hex')]);
}

/** The version byte of a valid base58check string, or undefined when its checksum is wrong. */
export function base58checkVersion(text: string): number | undefined {
  const bytes = base58Decode(text);
  const body = bytes.subarray(0, -4);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest();
  return sha(sha(body)).subarray(0, 4).equals(bytes.subarray(-4)) ? body[0] : undefined;
}
