// The database as the diagnostics screen reports it: SQLite's quick_check and the upload
// queue's counts (the acknowledgement ledger's answers included), read on a read-only
// connection of their own (in a worker thread: a check of a large file takes a while and must
// never hold up a citizen's tap). Read-only, so a check can never change a rating, and in WAL
// mode it never blocks the kiosk's writes.
import Database from 'better-sqlite3';
import { ANSWERED_STATE_SQL, attachAckLedgerIfReadable } from '../db/ack-ledger';
import type { Db } from '../db/database';
import type { DatabaseInspection } from './diagnostics-messages';

/** quick_check's findings kept for the screen and the zip: the first few say enough. */
const MAX_FINDINGS = 10;
const MAX_DETAIL_LENGTH = 600;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const bounded = (text: string) => (text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH)}…` : text);

function quickCheck(db: Db): Pick<DatabaseInspection, 'integrity' | 'integrityDetail'> {
  try {
    const rows = db.pragma(`quick_check(${MAX_FINDINGS})`, { simple: false }) as Array<{ quick_check: string }>;
    const findings = rows.map((r) => r.quick_check);
    if (findings.length === 1 && findings[0] === 'ok') return { integrity: 'ok', integrityDetail: null };
    return { integrity: 'damaged', integrityDetail: bounded(findings.join('; ')) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // A damaged file often fails the check outright rather than listing findings.
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return { integrity: 'damaged', integrityDetail: bounded(`${String(code)}: ${message(error)}`) };
    return { integrity: 'unchecked', integrityDetail: bounded(message(error)) };
  }
}

function queueCounts(db: Db, ledger: boolean): DatabaseInspection['counts'] {
  const counts = { pending: 0, delivered: 0, rejected: 0 };
  // Ratings the server has answered for count as answered before they are folded.
  const state = ledger ? ANSWERED_STATE_SQL : 'upload_state';
  const rows = db.prepare<[], { state: string; n: number }>(`SELECT ${state} AS state, COUNT(*) AS n FROM ratings GROUP BY 1`).all();
  for (const r of rows) if (r.state === 'pending' || r.state === 'delivered' || r.state === 'rejected') counts[r.state] = r.n;
  return counts;
}

export function inspectDatabase(dbFile: string): DatabaseInspection {
  let db: Db;
  try {
    db = new Database(dbFile, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    return { schemaVersion: null, integrity: 'unchecked', integrityDetail: bounded(message(error)), counts: { pending: 0, delivered: 0, rejected: 0 } };
  }
  try {
    const check = quickCheck(db);
    let schemaVersion: number | null = null;
    let counts = { pending: 0, delivered: 0, rejected: 0 };
    try {
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
      counts = queueCounts(db, attachAckLedgerIfReadable(db, dbFile));
    } catch (error) {
      // The check's own answer stands; a count that cannot be read is said next to it.
      const detail = `counts unreadable: ${message(error)}`;
      return { ...check, integrityDetail: bounded(check.integrityDetail ? `${check.integrityDetail}; ${detail}` : detail), schemaVersion, counts };
    }
    return { ...check, schemaVersion, counts };
  } finally {
    db.close();
  }
}
