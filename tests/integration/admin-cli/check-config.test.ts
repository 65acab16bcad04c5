// `npm run admin -- check-config`: the technical side of the start-up error screen. It names
// the config the kiosk reads and every fault with zod's code, the field's path and its
// params, says whether the database belongs to that config, never quotes the file (it holds
// the upload token), and changes nothing; a good file ends in "OK" with a one-line summary.
// A table of broken files, one fault each, pins down the exact line IT reads for each.
// Real processes, real databases.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../../../electron/services/db/database';
import { runAdmin } from '../../support/admin-cli';
import { insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { TEST_KIOSK_ID, TEST_UNIT_CODE, testKioskConfig, writeTestConfig } from '../../support/test-config';

const admin = (args: string[], env: NodeJS.ProcessEnv = {}) => runAdmin(args, { env: { KIOSK_LOG_LEVEL: 'silent', ...env } });
const TOKEN = 'tok-8d2e6f0a4c9b1357';

let t: { dir: string; cleanup: () => void };
/** Ratings written by the test kiosk. */
let kiosk: string;
beforeAll(() => {
  t = tempDir('admin-check-config-');
  kiosk = path.join(t.dir, 'kiosk');
  const db = openDatabase(path.join(kiosk, DATABASE_FILE_NAME));
  insertRatings(db, [{ at: '2026-12-01T10:00:00+07:00', level: 5 }], { unitCode: TEST_UNIT_CODE, kioskId: TEST_KIOSK_ID });
  db.close();
});
afterAll(() => t.cleanup());

function writeConfig(name: string, content: unknown): string {
  const file = path.join(t.dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

describe('check-config', () => {
  it('lists every problem with its technical detail and exits 1, without quoting the file', async () => {
    const file = writeConfig('broken.json', {
      ...testKioskConfig({ server: { url: 'https://city.example/kiosk', token: TOKEN, batchSize: 0 } }),
      scale: '7',
      kiosk: { id: TEST_KIOSK_ID, counterI: 'Q1' },
    });
    const r = await admin(['check-config', '--data-dir', kiosk, '--config', file]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: '' });
    expect(r.stdout.split('\n')).toEqual([
      `data folder: ${kiosk}`,
      `database:    ${path.join(kiosk, DATABASE_FILE_NAME)} (written by unit "${TEST_UNIT_CODE}", kiosk "${TEST_KIOSK_ID}")`,
      `config:      ${file} (named by --config)`,
      'invalid: 3 problems',
      '  - kiosk.counterI: unknown key (check the spelling) [unknown_key; zod unrecognized_keys]',
      '  - scale: must be one of "3", "5" [not_allowed; zod invalid_value] {"allowed":"\\"3\\", \\"5\\"","allowedList":"[\\"\\\\\\"3\\\\\\"\\",\\"\\\\\\"5\\\\\\"\\"]"}',
      '  - server.batchSize: Too small: expected number to be >=1 [too_small; zod too_small] {"kind":"number","limit":1}',
      '',
    ]);
    expect(r.stdout).not.toContain(TOKEN.slice(0, 8));
  });

  it('gives the same as JSON with --json: each issue with its code, path and params', async () => {
    const file = writeConfig('two.json', { ...testKioskConfig(), languages: ['en'], retentionDays: 4000 });
    const r = await admin(['check-config', '--json'], { KIOSK_DATA_DIR: kiosk, KIOSK_CONFIG: file });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      ok: false,
      dataDir: kiosk,
      config: { path: file, named: true, reason: 'named by KIOSK_CONFIG', source: null },
      mismatch: null,
    });
    expect(report.issues.map((i: { code: string; path: unknown[]; params: object; problem: string }) => [i.code, i.path, i.problem, i.params])).toEqual([
      ['custom', ['languages'], 'invalid_value', {}],
      ['too_big', ['retentionDays'], 'too_big', { kind: 'number', limit: 3650 }],
    ]);
  });

  it('points at a syntax error by line and column only', async () => {
    const file = writeConfig('syntax.json', `{\n  "unit": { "code": "U", "name": "N" },\n  "server": { "token": ${TOKEN} }\n}\n`);
    const r = await admin(['check-config', '--data-dir', kiosk, '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('invalid: 1 problem\n  - (file): not valid JSON at line 3, column 25 [not_json; zod file] {"line":3,"column":25}\n');
    expect(r.stdout).not.toContain(TOKEN.slice(0, 8));
  });

  it("exits 0 for the kiosk's own valid config, from the data folder, and opens the database read-only", async () => {
    writeTestConfig(kiosk, { unit: { name: 'Phường Kho' } });
    const before = fs.readdirSync(kiosk).sort();
    const bytes = fs.readFileSync(path.join(kiosk, DATABASE_FILE_NAME));
    const r = await admin(['check-config', '--data-dir', kiosk]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`config:      ${path.join(kiosk, 'config.json')} (in the data folder)\n`);
    expect(r.stdout.split('\n').slice(-3)).toEqual([
      `valid:       unit "${TEST_UNIT_CODE}", kiosk "${TEST_KIOSK_ID}", scale 3, uploads off, no proxy set, office hours Mon-Fri 07:00-17:30 Asia/Ho_Chi_Minh, updates off, CSV separator ","`,
      'OK',
      '',
    ]);
    expect(fs.readdirSync(kiosk).sort()).toEqual(before);
    expect(fs.readFileSync(path.join(kiosk, DATABASE_FILE_NAME)).equals(bytes)).toBe(true);
    fs.rmSync(path.join(kiosk, 'config.json'));
  });

  it('exits 1 for a valid config of another kiosk, naming both', async () => {
    const file = writeTestConfig(fs.mkdtempSync(path.join(t.dir, 'other-')), { kiosk: { id: 'kiosk-99' } });
    const r = await admin(['check-config', '--data-dir', kiosk, '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`valid:       unit "${TEST_UNIT_CODE}", kiosk "kiosk-99"`);
    expect(r.stdout).toContain(
      `mismatch:    the database was written by unit "${TEST_UNIT_CODE}", kiosk "${TEST_KIOSK_ID}", but this configuration is for unit "${TEST_UNIT_CODE}", kiosk "kiosk-99"\n`,
    );
    expect(r.stdout).not.toMatch(/^OK$/m);
  });

  it('checks a config before the kiosk ever started (no database), and says a named file is missing', async () => {
    const fresh = path.join(t.dir, 'fresh');
    const good = writeConfig('fresh.json', testKioskConfig());
    const [ok, missing] = await Promise.all([
      admin(['check-config', '--data-dir', fresh, '--config', good]),
      admin(['check-config', '--data-dir', fresh, '--config', path.join(fresh, 'absent.json')]),
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`database:    none yet at ${path.join(fresh, DATABASE_FILE_NAME)}\n`);
    expect(ok.stdout.endsWith('\nOK\n')).toBe(true);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(`  - (file): config file not found: ${path.join(fresh, 'absent.json')} [missing_file; zod file]`);
    expect(fs.existsSync(fresh)).toBe(false);
  });

  it('refuses a misspelt flag with exit 2, naming it', async () => {
    const r = await admin(['check-config', '--confg', 'x.json']);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
    expect(r.stderr).toContain('unknown flag --confg\nUsage: npm run admin -- check-config');
  });
});

/** A valid file for IT's table, and one fault put into it at a time. */
const base = () => testKioskConfig();
const BROKEN_FILES: Array<[name: string, content: string | object, line: string]> = [
  ['not JSON', '{\n  "unit": { "code": "U", "name": "N" },\n}\n', '(file): not valid JSON at line 3, column 1 [not_json; zod file] {"line":3,"column":1}'],
  [
    'cut short',
    '{\n  "unit": { "code": "U",',
    '(file): the file ends too early (cut short?) at line 2, column 25 [truncated; zod file] {"line":2,"column":25}',
  ],
  ['empty', '', '(file): the file is empty [empty; zod file]'],
  ['not an object', '[]', '(file): the file must hold one JSON object { … } [not_object; zod invalid_type]'],
  ['an unknown key', { ...base(), retentionDay: 30 }, 'retentionDay: unknown key (check the spelling) [unknown_key; zod unrecognized_keys]'],
  ['a wrong type', { ...base(), retentionDays: '90' }, 'retentionDays: expected number [wrong_type; zod invalid_type] {"expected":"number"}'],
  ['no unit.code', { ...base(), unit: { name: 'Phường Thử nghiệm' } }, 'unit.code: required, expected string [missing_key; zod invalid_type]'],
  [
    'a unit.code with a space',
    { ...base(), unit: { code: 'TEST UNIT', name: 'N' } },
    'unit.code: letters, digits, dot, dash or underscore (1-64) [not_identifier; zod invalid_format]',
  ],
  [
    'an http:// server',
    { ...base(), server: { url: 'http://city.example/kiosk', token: TOKEN } },
    'server.url: must start with https:// (plain http:// only for this computer: localhost, 127.0.0.0/8, [::1]) [not_https; zod custom]',
  ],
  [
    'a url without its token',
    { ...base(), server: { url: 'https://city.example/kiosk' } },
    'server.token: required when server.url is set [invalid_value; zod custom]',
  ],
  [
    'a SOCKS proxy',
    { ...base(), server: { proxy: 'socks5://proxy.example:1080' } },
    'server.proxy: a proxy address such as "http://proxy.example:3128" [invalid_value; zod custom]',
  ],
  [
    'a proxy with a path',
    { ...base(), server: { proxy: 'http://proxy.example:3128/pac' } },
    'server.proxy: a proxy address such as "http://proxy.example:3128" [invalid_value; zod custom]',
  ],
  [
    'an office hour without its leading zero',
    { ...base(), officeHours: { start: '7:30' } },
    'officeHours.start: a time of day such as "07:30" (24-hour) [invalid_value; zod invalid_format]',
  ],
  [
    'office hours ending before they start',
    { ...base(), officeHours: { start: '18:00', end: '08:00' } },
    'officeHours.end: start must be before end [invalid_value; zod custom]',
  ],
  ['a repeated weekday', { ...base(), officeHours: { days: [1, 2, 2] } }, 'officeHours.days: must not repeat a day [invalid_value; zod custom]'],
  [
    'a weekday 8',
    { ...base(), officeHours: { days: [1, 8] } },
    'officeHours.days.1: Too big: expected number to be <=7 [too_big; zod too_big] {"kind":"number","limit":7}',
  ],
  [
    'a CSV separator Excel does not use',
    { ...base(), exports: { csvSeparator: '|' } },
    'exports.csvSeparator: must be one of ",", ";" [not_allowed; zod invalid_value] {"allowed":"\\",\\", \\";\\"","allowedList":"[\\"\\\\\\",\\\\\\"\\",\\"\\\\\\";\\\\\\"\\"]"}',
  ],
  [
    'a reason key with capitals',
    { ...base(), reasons: [{ key: 'LongQueue', factor: 'A', labels: { vi: 'Xếp hàng lâu' } }] },
    'reasons.0.key: a lower-case ASCII letter, then lower-case letters, digits or "_" (1-40), e.g. "long_queue" [not_reason_key; zod invalid_format]',
  ],
  [
    'a reason key used twice',
    {
      ...base(),
      reasons: [
        { key: 'late', factor: 'D', labels: { vi: 'Trễ hẹn' } },
        { key: 'late', factor: 'D', labels: { vi: 'Trễ hẹn lần nữa' } },
      ],
    },
    'reasons.1.key: repeats the key of an earlier reason (each reason needs its own key) [duplicate_reason_key; zod custom]',
  ],
  [
    'a reason without its factor',
    { ...base(), reasons: [{ key: 'late', labels: { vi: 'Trễ hẹn' } }] },
    'reasons.0.factor: required [missing_key; zod invalid_value]',
  ],
  [
    'a reason label under a language name',
    { ...base(), reasons: [{ key: 'late', factor: 'D', labels: { vi: 'Trễ hẹn', English: 'Late' } }] },
    'reasons.0.labels.English: a language code such as "en" or a language pack\'s code [not_language_code; zod custom]',
  ],
  [
    'an http:// update feed',
    { ...base(), updates: { url: 'http://updates.example/kiosk/' } },
    'updates.url: must start with https:// (plain http:// only for this computer: localhost, 127.0.0.0/8, [::1]) [not_https; zod custom]',
  ],
  [
    'a screen flag as text',
    { ...base(), screen: { dimOutsideOfficeHours: 'yes' } },
    'screen.dimOutsideOfficeHours: expected boolean [wrong_type; zod invalid_type] {"expected":"boolean"}',
  ],
];

describe('check-config on a set of broken files, one fault each', () => {
  const runs = new Map<string, { file: string; run: Awaited<ReturnType<typeof admin>> }>();
  let fresh: string;

  beforeAll(async () => {
    fresh = path.join(t.dir, 'broken-set');
    const queue = BROKEN_FILES.map(([name, content], i) => ({ name, file: writeConfig(`broken-${i}.json`, content) }));
    // Two at a time: each is a real process, and the build machines have two cores.
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift())
        runs.set(job.name, { file: job.file, run: await admin(['check-config', '--data-dir', fresh, '--config', job.file]) });
    };
    await Promise.all([worker(), worker()]);
  }, 180_000);

  it.each(BROKEN_FILES)('%s: one line with the field path and exit 1', (name, _content, problem) => {
    const { file, run } = runs.get(name)!;
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: '' });
    expect(run.stdout.split('\n')).toEqual([
      `data folder: ${fresh}`,
      `database:    none yet at ${path.join(fresh, DATABASE_FILE_NAME)}`,
      `config:      ${file} (named by --config)`,
      'invalid: 1 problem',
      `  - ${problem}`,
      '',
    ]);
  });

  it('says OK with a summary, and exits 0, for a valid file with every new key set; never its secrets', async () => {
    const file = writeConfig('fleet.json', {
      ...base(),
      server: { url: 'https://city.example/kiosk', token: TOKEN, proxy: 'http://svc-kiosk:Pr0xy-pw@proxy.example:3128' },
      officeHours: { days: [1, 2, 3, 4, 5, 6], start: '07:30', end: '17:00' },
      screen: { shift: true, dimOutsideOfficeHours: true },
      updates: { url: 'https://updates.example/kiosk/' },
      exports: { csvSeparator: ';' },
    });
    const r = await admin(['check-config', '--data-dir', fresh, '--config', file]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout.split('\n')).toEqual([
      `data folder: ${fresh}`,
      `database:    none yet at ${path.join(fresh, DATABASE_FILE_NAME)}`,
      `config:      ${file} (named by --config)`,
      `valid:       unit "${TEST_UNIT_CODE}", kiosk "${TEST_KIOSK_ID}", scale 3, uploads to https://city.example/kiosk, proxy proxy.example:3128, office hours Mon-Sat 07:30-17:00 Asia/Ho_Chi_Minh, updates from https://updates.example/kiosk/, CSV separator ";"`,
      'OK',
      '',
    ]);
    for (const secret of [TOKEN, 'svc-kiosk', 'Pr0xy-pw']) expect(r.stdout).not.toContain(secret);
    expect(fs.existsSync(fresh)).toBe(false);
  });
});
