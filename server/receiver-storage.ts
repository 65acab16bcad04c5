// What the receiver's protocol code (receiver-routes.ts) needs from a database, whichever it
// is: the embedded SQLite file (receiver-store.ts, the default) or PostgreSQL for a province
// running several receiver processes (pg-store.ts). Both answer alike, to the byte: the
// integration tests in tests/integration/server run against each.
import type { BatchRequest, ContactBatchRequest, WireReason } from '../shared/upload-protocol';
import type { RateLimiter, RateLimits, SignInLimit, SignInLimiter } from './rate-limits';

export interface BatchAck {
  accepted: string[];
  duplicates: string[];
  /** New ids whose unit and dossier code another id already rated: stored apart. */
  dossierRated: string[];
  rejected: { id: string; reason: string }[];
}

export interface ContactAck {
  accepted: string[];
  duplicates: string[];
}

export interface TallyRow {
  unit_code: string;
  level: number;
  misuse_flag: number;
  n: number;
}

export interface ExportRow {
  id: string;
  local_day: string;
  unit_code: string;
  level: number;
  misuse_flag: number;
  content: string;
  received_at_ms: number;
}

export interface ExportCursor {
  day: string;
  unit: string;
  level: number;
  flag: number;
  id: string;
}

/** Where an export page ends: the tally index's key, which ends with the rating's id. */
export const exportStart = (from: string): ExportCursor => ({ day: from, unit: '', level: -1, flag: -1, id: '' });
/** The cursor just past a row, for the next page. */
export const exportCursorAfter = (r: ExportRow): ExportCursor => ({ day: r.local_day, unit: r.unit_code, level: r.level, flag: r.misuse_flag, id: r.id });

export interface HeartbeatRecord {
  kioskId: string;
  unitCode: string;
  atMs: number;
  skewMs: number;
  /** The heartbeat as received, JSON. */
  heartbeat: string;
  /** The days whose counts differ (`Reconciliation` JSON, `[]` all agree), or null when the kiosk sent none. */
  reconciliation: string | null;
  /** The kiosk's reasons catalogue, kept per unit and key; null when the kiosk sent none. */
  reasons: readonly WireReason[] | null;
}

/** What a unit last called a reason key, from the last heartbeat that carried it. */
export interface ReasonLabelRow {
  unit_code: string;
  reason_key: string;
  factor: string | null;
  /** `{ vi, …other language codes }`, JSON. */
  labels: string;
  updated_at_ms: number;
}

/** Unflagged kept ratings naming a reason, per unit and key, summed over a period. */
export interface ReasonTallyRow {
  unit_code: string;
  reason_key: string;
  n: number;
}

/** The daily roll-up by unit: one row per kiosk day, unit, level and misuse flag. */
export interface DayUnitRow {
  local_day: string;
  unit_code: string;
  level: number;
  misuse_flag: number;
  n: number;
}

/** One unit's counts by counter and officer over a period ('' where the rating named none). */
export interface StaffRow {
  counter_id: string;
  officer_id: string;
  level: number;
  misuse_flag: number;
  n: number;
}

/** What the receiver last heard from a kiosk; null columns: never heard of that way. */
export interface KioskHealthRow {
  kiosk_id: string;
  unit_code: string;
  last_heartbeat_ms: number | null;
  clock_skew_ms: number | null;
  /** The last heartbeat as received, JSON. */
  heartbeat: string | null;
  /** The last heartbeat's comparison (HeartbeatRecord.reconciliation). */
  reconciliation: string | null;
  last_batch_ms: number | null;
}

export interface ReceiverStorage {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Stores a batch and resolves once the transaction holding it has committed: every accepted
   * rating of it is durable when the answer goes out, or none is. An id stored before is a
   * duplicate when its content is the same and a `conflict` otherwise; a second rating of a
   * unit's dossier code is kept apart and answered `dossierRated`.
   */
  storeBatch(b: BatchRequest, receivedAtMs: number): Promise<BatchAck>;
  /** Survey contacts in one transaction: an id already stored is a duplicate (the first stays). */
  storeContacts(b: ContactBatchRequest, receivedAtMs: number): Promise<ContactAck>;
  recordHeartbeat(h: HeartbeatRecord): Promise<void>;
  /**
   * Ratings held from this kiosk of this unit per local day, among `days`, counting those kept
   * apart as a dossier's later rating (the kiosk counts them as delivered too).
   */
  heldPerDay(kioskId: string, unitCode: string, days: readonly string[]): Promise<Map<string, number>>;
  /** Counts by unit, level and misuse flag over the kiosks' own days, `from` to `to` inclusive. */
  tally(from: string, to: string): Promise<TallyRow[]>;
  /** As tally, by the day of receipt at `utcOffsetMinutes` (from's midnight to the midnight after `to`). */
  tallyByReceived(from: string, to: string, utcOffsetMinutes: number): Promise<TallyRow[]>;
  /**
   * The city dashboard's counts from the daily roll-up, kept up to date inside each batch's
   * transaction (accepted ratings only: never a duplicate or a dossier's later rating), so a
   * month over a province's year of ratings is a few thousand rows to read.
   */
  unitDayTally(from: string, to: string): Promise<DayUnitRow[]>;
  /** One unit's counts by counter and officer, `from` to `to` inclusive, from the roll-up. */
  staffTally(unitCode: string, from: string, to: string): Promise<StaffRow[]>;
  /**
   * Unflagged kept ratings per unit and reason key, `from` to `to` inclusive, from the daily
   * reasons roll-up (kept like the others); one unit's, or every unit's when `unitCode` is null.
   */
  reasonTally(from: string, to: string, unitCode: string | null): Promise<ReasonTallyRow[]>;
  /** Every unit's labels as last sent, retired keys included: they are never deleted. */
  reasonLabels(): Promise<ReasonLabelRow[]>;
  /** Every kiosk that sent a heartbeat or a batch, with what it last reported. */
  kioskHealth(): Promise<KioskHealthRow[]>;
  /** Keyset pages after `after` (exportStart(from) first), so a long export never holds a transaction open. */
  exportPage(to: string, after: ExportCursor, limit: number): Promise<ExportRow[]>;
  /** The per-kiosk limits, counted where every process of this storage sees them. */
  rateLimiter(limits: RateLimits): RateLimiter;
  /** Failed dashboard sign-ins per client, counted where every process of this storage sees them. */
  signInLimiter(limit: SignInLimit): SignInLimiter;
  /** Resolves once the storage answers a trivial read; rejects when it cannot, or not within about `timeoutMs` (GET /v1/health). */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Midnight of `day` at the given offset, in epoch milliseconds. */
export const midnightMs = (day: string, utcOffsetMinutes: number): number => Date.parse(`${day}T00:00:00Z`) - utcOffsetMinutes * 60_000;
