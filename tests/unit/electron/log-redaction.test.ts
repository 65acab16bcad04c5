// The log's last line of defence: secrets and citizens' words are blanked by key in what is
// logged, and by pattern and by value in every text (the diagnostics zip's filter, tested on
// its own in tests/unit/admin/redaction.test.ts), while what IT needs from a log (ids, times,
// counts, paths) stays readable.
import { describe, expect, it } from 'vitest';
import { createRedactor, isSecretKey, REDACTED, redactingLogger } from '../../../electron/main/log-redaction';
import type { Logger } from '../../../electron/services/logger';
import { parsedTestConfig } from '../../support/test-config';

const HASH = 'scrypt$32768$8$1$rZEVI4R17RpvgqdZQawF+w==$0yiN1fd0dJTZX4iTnNipw8FrgfV5Wg7m+uToXTWNAAE=';

describe('isSecretKey', () => {
  it('knows the keys that hold secrets or a citizen’s words, in any case style', () => {
    for (const key of [
      'pin',
      'PIN',
      'pinHash',
      'pin_hash',
      'adminPin',
      'token',
      'uploadToken',
      'authorization',
      'Proxy-Authorization',
      'password',
      'comment',
      'comments',
      'phone',
      'phoneNumber',
      'cookie',
      'secret',
      'credentials',
      'session',
      'dossierCode',
      'raw',
    ]) {
      expect({ key, secret: isSecretKey(key) }).toEqual({ key, secret: true });
    }
  });

  it('leaves ordinary keys alone, including ones that merely contain the letters', () => {
    for (const key of [
      'id',
      'level',
      'count',
      'delivered',
      'spinner',
      'pinned',
      'opinion',
      'reason',
      'detail',
      'file',
      'proxy',
      'attemptsLeft',
      'version',
      'url',
      'dossierRated',
      'source',
    ]) {
      expect({ key, secret: isSecretKey(key) }).toEqual({ key, secret: false });
    }
  });
});

describe('createRedactor', () => {
  it('blanks values under secret keys at any depth, in arrays, errors and causes, keeping flags', () => {
    const r = createRedactor();
    const error = Object.assign(new Error('upload failed'), { token: 'abc-token-123' });
    error.cause = { comment: 'Nhân viên rất tận tình' };
    const out = r.value({
      rating: { id: 'r1', level: 5, comment: 'Nhân viên rất tận tình', reasons: ['wait'] },
      contacts: [{ phone: '0912345678', consent: true }],
      admin: { pin: 123456, pinHash: HASH, pinSet: true, tokenConfigured: false, token: null },
      error,
    }) as Record<string, Record<string, unknown>>;
    expect(out.rating).toEqual({ id: 'r1', level: 5, comment: REDACTED, reasons: ['wait'] });
    expect(out.contacts).toEqual([{ phone: REDACTED, consent: true }]);
    expect(out.admin).toEqual({ pin: REDACTED, pinHash: REDACTED, pinSet: true, tokenConfigured: false, token: null });
    expect(out.error).toMatchObject({ name: 'Error', message: 'upload failed', token: REDACTED, cause: { comment: REDACTED } });
    expect(out.error!.stack).toContain('upload failed');
  });

  it('blanks phone numbers, PIN hashes, bearer credentials and URL passwords in any text', () => {
    const r = createRedactor();
    const texts = [
      'callback to 0912345678 please',
      'intl +84 912 345 678',
      `hash ${HASH} end`,
      'Authorization: Bearer kiosk-01-token-0123456789',
      'via http://user:s3cret@proxy.example:3128 ok',
      '{"comment":"Chờ lâu quá","level":2}',
      'GET /x?token=abc123xyz&page=2',
    ];
    const out = texts.map((t) => r.text(t)).join('\n');
    for (const secret of ['0912345678', '912 345 678', HASH, 'kiosk-01-token-0123456789', 's3cret', 'Chờ lâu quá', 'abc123xyz'])
      expect(out).not.toContain(secret);
    expect(out).toContain('proxy.example:3128');
    expect(out).toContain('"level":2');
    expect(out).toContain('page=2');
  });

  it('keeps what IT reads in a log: rating ids, epoch milliseconds, dates, counts, paths', () => {
    const r = createRedactor();
    const keep = [
      'rating 0190b3a4-7c5e-7000-8000-000000000000 refused',
      'rating 01934567-8901-7234-8567-012345678901 refused',
      'at 1733040000000 (2026-12-01T10:00:00.000+07:00)',
      'delivered 200 of 4096, next in 300000 ms',
      'C:\\ProgramData\\SatisfactionKiosk\\data\\ratings.db',
      'exit code 3221225477',
      'upload route {"via":"proxy","proxy":"http://proxy.example:3128"}',
    ];
    for (const line of keep) expect(r.text(line)).toBe(line);
  });

  it('blanks the loaded configuration’s secrets and dossier codes by value once it is told the configuration', () => {
    const r = createRedactor();
    const config = parsedTestConfig({
      server: { url: 'https://city.example/api', token: 'tok/with+odd=chars', proxy: 'http://kiosk:p%40ss-w0rd@proxy.example:3128' },
      admin: { pinHash: HASH },
    });
    expect(r.text('token tok/with+odd=chars')).toBe('token tok/with+odd=chars');
    r.useConfig(config);
    const out = r.text('server echoed tok/with+odd=chars and tok%2Fwith%2Bodd%3Dchars; proxy said p@ss-w0rd');
    for (const secret of ['tok/with+odd=chars', 'tok%2Fwith%2Bodd%3Dchars', 'p@ss-w0rd']) expect(out).not.toContain(secret);
    expect(out.startsWith('server echoed ')).toBe(true);
  });

  it('survives cycles, deep nesting, binary data and long arrays', () => {
    const r = createRedactor();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    let deep: Record<string, unknown> = { phone: '0912345678' };
    for (let i = 0; i < 20; i++) deep = { inner: deep };
    const out = r.value({ loop, deep, buf: Buffer.from('0912345678'), list: Array.from({ length: 250 }, (_, i) => i) }) as Record<string, unknown>;
    expect(out.loop).toEqual({ name: 'loop', self: '[circular]' });
    expect(JSON.stringify(out.deep)).not.toContain('0912345678');
    expect(out.buf).toBe('[binary 10 bytes]');
    expect(out.list).toHaveLength(201);
  });
});

describe('redactingLogger', () => {
  it('redacts messages and fields before the wrapped logger sees them', () => {
    const seen: unknown[][] = [];
    const inner: Logger = { info: (...a) => seen.push(['info', ...a]), warn: (...a) => seen.push(['warn', ...a]), error: (...a) => seen.push(['error', ...a]) };
    const log = redactingLogger(inner, createRedactor());
    log.info({ comment: 'x', count: 2 }, 'contact 0912345678 stored');
    log.warn('wrong PIN hash scrypt$1$2$3$aaaa$bbbb');
    log.error({ error: new Error('Bearer abcdefgh refused') });
    expect(seen[0]).toEqual(['info', { comment: REDACTED, count: 2 }, `contact ${REDACTED} stored`]);
    expect(seen[1]).toEqual(['warn', `wrong PIN hash ${REDACTED}`, undefined]);
    expect((seen[2]![1] as { error: { message: string } }).error.message).toBe(`${REDACTED} refused`);
  });
});
