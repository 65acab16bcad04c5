import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS, hashPin, parsePinHash, verifyPin } from '../../../electron/services/admin/pin-hash';
import { DEMO_CONFIG_INPUT } from '../../../shared/config-schema';

const FAST = { N: 1024, r: 8, p: 1 };

describe('PIN hash', () => {
  it('writes a self-describing scrypt string with a random salt', async () => {
    const a = await hashPin('123456', FAST);
    const b = await hashPin('123456', FAST);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('123456');
  });

  it('verifies the right PIN and rejects near misses', async () => {
    const parsed = parsePinHash(await hashPin('246810', FAST))!;
    expect(await verifyPin('246810', parsed)).toBe(true);
    for (const wrong of ['246811', '24681', '2468100', '0246810', '']) expect(await verifyPin(wrong, parsed)).toBe(false);
  });

  it('uses a slow default cost', async () => {
    const h = await hashPin('1234');
    expect(parsePinHash(h)!.params).toEqual(DEFAULT_SCRYPT_PARAMS);
    expect(DEFAULT_SCRYPT_PARAMS.N).toBeGreaterThanOrEqual(2 ** 14);
  });

  it('refuses PINs outside 4-12 digits', async () => {
    await expect(hashPin('123', FAST)).rejects.toThrow(/4 to 12 digits/);
    await expect(hashPin('12a456', FAST)).rejects.toThrow();
    await expect(hashPin('1234567890123', FAST)).rejects.toThrow();
  });

  it('does not parse strings it did not write, or costs that would stall the kiosk', async () => {
    const good = await hashPin('1234', FAST);
    const parts = good.split('$');
    expect(parsePinHash(good)).not.toBeNull();
    expect(parsePinHash('')).toBeNull();
    expect(parsePinHash('1234')).toBeNull();
    expect(parsePinHash(good.replace('scrypt', 'bcrypt'))).toBeNull();
    expect(parsePinHash([...parts.slice(0, 1), '1000', ...parts.slice(2)].join('$'))).toBeNull(); // not a power of two
    expect(parsePinHash([...parts.slice(0, 1), String(2 ** 24), ...parts.slice(2)].join('$'))).toBeNull();
    expect(parsePinHash(parts.slice(0, 5).join('$'))).toBeNull();
  });

  it('the demo config carries a hash of the documented demo PIN 123456', async () => {
    const parsed = parsePinHash(DEMO_CONFIG_INPUT.admin?.pinHash ?? '');
    expect(parsed).not.toBeNull();
    expect(await verifyPin('123456', parsed!)).toBe(true);
  });
});
