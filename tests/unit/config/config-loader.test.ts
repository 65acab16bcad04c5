import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../electron/services/config-loader';
import { resolveKioskPaths } from '../../../electron/services/paths';
import { CONFIG_PROBLEMS } from '../../../shared/config-schema';
import { tempDir } from '../../support/temp-db';

let t: { dir: string; cleanup: () => void };
beforeEach(() => (t = tempDir()));
afterEach(() => t.cleanup());

function load(content: unknown) {
  const file = path.join(t.dir, 'config.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return loadConfig(file, { named: true });
}
const minimal = { unit: { code: 'PKU', name: 'Phường Pleiku' }, kiosk: { id: 'k-01' } };

describe('loading the configuration', () => {
  it('fills the documented defaults', () => {
    const r = load(minimal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.value.config;
    expect(c).toMatchObject({
      scale: '3',
      languages: ['vi', 'en'],
      timezone: 'Asia/Ho_Chi_Minh',
      timeouts: { thankYouSeconds: 5, followUpSeconds: 20 },
      misuse: { cooldownSeconds: 3, burstCount: 5, burstWindowSeconds: 30 },
      server: { url: '', intervalSeconds: 300, batchSize: 200, timeoutSeconds: 30, backoff: { baseSeconds: 30, maxSeconds: 900 } },
      retentionDays: 90,
    });
    expect(r.value.source).toBe('file');
  });

  it('accepts fractional durations (tests use short ones)', () => {
    const r = load({ ...minimal, timeouts: { thankYouSeconds: 0.5, followUpSeconds: 1.5 } });
    expect(r.ok && r.value.config.timeouts.thankYouSeconds).toBe(0.5);
  });

  it.each([
    ['unknown scale', { ...minimal, scale: '4' }, 'scale'],
    ['negative timeout', { ...minimal, timeouts: { thankYouSeconds: -1 } }, 'timeouts.thankYouSeconds'],
    ['counter that does not exist', { ...minimal, kiosk: { id: 'k', counterId: 'Q9' } }, 'kiosk.counterId'],
    ['server without token', { ...minimal, server: { url: 'https://city.example/api' } }, 'server.token'],
    ['unknown time zone', { ...minimal, timezone: 'Mars/Olympus' }, 'timezone'],
    ['languages not starting with vi', { ...minimal, languages: ['en', 'vi'] }, 'languages'],
  ])('names the field for %s', (_name, content, field) => {
    const r = load(content);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('CONFIG_INVALID');
    expect(r.error.field).toBe(field);
    expect(r.error.detail).toBeTruthy();
  });
});

describe('which configuration is used', () => {
  it('runs the embedded demo only when no file was named and none is at the default path', () => {
    const r = loadConfig(path.join(t.dir, 'absent.json'), { named: false });
    expect(r.ok && r.value.source).toBe('demo');
    expect(r.ok && r.value.config.unit.code).toBe('DEMO-PKU');
  });

  it('refuses a named file that does not exist, with its path, instead of starting the demo', () => {
    const file = path.join(t.dir, 'absent.json');
    const r = loadConfig(file, { named: true });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'CONFIG_INVALID',
        field: '(file)',
        detail: `config file not found: ${file}`,
        params: { problem: 'missing_file', path: file },
        issues: [{ problem: 'missing_file', code: 'file', field: '(file)', path: [], detail: `config file not found: ${file}`, params: { path: file } }],
      },
    });
  });

  it('reads the file at the default path when there is one', () => {
    const file = path.join(t.dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify(minimal));
    const r = loadConfig(file, { named: false });
    expect(r.ok && r.value).toMatchObject({ source: 'file', path: file, config: { unit: { code: 'PKU' } } });
  });

  it('reports a path it cannot read (a folder) without falling back to the demo, named or not', () => {
    for (const named of [true, false]) {
      const r = loadConfig(t.dir, { named });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.params).toEqual({ problem: 'unreadable', path: t.dir });
      expect(r.error.detail).toBe(`cannot read config file ${t.dir} (EISDIR)`);
    }
  });

  it('marks the config as named when --config or KIOSK_CONFIG gives it, not for the default', () => {
    const defaults = { dataDir: '/default/data' };
    expect(resolveKioskPaths([], {}, defaults)).toEqual({
      dataDir: path.resolve('/default/data'),
      configPath: path.resolve('/default/data/config.json'),
      configNamed: false,
    });
    expect(resolveKioskPaths(['--config=/c.json'], {}, defaults).configNamed).toBe(true);
    expect(resolveKioskPaths(['--config', '/c.json'], {}, defaults).configNamed).toBe(true);
    expect(resolveKioskPaths([], { KIOSK_CONFIG: '/e.json' }, defaults)).toMatchObject({ configPath: path.resolve('/e.json'), configNamed: true });
    expect(resolveKioskPaths([], {}, { ...defaults, configPath: '/etc/kiosk.json' })).toMatchObject({
      configPath: path.resolve('/etc/kiosk.json'),
      configNamed: false,
    });
  });
});

describe('a broken configuration file', () => {
  /** In every fixture: no error value may ever repeat it. */
  const SECRET = 'tok-9f2c41d7e8a6b35c0d1e';
  const server = `"server": { "url": "https://city.example/kiosk", "token": "${SECRET}" }`;
  const valid = `{\n  "unit": { "code": "PKU", "name": "Phường Pleiku" },\n  "kiosk": { "id": "k-01" },\n  ${server}\n}\n`;

  function problem(text: string) {
    const r = load(text);
    expect(r.ok).toBe(false);
    if (r.ok) throw new Error('loaded');
    expect(r.error.code).toBe('CONFIG_INVALID');
    // Not even the start of it: V8 quotes only a few characters around a fault.
    expect(JSON.stringify(r.error)).not.toContain(SECRET.slice(0, 8));
    return r.error;
  }

  it('the fixture itself loads', () => {
    expect(load(valid).ok).toBe(true);
  });

  it('accepts the UTF-8 BOM Windows Notepad writes, and counts columns without it', () => {
    expect(load(`\uFEFF${valid}`).ok).toBe(true);
    expect(problem(`\uFEFF{ x }`).params).toEqual({ problem: 'not_json', line: 1, column: 3 });
  });

  it('says an empty file is empty', () => {
    expect(problem('').params).toEqual({ problem: 'empty' });
    expect(problem('\uFEFF \n\t\r\n').params).toEqual({ problem: 'empty' });
  });

  it('says a file cut short is truncated, at the line and column where it stops', () => {
    const cut = valid.slice(0, valid.indexOf(SECRET) + 4);
    const e = problem(cut);
    // Line 4 is `  "server": { "url": "https://city.example/kiosk", "token": "tok-`: 65 characters.
    expect(e).toMatchObject({ field: '(file)', params: { problem: 'truncated', line: 4, column: 66 } });
    expect(e.detail).toBe('the file ends too early (cut short?) at line 4, column 66');
    expect(problem(valid.slice(0, valid.lastIndexOf('}'))).params).toEqual({ problem: 'truncated', line: 5, column: 1 });
  });

  it('gives line and column of a syntax error, never the text around it', () => {
    // V8's own message quotes the text, token included: that is what must not leak.
    const broken = valid.replace(`"token": "${SECRET}"`, `"token": ${SECRET}`);
    expect(() => JSON.parse(broken)).toThrow(SECRET.slice(0, 8));
    const e = problem(broken);
    expect(e).toEqual({
      code: 'CONFIG_INVALID',
      field: '(file)',
      // `tok-` is read as the start of `true`: the 'o' (column 62) is the fault.
      detail: 'not valid JSON at line 4, column 62',
      params: { problem: 'not_json', line: 4, column: 62 },
      issues: [
        { problem: 'not_json', code: 'file', field: '(file)', path: [], detail: 'not valid JSON at line 4, column 62', params: { line: 4, column: 62 } },
      ],
    });
  });

  it('counts columns in characters on a line of Vietnamese text', () => {
    expect(problem('{ "unit": { "name": "Phường Hội Phú" ,, } }').params).toEqual({ problem: 'not_json', line: 1, column: 39 });
  });

  it('says a file that is JSON but not an object must be one', () => {
    expect(problem(`[${valid}]`).params).toEqual({ problem: 'not_object' });
  });

  it.each([
    ['a number as text', '"thankYouSeconds": "5"', 'timeouts', 'timeouts.thankYouSeconds', 'number'],
    ['a yes/no as text', '"enabled": "true"', 'contact', 'contact.enabled', 'boolean'],
    ['a fraction for a whole number', '"retentionDays": 1.5', 'contact', 'contact.retentionDays', 'int'],
  ])('names the field and the type it needs for %s', (_name, entry, section, field, expected) => {
    const e = problem(valid.replace('"kiosk":', `"${section}": { ${entry} },\n  "kiosk":`));
    expect(e).toMatchObject({ field, params: { problem: 'wrong_type', expected } });
  });

  it('names a list given as a group', () => {
    expect(problem(valid.replace('"kiosk":', '"counters": {},\n  "kiosk":'))).toMatchObject({
      field: 'counters',
      params: { problem: 'wrong_type', expected: 'array' },
    });
  });

  it('names a missing required setting', () => {
    expect(problem(valid.replace('"name": "Phường Pleiku"', '"place": "Gia Lai"'))).toMatchObject({ field: 'unit.name', params: { problem: 'missing_key' } });
  });

  it('names an unknown key (a typo) by its path, cleaned of control characters', () => {
    expect(problem(valid.replace('"kiosk":', '"timeout": {},\n  "kiosk":'))).toMatchObject({ field: 'timeout', params: { problem: 'unknown_key' } });
    expect(problem(valid.replace('"kiosk":', '"misuse": { "cooldownSecond": 2 },\n  "kiosk":'))).toMatchObject({
      field: 'misuse.cooldownSecond',
      params: { problem: 'unknown_key' },
    });
    expect(problem(valid.replace('"kiosk":', '"ti\\u202emeout\\u0007": 1,\n  "kiosk":')).field).toBe('timeout');
  });

  it('lists the allowed values of a choice', () => {
    expect(problem(valid.replace('"kiosk":', '"scale": "4",\n  "kiosk":'))).toMatchObject({
      field: 'scale',
      params: { problem: 'not_allowed', allowed: '"3", "5"' },
    });
  });

  it('gives every problem code a test', () => {
    // The list the screen words (shared/config-schema.ts); 'unreadable' and 'missing_file'
    // are in "which configuration is used", 'not_https' and 'invalid_value' below, the
    // limits and identifiers in "every problem at once", the reasons' own three in
    // tests/unit/config/reasons-config.test.ts.
    expect([...CONFIG_PROBLEMS].sort()).toEqual(
      [
        'duplicate_reason_key',
        'not_language_code',
        'not_reason_key',
        'empty',
        'invalid_value',
        'missing_file',
        'missing_key',
        'not_allowed',
        'not_https',
        'not_identifier',
        'not_json',
        'not_object',
        'too_big',
        'too_small',
        'truncated',
        'unknown_key',
        'unreadable',
        'wrong_type',
      ].sort(),
    );
  });
});

describe('every problem at once', () => {
  /** Each line breaks one rule; a file with all of them must name all of them. */
  const broken = {
    unit: { code: 'Phường 1', name: 'Phường Pleiku', extra: 1, extra2: 2 },
    kiosk: {},
    scale: '7',
    counters: [{ id: 'Q1', name: 'Quầy 1' }],
    contact: { retentionDays: 0 },
    server: { url: 'https://city.example/kiosk', token: 'tok-3c1d9e2f7a6b5c4d', batchSize: 5001, timeoutSeconds: -1 },
    misuse: { cooldownSeconds: 'three' },
    languages: [],
  };

  it('reports each with its zod code, field, path and params, in the order of the schema', () => {
    const r = load(broken);
    if (r.ok) throw new Error('loaded');
    const issues = r.error.issues!;
    expect(issues.map((i) => [i.problem, i.code, i.field, i.path, i.params])).toEqual([
      ['not_identifier', 'invalid_format', 'unit.code', ['unit', 'code'], {}],
      ['unknown_key', 'unrecognized_keys', 'unit.extra', ['unit', 'extra'], {}],
      ['unknown_key', 'unrecognized_keys', 'unit.extra2', ['unit', 'extra2'], {}],
      ['missing_key', 'invalid_type', 'kiosk.id', ['kiosk', 'id'], {}],
      ['too_small', 'too_small', 'contact.retentionDays', ['contact', 'retentionDays'], { kind: 'number', limit: 1 }],
      ['not_allowed', 'invalid_value', 'scale', ['scale'], { allowed: '"3", "5"', allowedList: '["\\"3\\"","\\"5\\""]' }],
      ['too_small', 'too_small', 'languages', ['languages'], { kind: 'array', limit: 1 }],
      ['invalid_value', 'custom', 'languages', ['languages'], {}],
      ['wrong_type', 'invalid_type', 'misuse.cooldownSeconds', ['misuse', 'cooldownSeconds'], { expected: 'number' }],
      ['too_big', 'too_big', 'server.batchSize', ['server', 'batchSize'], { kind: 'number', limit: 5000 }],
      ['too_small', 'too_small', 'server.timeoutSeconds', ['server', 'timeoutSeconds'], { kind: 'number_exclusive', limit: 0 }],
    ]);
    for (const i of issues) expect(i.detail, i.field).toMatch(/\S/);
    // The first one stands for the whole error where one line is all there is room for.
    expect(r.error).toMatchObject({ field: 'unit.code', params: { problem: 'not_identifier' } });
    expect(r.error.detail).toMatch(/^11 problems: unit\.code: .*; kiosk\.id: required, expected string; .*server\.timeoutSeconds: /);
    // Neither the values nor the token are repeated anywhere.
    for (const secret of ['Phường 1', 'tok-3c1d', 'three', '5001']) expect(JSON.stringify(r.error)).not.toContain(secret);
  });

  it('words text and list limits by what they count', () => {
    const r = load({
      unit: { code: 'PKU', name: 'x'.repeat(201) },
      kiosk: { id: 'k-01' },
      counters: Array.from({ length: 101 }, (_, i) => ({ id: `Q${i}`, name: 'Q' })),
    });
    if (r.ok) throw new Error('loaded');
    expect(r.error.issues!.map((i) => [i.field, i.problem, i.params])).toEqual([
      ['unit.name', 'too_big', { kind: 'string', limit: 200 }],
      ['counters', 'too_big', { kind: 'array', limit: 100 }],
    ]);
  });
});

describe('the server address', () => {
  const withUrl = (url: string) => load({ ...minimal, server: { url, token: 't' } });

  it.each([
    'https://city.example/kiosk',
    'https://203.0.113.5:8443/',
    'http://127.0.0.1:8080/',
    'http://127.5.6.7/',
    'http://localhost:3000',
    'http://LOCALHOST/',
    'http://[::1]:8080/',
  ])('accepts %s', (url) => {
    expect(withUrl(url).ok).toBe(true);
  });

  it.each([
    'http://city.example/kiosk',
    'http://10.0.0.1/',
    'http://127.0.0.1.evil.example/',
    'http://localhost.evil.example/',
    'http://[::2]/',
    'ftp://city.example/',
  ])('refuses %s: https is required off this computer', (url) => {
    const r = withUrl(url);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'CONFIG_INVALID', field: 'server.url', params: { problem: 'not_https' } });
    expect(r.error.detail).toContain('https://');
  });

  it('refuses what is not an address at all', () => {
    const r = withUrl('city.example/kiosk');
    expect(!r.ok && r.error).toMatchObject({ field: 'server.url', params: { problem: 'invalid_value' } });
  });

  it('still allows an empty address: uploads off', () => {
    expect(load({ ...minimal, server: { url: '', token: '' } }).ok).toBe(true);
  });
});

describe('names from the configuration', () => {
  it('are stored and shown without control characters or bidi overrides', () => {
    const r = load({
      unit: { code: 'PKU', name: 'Phường\u0000 Pleiku\u202e', place: 'Gia\u0007 Lai' },
      kiosk: { id: 'k-01', counterId: 'Q1' },
      counters: [{ id: 'Q1', name: '\u001b[31mQuầy 1' }],
      officers: [{ id: 'lan', name: 'Nguyễn\u2066 Thị Lan\u2069\n' }],
      contact: { contactPoint: 'Bộ phận\u0085 Một cửa' },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.value.config;
    expect([c.unit.name, c.unit.place, c.counters[0]!.name, c.officers[0]!.name, c.contact.contactPoint]).toEqual([
      'Phường Pleiku',
      'Gia Lai',
      '[31mQuầy 1',
      'Nguyễn Thị Lan',
      'Bộ phận Một cửa',
    ]);
  });

  it('refuses a name made only of invisible characters', () => {
    const r = load({ unit: { code: 'PKU', name: '\u202e\u0000 ' }, kiosk: { id: 'k-01' } });
    expect(!r.ok && r.error).toMatchObject({ field: 'unit.name', params: { problem: 'too_small', kind: 'string', limit: 1 } });
  });
});
