// A citizen's comment leaves the kiosk when retention purges its delivered rating: not only
// from the tables but from the file's bytes, where SQLite would otherwise leave the deleted
// cell in the page's free space for anyone who copies the file.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createRatingStore } from '../../../electron/services/db/rating-store';
import { createUploadQueries } from '../../../electron/services/db/upload-queries';
import { createRatingService } from '../../../electron/services/rating-service';
import { openWorkerDatabase } from '../../../electron/services/sync/upload-worker';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig } from '../../support/test-config';

const COMMENT = 'Cán bộ Trần Văn Khoa-7Q9X thu thêm 200.000 đồng ngoài quy định';

let cleanup = () => {};
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  cleanup();
});

function fileBytesContain(file: string, text: string): boolean {
  return fs.existsSync(file) && fs.readFileSync(file).includes(Buffer.from(text, 'utf8'));
}

/**
 * Stores a low rating with the comment among others on the tap connection, has the
 * uploader's connection deliver and purge it, checkpoints, and says where the comment's
 * bytes are still found. `beforePurge` may change the uploader's connection (control case).
 */
function storeDeliverPurge(beforePurge: (uploader: Db) => void = () => {}): { inDb: boolean; inWal: boolean; rowsLeft: number } {
  const t = tempDir('kiosk-secure-delete-');
  cleanup = t.cleanup;
  const file = path.join(t.dir, 'ratings.db');
  const taps = openDatabase(file);
  open.push(taps);
  let clock = Date.parse('2026-12-01T09:00:00+07:00');
  const config = parsedTestConfig({ misuse: { burstCount: 1000, burstWindowSeconds: 1 } });
  const ratings = createRatingService({ store: createRatingStore(taps), config, appVersion: 't', now: () => clock });
  const low = ratings.submit({ level: 2, language: 'vi' });
  if (!low.ok || !low.value.id) throw new Error('rating not stored');
  expect(ratings.amend({ id: low.value.id, reasons: ['fees'], comment: COMMENT }).ok).toBe(true);
  // Neighbours on the same page, stored later and kept: the page itself stays in use.
  for (let i = 0; i < 40; i++) {
    clock += 60_000;
    ratings.submit({ level: 5, language: 'vi' });
  }
  taps.pragma('wal_checkpoint(TRUNCATE)');
  expect(fileBytesContain(file, COMMENT)).toBe(true);

  const uploader = openWorkerDatabase(file);
  open.push(uploader);
  beforePurge(uploader);
  const queries = createUploadQueries(uploader);
  expect(queries.recordAck([low.value.id], [], clock).delivered).toBe(1);
  expect(queries.foldAcks(500)).toBe(1);
  // Retention ends: everything delivered and older than the low rating's next minute goes.
  expect(queries.purgeDelivered(Date.parse('2026-12-01T09:00:30+07:00'))).toBe(1);
  taps.pragma('wal_checkpoint(TRUNCATE)');
  return {
    inDb: fileBytesContain(file, COMMENT),
    inWal: fileBytesContain(`${file}-wal`, COMMENT),
    rowsLeft: taps.prepare('SELECT count(*) FROM ratings').pluck().get() as number,
  };
}

describe('secure delete', () => {
  it('a delivered comment purged by retention is gone from the bytes of ratings.db and its WAL', () => {
    expect(storeDeliverPurge()).toEqual({ inDb: false, inWal: false, rowsLeft: 40 });
  });

  it('control: without secure_delete on the purging connection, the comment would stay in the file', () => {
    expect(storeDeliverPurge((uploader) => uploader.pragma('secure_delete = OFF'))).toEqual({ inDb: true, inWal: false, rowsLeft: 40 });
  });
});
