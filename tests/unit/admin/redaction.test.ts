// The filter every text in the diagnostics zip goes through: the configuration's secrets as
// text, PIN hashes, bearer tokens, URL credentials, a citizen's phone number, comment or
// dossier code, in the log formats the kiosk writes (pino's JSON, electron-log's inspected
// objects), while timestamps, counts and ids stay readable for IT.
import { describe, expect, it } from 'vitest';
import {
  dossierSearchPattern,
  REDACTED,
  redactedConfig,
  redactionRules,
  redactJson,
  redactText,
  redactUrl,
  secretsOf,
} from '../../../electron/services/diagnostics/redaction';
import { parsedTestConfig } from '../../support/test-config';

const TOKEN = 'tok-8d2e6f0a4c9b1357';
const HEAD_HASH = 'scrypt$32768$8$1$R2ngjYPrnNPF/6QfKMcLbg==$CSbYx9+x3jSlG9J/e45QJF2ZsOwBSDt5KmXgzjmOq+c=';
const OFFICER_HASH = 'scrypt$1024$8$1$zadU/elofYPA7IYtWRGlgA==$W5tx9E5lh3Waz2+XeXUHN6q1juuM5+oIzp6A+POpbI0=';

const config = parsedTestConfig({
  server: { url: 'https://city.example/kiosk', token: TOKEN, proxy: 'http://kiosk%40unit:S3cr%C3%AAt-pw@proxy.example:3128' },
  admin: { pinHash: HEAD_HASH },
  counters: [{ id: 'Q1', name: 'Quầy 1' }],
  officers: [{ id: 'lan.nt', name: 'Nguyễn Thị Lan', counterId: 'Q1', pinHash: OFFICER_HASH }],
});
const rules = redactionRules(config);

describe('secretsOf', () => {
  it('lists the token, every PIN hash and the proxy credentials as written and decoded, longest first', () => {
    const secrets = secretsOf(config);
    expect(secrets).toEqual(expect.arrayContaining([TOKEN, HEAD_HASH, OFFICER_HASH, 'kiosk%40unit', 'kiosk@unit', 'S3cr%C3%AAt-pw', 'S3crêt-pw']));
    expect([...secrets].sort((a, b) => b.length - a.length)).toEqual(secrets);
  });

  it('leaves out unset values and ones too short to search for as text', () => {
    const bare = parsedTestConfig({ server: { url: 'https://city.example', token: 'abc', proxy: 'http://u:p@proxy.example:3128' } });
    expect(secretsOf(bare)).toEqual([]);
  });
});

describe('redactText', () => {
  it.each([
    ['the token anywhere', `POST failed for ${TOKEN} at 10:00`, `POST failed for ${REDACTED} at 10:00`],
    ['the token URL-encoded', `GET /x?t=${encodeURIComponent(TOKEN)}`, `GET /x?t=${REDACTED}`],
    ['any PIN hash', 'hash scrypt$16384$8$1$abc==$def= end', `hash ${REDACTED} end`],
    ['a bearer token', 'Authorization: Bearer abc.def-ghi', `Authorization: ${REDACTED}`],
    ['URL credentials', 'via http://someone:pw@proxy.other:8080/ now', `via http://${REDACTED}@proxy.other:8080/ now`],
    ['a JSON comment', '{"level":2,"comment":"Cán bộ \\"nói\\" chậm","x":1}', `{"level":2,"comment":"${REDACTED}","x":1}`],
    ['an inspected phone', "{ phone: '0912 345 678', consent: true }", `{ phone: '${REDACTED}', consent: true }`],
    ['a dossier code by key', 'dossierCode=000.00.31.H21-261201-0042&x', `dossierCode=${REDACTED}&x`],
    ['a pin by key', '{"pin":"246810"}', `{"pin":"${REDACTED}"}`],
    ['a session by key', "session: 'AbCdEfGhIjKlMnOpQrStUvWx'", `session: '${REDACTED}'`],
    ['a phone in prose', 'gọi 0912345678 hoặc +84 912 345 678 hoặc 0912.345.678', `gọi ${REDACTED} hoặc ${REDACTED} hoặc ${REDACTED}`],
    ['a dossier code in prose', 'scan 000.00.31.H21-261201-0042 refused', `scan ${REDACTED} refused`],
  ])('takes out %s', (_what, line, expected) => {
    expect(redactText(line, rules)).toBe(expected);
  });

  it('leaves the lines IT needs as they are: times, counts, ids, sizes, addresses without credentials', () => {
    const lines = [
      '{"level":30,"time":1764567890123,"pid":4242,"msg":"report exported; waiting for hand-over","bytes":84213,"format":"xlsx"}',
      '[2026-12-01 10:00:00.123] [info]  upload worker started { pending: 1250, delivered: 98, rejected: 0 }',
      'rating 0190b3a4-7c5e-7000-8000-000000000000 seq 1234567 delivered; next run in 300000 ms',
      'POST https://city.example/kiosk/v1/ratings answered 200 in 84 ms',
      '{"msg":"wrong admin PIN","attemptsLeft":2}',
      '{"tokenSet":true,"contactPoint":"Bộ phận Một cửa"}',
      'config invalid: server.token — required when server.url is set',
    ];
    for (const line of lines) expect(redactText(line, rules), line).toBe(line);
  });

  it('leaves an empty value empty, so a redacted file still says which secrets were unset', () => {
    expect(redactText('{"token":"","pinHash":""}', rules)).toBe('{"token":"","pinHash":""}');
  });
});

describe('dossierSearchPattern', () => {
  it("searches for the configuration's pattern inside a line, without its anchors", () => {
    const re = dossierSearchPattern('^[A-Z0-9.]+-\\d{6}-\\d{4,}$')!;
    expect('a 000.00.31.H21-261201-0042 b'.replace(re, 'X')).toBe('a X b');
  });

  it('gives up on a pattern that matches nothing at all, or that does not compile', () => {
    expect(dossierSearchPattern('.*')).toBeNull();
    expect(dossierSearchPattern('^(\\d*)$')).toBeNull();
    expect(dossierSearchPattern('[')).toBeNull();
  });
});

describe('redactUrl', () => {
  it('keeps scheme, host, port and path; drops credentials and the query', () => {
    expect(redactUrl('http://u:p@proxy.example:3128')).toBe(`http://${REDACTED}@proxy.example:3128/`);
    expect(redactUrl('https://city.example/kiosk?key=abc')).toBe(`https://city.example/kiosk?${REDACTED}`);
    expect(redactUrl('https://city.example/kiosk')).toBe('https://city.example/kiosk');
    expect(redactUrl('')).toBe('');
  });
});

describe('redactedConfig and redactJson', () => {
  it('replaces the token, every PIN hash, the proxy credentials and officers’ names; nothing secret is left in its JSON', () => {
    const json = JSON.stringify(redactJson(redactedConfig(config), rules));
    for (const secret of [TOKEN, HEAD_HASH, OFFICER_HASH, 'S3cr', 'kiosk%40unit', 'kiosk@unit', 'Nguyễn Thị Lan']) expect(json).not.toContain(secret);
    const out = JSON.parse(json) as typeof config;
    expect(out.server).toMatchObject({ url: 'https://city.example/kiosk', token: REDACTED, proxy: `http://${REDACTED}@proxy.example:3128/` });
    expect(out.admin.pinHash).toBe(REDACTED);
    expect(out.officers).toEqual([{ id: 'lan.nt', name: REDACTED, counterId: 'Q1', pinHash: REDACTED }]);
    expect(out.unit).toEqual(config.unit);
  });

  it('leaves unset secrets empty', () => {
    const out = redactedConfig(parsedTestConfig());
    expect([out.server.token, out.server.proxy, out.admin.pinHash]).toEqual(['', '', '']);
  });

  it('keeps the JSON shape: numbers stay numbers even where they look like a phone number', () => {
    const value = { freeBytes: 84_123_456_789, note: 'gọi 0912345678', nested: [{ phone: '0912345678' }] };
    expect(redactJson(value, rules)).toEqual({ freeBytes: 84_123_456_789, note: `gọi ${REDACTED}`, nested: [{ phone: REDACTED }] });
  });
});
