// The admin commands load the kiosk's configuration as the shells do: a named file that is
// missing is an error (never the demo unit on real data), and a broken file is reported by
// line and column, without quoting it (it holds the upload token).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../../../electron/services/db/database';
import { runAdmin } from '../../support/admin-cli';
import { tempDir } from '../../support/temp-db';

const TOKEN = 'tok-5be0c9d2a71f4e83';
let t: { dir: string; cleanup: () => void };

beforeAll(() => {
  t = tempDir('admin-config-');
  openDatabase(path.join(t.dir, DATABASE_FILE_NAME)).close();
});
afterAll(() => t.cleanup());

const admin = (args: string[]) => runAdmin(args, { env: { KIOSK_LOG_LEVEL: 'silent' } });

describe('an admin command given a broken configuration', () => {
  it('names the line and column of a syntax error and never prints the file', async () => {
    const file = path.join(t.dir, 'broken.json');
    fs.writeFileSync(
      file,
      `{\n  "unit": { "code": "U1", "name": "Phường" },\n  "kiosk": { "id": "k1" },\n  "server": { "url": "https://city.example/", "token": ${TOKEN} }\n}\n`,
    );
    const r = await admin(['status', '--data-dir', t.dir, '--config', file]);
    expect(r.code).toBe(2);
    // `tok-` starts at column 56 and reads as the start of `true`: the "o" at 57 is the fault.
    expect(r.stderr).toContain('config invalid: (file) — not valid JSON at line 4, column 57');
    expect(r.stderr + r.stdout).not.toContain(TOKEN.slice(0, 8));
  });

  it('refuses a plain-http server address off this computer', async () => {
    const file = path.join(t.dir, 'http.json');
    fs.writeFileSync(file, JSON.stringify({ unit: { code: 'U1', name: 'P' }, kiosk: { id: 'k1' }, server: { url: 'http://city.example/', token: TOKEN } }));
    const r = await admin(['status', '--data-dir', t.dir, '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('config invalid: server.url — must start with https://');
  });
});
