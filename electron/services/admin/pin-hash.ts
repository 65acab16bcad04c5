// The admin PIN is kept only as a salted scrypt hash in a self-describing string
// (`scrypt$N$r$p$saltB64$hashB64`), so the cost can be raised later without breaking
// installed configs: verification reads the parameters from the string itself.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** ~32 MiB and roughly 100 ms per try: slow enough to make guessing a 6-digit PIN from a stolen config costly. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const PIN_PATTERN = /^\d{4,12}$/;

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

function derive(pin: string, salt: Buffer, params: ScryptParams, keyLength: number): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is exactly 128·N·r for the default cost and would refuse it.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  if (!isValidPin(pin)) throw new Error('the PIN must be 4 to 12 digits');
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(pin, salt, params, KEY_LENGTH);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export interface ParsedPinHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

/** Null when the string is not one this module wrote (a typo in the config, for instance). */
export function parsePinHash(stored: string): ParsedPinHash | null {
  const parts = stored.trim().split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((x) => (/^\d{1,10}$/.test(x!) ? Number(x) : NaN)) as [number, number, number];
  // Bounds keep a hostile or mistyped config from making one verification take minutes or gigabytes.
  const powerOfTwo = Number.isInteger(Math.log2(N));
  if (!powerOfTwo || N < 2 ** 10 || N > 2 ** 20 || !(r >= 1 && r <= 32) || !(p >= 1 && p <= 16)) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const key = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || key.length < 16 || key.length > 128) return null;
  return { params: { N, r, p }, salt, key };
}

export async function verifyPin(pin: string, parsed: ParsedPinHash): Promise<boolean> {
  const candidate = await derive(pin, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(candidate, parsed.key);
}
