// An admin command never reads a kiosk's ratings with another kiosk's configuration: not the
// demo unit's because the real config was not found (its tally would carry the demo's name,
// its sync the demo's settings), not another unit's or kiosk's named by mistake. It refuses,
// naming both, and touches nothing. Each command runs as a real process on a real database.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../../../electron/services/db/database';
import { runAdmin } from '../../support/admin-cli';
import { insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { writeTestConfig } from '../../support/test-config';
import { REPO_ROOT } from '../../support/web-host';

const admin = (args: string[], env: NodeJS.ProcessEnv = {}) => runAdmin(args, { env: { KIOSK_LOG_LEVEL: 'silent', ...env } });
const DAY = ['--from', '2026-12-01', '--to', '2026-12-01'];
const PKU = { unit: { code: 'PKU', name: 'Phường Pleiku' }, kiosk: { id: 'pku-kiosk-01' } };

let t: { dir: string; cleanup: () => void };
beforeAll(() => {
  t = tempDir('admin-identity-');
});
afterAll(() => t.cleanup());

/** A data folder whose database holds ratings written by `unitCode` / `kioskId` (the newest last). */
function kioskWith(name: string, writers: Array<{ unitCode: string; kioskId: string }>): string {
  const dir = path.join(t.dir, name);
  const db = openDatabase(path.join(dir, DATABASE_FILE_NAME));
  writers.forEach((w, i) => insertRatings(db, [{ at: `2026-12-01T0${8 + i}:00:00+07:00`, level: 5 }], w));
  db.close();
  return dir;
}

const databaseBytes = (dir: string) => fs.readFileSync(path.join(dir, DATABASE_FILE_NAME));

describe("a real kiosk's database", () => {
  it("is refused by every command when no config is found, naming the database's unit and kiosk and the demo's", async () => {
    const dir = kioskWith('no-config', [{ unitCode: 'PKU', kioskId: 'pku-kiosk-01' }]);
    const out = path.join(t.dir, 'never.xlsx');
    const runs = await Promise.all([
      admin(['status', '--data-dir', dir]),
      admin(['sync', '--data-dir', dir]),
      admin(['tally', '--data-dir', dir, ...DAY]),
      admin(['export', '--data-dir', dir, ...DAY, '--format', 'xlsx', '--out', out]),
      admin(['contacts', 'count', '--data-dir', dir]),
    ]);
    const expected =
      `this database was written by unit "PKU", kiosk "pku-kiosk-01", but the configuration ` +
      `(the embedded demo unit: no file at ${path.join(dir, 'config.json')}) is for unit "DEMO-PKU", kiosk "demo-kiosk-01"; ` +
      "name that kiosk's own configuration with --config FILE or KIOSK_CONFIG\n";
    for (const r of runs) {
      expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
      expect(r.stderr.startsWith(expected), r.stderr).toBe(true);
    }
    expect(fs.existsSync(out)).toBe(false);
  });

  it("is refused with another unit's or kiosk's config, named by flag or variable, and the database is left as it was", async () => {
    const dir = kioskWith('other', [{ unitCode: 'PKU', kioskId: 'pku-kiosk-01' }]);
    const before = databaseBytes(dir);
    const otherKiosk = writeTestConfig(fs.mkdtempSync(path.join(t.dir, 'k2-')), { ...PKU, kiosk: { id: 'pku-kiosk-02' } });
    const otherUnit = writeTestConfig(fs.mkdtempSync(path.join(t.dir, 'u2-')), {
      unit: { code: 'HPH', name: 'Phường Hội Phú' },
      kiosk: { id: 'pku-kiosk-01' },
    });
    const [byFlag, byVariable] = await Promise.all([
      admin(['status', '--data-dir', dir, '--config', otherKiosk]),
      admin(['tally', ...DAY], { KIOSK_DATA_DIR: dir, KIOSK_CONFIG: otherUnit }),
    ]);
    expect(byFlag.code).toBe(2);
    expect(byFlag.stderr).toContain(
      `this database was written by unit "PKU", kiosk "pku-kiosk-01", but the configuration (${otherKiosk}) is for unit "PKU", kiosk "pku-kiosk-02"`,
    );
    expect(byVariable.code).toBe(2);
    expect(byVariable.stderr).toContain(`but the configuration (${otherUnit}) is for unit "HPH", kiosk "pku-kiosk-01"`);
    expect(byFlag.stdout + byVariable.stdout).toBe('');
    expect(databaseBytes(dir).equals(before)).toBe(true);
  });

  it('is read with its own config: the newest rating decides, so a kiosk whose configuration changed still works', async () => {
    // Demo ratings from before the unit was configured, then the real kiosk's.
    const dir = kioskWith('reconfigured', [
      { unitCode: 'DEMO-PKU', kioskId: 'demo-kiosk-01' },
      { unitCode: 'PKU', kioskId: 'pku-kiosk-01' },
    ]);
    writeTestConfig(dir, PKU);
    const status = await admin(['status', '--data-dir', dir]);
    expect({ code: status.code, stderr: status.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(status.stdout)).toMatchObject({ kioskId: 'pku-kiosk-01', pending: 2 });
  });

  it('is refused when only a survey contact says whose it is (its ratings purged)', async () => {
    const dir = path.join(t.dir, 'contacts-only');
    const db = openDatabase(path.join(dir, DATABASE_FILE_NAME));
    db.prepare(
      `INSERT INTO contacts (id, phone, created_at_ms, utc_offset_min, unit_code, kiosk_id, consent_version) VALUES ('c1', '0912345678', 0, 420, 'PKU', 'pku-kiosk-01', 'v1')`,
    ).run();
    db.close();
    const r = await admin(['contacts', 'count', '--data-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('this database was written by unit "PKU", kiosk "pku-kiosk-01"');
    expect(r.stderr).not.toContain('0912345678');
  });
});

describe("the demo unit's own database", () => {
  it('is read with the demo unit when no config exists, as the kiosk that wrote it did', async () => {
    const dir = kioskWith('demo', [{ unitCode: 'DEMO-PKU', kioskId: 'demo-kiosk-01' }]);
    const r = await admin(['status', '--data-dir', dir]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toMatchObject({ kioskId: 'demo-kiosk-01', pending: 1 });
  });
});

describe('without --data-dir', () => {
  it("finds the Electron kiosk's userData as Electron does ($XDG_CONFIG_HOME/SatisfactionKiosk) with its config", async () => {
    const xdg = path.join(t.dir, 'xdg');
    const userData = path.join(xdg, 'SatisfactionKiosk');
    const db = openDatabase(path.join(userData, DATABASE_FILE_NAME));
    insertRatings(db, [{ at: '2026-12-01T10:00:00+07:00', level: 4 }], { unitCode: 'PKU', kioskId: 'pku-kiosk-01' });
    db.close();
    writeTestConfig(userData, PKU);
    const r = await admin(['status'], { XDG_CONFIG_HOME: xdg, HOME: path.join(t.dir, 'home') });
    // The web host's folder in this checkout is the other place a kiosk lives; this test never
    // creates it (it may hold a developer's data), so where it exists the answer is "choose".
    const webDb = path.join(REPO_ROOT, '.kiosk-data', DATABASE_FILE_NAME);
    if (fs.existsSync(webDb)) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`two kiosks on this machine: ${path.dirname(webDb)} (web host) and ${userData} (Electron kiosk)`);
    } else {
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(JSON.parse(r.stdout)).toMatchObject({ kioskId: 'pku-kiosk-01', pending: 1 });
    }
  });
});
