// The in-memory sign-in limit (the embedded receiver's) and the key a client is counted under.
import { describe, expect, it } from 'vitest';
import { createSignInLimiter, RateLimitError, signInClientKey } from '../../../server/rate-limits';

describe('signInClientKey', () => {
  it('keeps an IPv4 address, mapped or not, as it is', () => {
    expect(signInClientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(signInClientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(signInClientKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address under its /64, however it is written', () => {
    const key = '2001:db8:1:2::/64';
    for (const a of ['2001:db8:1:2::1', '2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:DB8:1:2:a::b', '2001:db8:1:2::1%eth0']) {
      expect(signInClientKey(a), a).toBe(key);
    }
    expect(signInClientKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(signInClientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(signInClientKey('::1')).toBe('0:0:0:0::/64');
    expect(signInClientKey('::')).toBe('0:0:0:0::/64');
    expect(signInClientKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });

  it('puts a connection without an address under one key', () => {
    expect(signInClientKey(undefined)).toBe('unknown');
  });

  it('counts what is not an address as it is written, apart from every real client', () => {
    expect(signInClientKey('Not-An-Address')).toBe('not-an-address');
    expect(signInClientKey('2001:db8::1::2')).toBe('2001:db8::1::2');
  });
});

describe('createSignInLimiter', () => {
  const limit = { failures: 3, windowMinutes: 15 };
  const WINDOW = 15 * 60_000;

  it('refuses past the limit with the seconds left in the window, and forgets at the next window', async () => {
    const l = createSignInLimiter(limit);
    const t = 100 * WINDOW + 60_000;
    for (let i = 0; i < 3; i++) await l.attempt('a', t);
    const refused = await l.attempt('a', t).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect((refused as RateLimitError).retryAfterSeconds).toBe(14 * 60);
    await expect(l.attempt('b', t)).resolves.toBeTypeOf('function');
    await expect(l.attempt('a', 101 * WINDOW)).resolves.toBeTypeOf('function');
  });

  it('takes a successful attempt back, within its own window only', async () => {
    const l = createSignInLimiter(limit);
    const t = 100 * WINDOW;
    const ok = await l.attempt('a', t);
    await ok();
    for (let i = 0; i < 3; i++) await l.attempt('a', t);
    await expect(l.attempt('a', t)).rejects.toBeInstanceOf(RateLimitError);
    // An attempt of the previous window given back late frees nothing in this one.
    const old = await l.attempt('c', t);
    for (let i = 0; i < 3; i++) await l.attempt('c', t + WINDOW);
    await old();
    await expect(l.attempt('c', t + WINDOW)).rejects.toBeInstanceOf(RateLimitError);
  });

  it('keeps a refused client refused while thousands of other addresses come and go', async () => {
    const l = createSignInLimiter(limit);
    const t = 100 * WINDOW;
    for (let i = 0; i < 10_000; i++) await l.attempt(`old-${i}`, t - WINDOW);
    for (let i = 0; i < 3; i++) await l.attempt('a', t);
    for (let i = 0; i < 10_000; i++) await l.attempt(`new-${i}`, t);
    await expect(l.attempt('a', t)).rejects.toBeInstanceOf(RateLimitError);
  });
});
