// A child process that does one piece of the kiosk's storage work with the app's own code,
// so a test can SIGKILL it in the middle: `start` opens the database the way the kiosk
// starts (damage check, replacement, migrations), `purge` runs the retention purge the way
// the upload worker does (its own connection, chunk after chunk). It prints "go" just
// before the work, "checked <ms>" after start's damage check, and "done <ms>" at the end.
//   node --import tsx tests/integration/crash/db-child.ts start <file>
//   node --import tsx tests/integration/crash/db-child.ts purge <file> <beforeMs> <chunk>
import { performance } from 'node:perf_hooks';
import { openKioskDatabase } from '../../../electron/services/db/open-kiosk-database';
import { createUploadQueries } from '../../../electron/services/db/upload-queries';
import { openWorkerDatabase } from '../../../electron/services/sync/upload-worker';

const [mode, file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('usage: db-child.ts start|purge <file> …');

process.stdout.write('go\n');
const t0 = performance.now();
if (mode === 'start') {
  // "checked <ms>" once the damage check is done: what follows is replacement or migration.
  const say = (obj: object | string, msg?: string) => {
    if (msg === 'database checked') process.stdout.write(`checked ${Math.round(performance.now() - t0)}\n`);
  };
  openKioskDatabase(file, { logger: { info: say, warn: say, error: say } }).db.close();
} else if (mode === 'purge') {
  const [beforeMs, chunk] = rest.map(Number) as [number, number];
  const db = openWorkerDatabase(file);
  const queries = createUploadQueries(db);
  while (queries.purgeDeliveredChunk(beforeMs, chunk) === chunk);
  db.close();
} else {
  throw new Error(`unknown mode ${mode}`);
}
process.stdout.write(`done ${Math.round(performance.now() - t0)}\n`);
