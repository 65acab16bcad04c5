// A child process that does one piece of the kiosk's storage work with the app's own code,
// so a test can SIGKILL it in the middle: `start` opens the database the way the kiosk
// starts (damage check, replacement, migrations), `purge` runs the retention purge the way
// the upload worker does (its own connection, chunk after chunk). It prints "go" just
// before the work, "checked <ms>" after start's damage check, "chunk <n>" after each purge
// chunk committed, and "done <ms>" at the end. KILL_AFTER=<mark>[#<n>]:<ms> makes it SIGKILL
// itself that long after that mark (its n-th time, for chunks): a thread
// of its own keeps the time, so the kill lands where it was aimed however busy the machine
// is, where a parent reading the marks through a pipe and then killing would be late.
//   node --import tsx tests/integration/crash/db-child.ts start <file>
//   node --import tsx tests/integration/crash/db-child.ts purge <file> <beforeMs> <chunk>
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { openKioskDatabase } from '../../../electron/services/db/open-kiosk-database';
import { createUploadQueries } from '../../../electron/services/db/upload-queries';
import { openWorkerDatabase } from '../../../electron/services/sync/upload-worker';

const [mode, file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('usage: db-child.ts start|purge <file> …');

/** 0 waiting, 1 the mark was reached (the clock runs), 2 the work ended first. */
const killState = new Int32Array(new SharedArrayBuffer(4));
const killSpec = /^(go|checked|chunk)(?:#(\d+))?:(\d+)$/.exec(process.env.KILL_AFTER ?? '');
const [, killMark, killAt = '1', killMs] = killSpec ?? [];
let marksSeen = 0;
if (killMark) {
  const killer = new Worker(
    `const { workerData: { state, ms } } = require('node:worker_threads');
     Atomics.wait(state, 0, 0);
     if (Atomics.wait(state, 0, 1, ms) === 'timed-out') process.kill(process.pid, 'SIGKILL');`,
    { eval: true, workerData: { state: killState, ms: Number(killMs) } },
  );
  await once(killer, 'online');
  // Waiting out a clock that no longer matters must not keep the finished child alive.
  killer.unref();
}
function mark(name: 'go' | 'checked' | 'chunk', line: string): void {
  process.stdout.write(line);
  if (name === killMark && ++marksSeen === Number(killAt)) {
    Atomics.store(killState, 0, 1);
    Atomics.notify(killState, 0);
  }
}

mark('go', 'go\n');
const t0 = performance.now();
if (mode === 'start') {
  // "checked <ms>" once the damage check is done: what follows is replacement or migration.
  const say = (obj: object | string, msg?: string) => {
    if (msg === 'database checked') mark('checked', `checked ${Math.round(performance.now() - t0)}\n`);
  };
  openKioskDatabase(file, { logger: { info: say, warn: say, error: say } }).db.close();
} else if (mode === 'purge') {
  const [beforeMs, chunk] = rest.map(Number) as [number, number];
  const db = openWorkerDatabase(file);
  const queries = createUploadQueries(db);
  for (let n = 1; queries.purgeDeliveredChunk(beforeMs, chunk) === chunk; n++) mark('chunk', `chunk ${n}\n`);
  db.close();
} else {
  throw new Error(`unknown mode ${mode}`);
}
Atomics.store(killState, 0, 2);
Atomics.notify(killState, 0);
process.stdout.write(`done ${Math.round(performance.now() - t0)}\n`);
