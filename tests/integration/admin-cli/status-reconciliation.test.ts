// `npm run admin -- status` after the city server compared its counts with the kiosk's: real
// CLI processes on a kiosk data directory, a receiver on 127.0.0.1 that answers with a
// reconciliation, then today's reference receiver, which answers without one.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDayVi, zonedParts } from '../../../shared/local-time';
import type { DayCount } from '../../../shared/upload-protocol';
import { DATABASE_FILE_NAME } from '../../../electron/services/db/database';
import { createUploadQueries } from '../../../electron/services/db/upload-queries';
import { openWorkerDatabase } from '../../../electron/services/sync/upload-worker';
import { runAdmin } from '../../support/admin-cli';
import { startCityServer, TEST_KIOSK_TOKEN, type TestCityServer } from '../../support/city-server';
import { insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { TEST_KIOSK_ID, TEST_UNIT_CODE, writeTestConfig } from '../../support/test-config';
import { startRecordingReceiver, type RecordingReceiver } from '../sync/recording-receiver';

const admin = (args: string[]) => runAdmin(args, { env: { KIOSK_LOG_LEVEL: 'silent' } });
const HOUR = 3_600_000;

let receiver: RecordingReceiver;
let city: TestCityServer;
let t: { dir: string; cleanup: () => void };
beforeAll(async () => {
  [receiver, city] = await Promise.all([startRecordingReceiver(), startCityServer()]);
  t = tempDir('kiosk-status-reconciliation-');
});
afterAll(async () => {
  await Promise.all([receiver.close(), city.close()]);
  t.cleanup();
});

const useServer = (url: string) => writeTestConfig(t.dir, { server: { url, token: TEST_KIOSK_TOKEN, timeoutSeconds: 2 } });

describe('admin status shows the days the city server counts differently', () => {
  it('in Vietnamese on stderr and as data in the JSON, from a recording receiver and from the reference receiver', async () => {
    // Ten ratings delivered a day ago, three still pending from a minute ago.
    const yesterday = Date.now() - 26 * HOUR;
    const db = openWorkerDatabase(path.join(t.dir, DATABASE_FILE_NAME));
    insertRatings(
      db,
      Array.from({ length: 13 }, (_, i) => ({ at: i < 10 ? yesterday + i * 1000 : Date.now() - 60_000 + i, level: 5 as const })),
      { kioskId: TEST_KIOSK_ID, unitCode: TEST_UNIT_CODE },
    );
    const ids = db.prepare<[], { id: string }>('SELECT id FROM ratings ORDER BY seq LIMIT 10').all();
    const queries = createUploadQueries(db);
    queries.recordAck(
      ids.map((r) => r.id),
      [],
      yesterday,
    );
    queries.foldAcks(500);
    db.close();
    const day = zonedParts(yesterday, 'Asia/Ho_Chi_Minh').day;

    useServer(receiver.url);
    const before = await admin(['status', '--data-dir', t.dir]);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toMatchObject({ reconciliation: null, pending: 3 });
    expect(before.stderr).toBe('');

    // The receiver holds two fewer than the kiosk delivered on each day it delivered any.
    receiver.answer = (body) => ({
      reconciliation: (body.dayCounts as DayCount[])
        .filter((d) => d.delivered > 0)
        .map((d) => ({ day: d.day, kioskDelivered: d.delivered, serverReceived: d.delivered - 2 })),
    });
    const sync = await admin(['sync', '--data-dir', t.dir]);
    expect(sync.code).toBe(0);
    expect(JSON.parse(sync.stdout)).toMatchObject({ result: { kind: 'done', delivered: 3 } });
    expect((receiver.heartbeats[0]!.dayCounts as DayCount[]).find((d) => d.day === day)).toEqual({ day, stored: 10, delivered: 10, pending: 0, rejected: 0 });

    const line = `  - máy chủ đã nhận 8/10 lượt ngày ${formatDayVi(day)}`;
    const after = await admin(['status', '--data-dir', t.dir]);
    expect(after.code).toBe(0);
    const status = JSON.parse(after.stdout);
    expect(status.reconciliation).toEqual({
      checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00$/),
      days: [{ day, kioskDelivered: 10, serverReceived: 8 }],
    });
    expect(status).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    expect(after.stderr.split('\n')).toEqual([
      expect.stringMatching(/^Đối chiếu với máy chủ lúc \d\d:\d\d \d\d\/\d\d\/\d{4}: số lượt chưa khớp ở 1 ngày$/),
      line,
      '',
    ]);

    // The reference receiver compares for real: it holds none of these ratings (they went to
    // the other server), and says so for both days the kiosk delivered on.
    useServer(city.url);
    const again = await admin(['sync', '--data-dir', t.dir]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ result: { kind: 'done' }, status: { lastError: null } });
    const today = zonedParts(Date.now(), 'Asia/Ho_Chi_Minh').day;
    const compared = await admin(['status', '--data-dir', t.dir]);
    expect(JSON.parse(compared.stdout).reconciliation.days).toEqual([
      { day, kioskDelivered: 10, serverReceived: 0 },
      { day: today, kioskDelivered: 3, serverReceived: 0 },
    ]);
    expect(compared.stderr).toContain(`  - máy chủ đã nhận 0/10 lượt ngày ${formatDayVi(day)}`);
    expect(compared.stderr).toContain(`  - máy chủ đã nhận 0/3 lượt ngày ${formatDayVi(today)}`);

    // A comparison where every day agrees clears the lines.
    useServer(receiver.url);
    receiver.answer = () => ({ reconciliation: [] });
    expect((await admin(['sync', '--data-dir', t.dir])).code).toBe(0);
    const agreed = await admin(['status', '--data-dir', t.dir]);
    expect(JSON.parse(agreed.stdout).reconciliation).toMatchObject({ days: [] });
    expect(agreed.stderr).toBe('');
  });
});
