// The one contract between the renderer and the backend. Every method is declared here
// once: its input schema (validated where the call is received: IPC handler or web-host
// route) and its output type. Both shells dispatch through `dispatchKioskCall`.
import { z } from 'zod';
import { languageCodeSchema, type Language, type PublicConfig } from './config-schema';
import type { Result } from './errors';
import type { SpeechAudioCatalog } from './speech-prompts';
import type { KioskMethod } from './kiosk-methods';
import { DOSSIER_CODE_MAX_LENGTH, type DossierCapture } from './dossier-code';
import { COMMENT_MAX_LENGTH, reasonKeysSchema, type ReasonCode } from './rating-scale';
import type { Tally } from './tally';
import type { ReconciliationDay } from './upload-protocol';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
  }, 'a real calendar date');
const adminSession = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);
const officerId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'an officer id from the configuration');
/** What a scanner typed or staff keyed in; parsed and checked against the pattern by the backend. */
const rawDossier = z.string().min(1).max(2000);
const noInput = z.object({}).strict();
const sessionOnly = z.object({ session: adminSession }).strict();
const dayRange = z
  .object({ session: adminSession, from: isoDay, to: isoDay })
  .strict()
  .refine((r) => r.from <= r.to, { message: '"from" must not be after "to"', path: ['to'] });

export const kioskInputSchemas = {
  getBootstrap: noInput,
  submitRating: z
    .object({
      level: z.number().int().min(1).max(5),
      /** The language the citizen rated in: one the kiosk offers (checked by the backend). */
      language: languageCodeSchema,
      /** Set when the rating answers a dossier session opened by a scan or by staff. */
      dossier: z
        .object({ code: z.string().min(1).max(DOSSIER_CODE_MAX_LENGTH), capture: z.enum(['qr', 'barcode', 'typed']) })
        .strict()
        .optional(),
    })
    .strict(),
  amendRating: z
    .object({
      id: z.uuid(),
      /** Keys of the configured reasons; the backend refuses one the configuration does not have. */
      reasons: reasonKeysSchema,
      /**
       * Control characters and bidi overrides are not refused here: the rating service
       * removes them (shared/text-clean.ts), so the citizen's words are kept.
       */
      comment: z.string().max(COMMENT_MAX_LENGTH).optional(),
    })
    .strict(),
  getSyncStatus: noInput,
  /** Without officerId: the reception head's PIN. With it: that officer's own PIN (signs them on duty). */
  adminUnlock: z.object({ pin: z.string().regex(/^\d{4,12}$/, '4 to 12 digits'), officerId: officerId.optional() }).strict(),
  adminLock: z.object({ session: adminSession }).strict(),
  getTally: dayRange,
  exportReport: z
    .object({ session: adminSession, from: isoDay, to: isoDay, format: z.enum(['xlsx', 'csv', 'pdf']) })
    .strict()
    .refine((r) => r.from <= r.to, { message: '"from" must not be after "to"', path: ['to'] }),
  /** A scan is accepted on any screen without a session; typing a code is a staff action. */
  openDossier: z.discriminatedUnion('source', [
    z.object({ source: z.literal('scanner'), raw: rawDossier }).strict(),
    z.object({ source: z.literal('typed'), raw: rawDossier, session: adminSession }).strict(),
  ]),
  getDuty: noInput,
  setDuty: z.object({ session: adminSession, officerId: officerId.nullable() }).strict(),
  /** Keeps a just-stored rating open for the comment the citizen is about to type. */
  holdForComment: z.object({ id: z.uuid() }).strict(),
  submitContact: z.object({ phone: z.string().min(1).max(30), consent: z.boolean() }).strict(),
  getDiagnostics: sessionOnly,
  /** One request to the city server now, outside the upload schedule; nothing is uploaded. */
  testConnection: sessionOnly,
  exportDiagnostics: sessionOnly,
  /** Quits the kiosk app (IT's way out of the locked-down shell). */
  adminExit: sessionOnly,
} as const satisfies Record<KioskMethod, z.ZodType>;

export type KioskInput<M extends KioskMethod> = z.output<(typeof kioskInputSchemas)[M]>;

export interface Bootstrap {
  config: PublicConfig;
  appVersion: string;
  /** The unit's recorded prompts found at start (languages/<lang>/audio/), served by the shell. */
  speechAudio: SpeechAudioCatalog;
  /** The accepted language packs that `config.languages` offers, to add to i18next (docs/languages.md). */
  languagePacks: LanguagePackResources[];
}

// ---- language packs (docs/languages.md) ----

/** A pack's texts, nested like shared/i18n/vi (citizen-facing keys only). */
export interface LanguagePackTranslation {
  [key: string]: string | LanguagePackTranslation;
}

/** What the renderer needs of an accepted pack. */
export interface LanguagePackResources {
  code: string;
  /** The language's own name, shown on its button. */
  name: string;
  translation: LanguagePackTranslation;
}

/** Why a pack is refused (the first twelve kinds) or what IT should know about an accepted one. */
export type LanguagePackProblem =
  | { kind: 'unreadable'; detail: string }
  | { kind: 'too_large'; bytes: number; limit: number }
  | { kind: 'not_json'; line: number; column: number }
  | { kind: 'not_object' }
  | { kind: 'bad_file_name' }
  | { kind: 'built_in'; code: string }
  | { kind: 'missing_field'; field: string }
  | { kind: 'unknown_field'; field: string }
  | { kind: 'wrong_field'; field: string }
  | { kind: 'code_mismatch'; code: string; fileCode: string }
  | { kind: 'not_text'; key: string }
  | { kind: 'placeholders'; key: string; expected: string[]; found: string[] }
  | { kind: 'missing_keys'; keys: string[] }
  | { kind: 'unknown_keys'; keys: string[] }
  | { kind: 'not_listed'; code: string }
  | { kind: 'no_pack'; code: string; dir: string };

/**
 * One pack file as checked at start, or (status 'missing', file null) a language the
 * configuration lists without a valid pack.
 */
export interface LanguagePackReport {
  file: string | null;
  code: string;
  name: string | null;
  version: number | null;
  /** 'accepted' and offered; 'not_listed': valid but not in `languages`; 'refused'; 'missing'. */
  status: 'accepted' | 'not_listed' | 'refused' | 'missing';
  /** Texts the pack gives of `total` citizen-facing texts. */
  translated: number;
  total: number;
  problems: LanguagePackProblem[];
}

export interface SubmitRatingOutput {
  /** Null when the tap fell inside the cool-down and was not stored. */
  id: string | null;
  seq: number | null;
  stored: boolean;
  flagged: boolean;
  /** Whether the follow-up (reasons) screen should be shown. */
  followUp: boolean;
}

export type SyncState = 'disabled' | 'idle' | 'syncing' | 'backoff' | 'auth_failed';

export interface SyncStatus {
  state: SyncState;
  pending: number;
  rejected: number;
  oldestPendingAt: string | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: { code: string; detail: string; at: string } | null;
  nextAttemptAt: string | null;
  /** server time − kiosk time, from the last heartbeat. */
  clockOffsetMs: number | null;
  /** The kiosk's own storage, for IT; absent where only the upload queue is known. */
  storage?: StorageStatus;
  /**
   * The city server's last comparison of its per-day counts with the kiosk's (heartbeat):
   * the days that differ, [] when all agree, null before any server has compared.
   */
  reconciliation?: { checkedAt: string; days: ReconciliationDay[] } | null;
}

/** A damaged database found at start and replaced; kept in the new database, never cleared. */
export interface StorageRecoveryStatus {
  at: string;
  /** File name, next to the database, that the damaged file (and its -wal/-shm) was moved to. */
  movedTo: string;
  /** Why it was taken for damaged (SQLite's error or quick_check's first finding). */
  reason: string;
  /** Ratings still waiting for upload that were read from the damaged file and kept. */
  pendingCopied: number;
  ratingsCopied: number;
  contactsCopied: number;
  /** Rows found but not readable (at least this many: a lost page hides its rows). */
  unreadable: number;
}

export interface StorageStatus {
  recovery: StorageRecoveryStatus | null;
  /** The last time, since this start, that a rating could not be saved because the disk was full. */
  fullAt: string | null;
}

export type StaffRole = 'head' | 'officer';

export interface AdminSessionInfo {
  session: string;
  expiresAt: string;
  /** 'head': the whole admin area; 'officer': own shift and typed dossier codes only. */
  role: StaffRole;
  /** The officer who signed in (role 'officer'). */
  officerId: string | null;
}

export interface OfficerRef {
  id: string;
  name: string;
}

export interface DutyOutput {
  /** The officer on duty at this kiosk's counter today, if anyone signed in. */
  officer: OfficerRef | null;
}

/** What the citizen's screen shows for a dossier about to be rated. */
export interface DossierSession {
  code: string;
  capture: DossierCapture;
  counterName: string | null;
  officer: OfficerRef | null;
}

/** What a shell did with a finished export when it hands files over itself (a save dialog). */
export type ExportHandover = { kind: 'saved'; location: string } | { kind: 'cancelled' };

/**
 * A finished export. The backend keeps the file for a few minutes under `fileId` and gives
 * it out once: either the shell collects it before answering (and says how in `handover`),
 * or, without `handover`, the page collects it by `fileId` from where it was served.
 */
export interface ExportOutput {
  fileName: string;
  mime: string;
  /** The file's size. */
  bytes: number;
  fileId: string;
  handover?: ExportHandover;
}

/** The configuration as IT checks it on the diagnostics screen: no token, PIN hash or proxy password. */
export interface DiagnosticsConfig {
  /** 'demo': no configuration file, the embedded demo unit. */
  source: 'file' | 'demo';
  /** The file read at start; null for the demo unit. */
  path: string | null;
  unitCode: string;
  unitName: string;
  kioskId: string;
  counterId: string | null;
  counterName: string | null;
  scale: string;
  timezone: string;
  /** host[:port] of server.url; null when uploads are off. */
  serverHost: string | null;
  /** Whether server.token is set; the token itself never leaves the backend. */
  tokenSet: boolean;
  /**
   * 'configured': server.proxy (host[:port] only, credentials never shown); 'system': the
   * operating system's proxy settings (Electron); 'direct': no proxy.
   */
  proxy: { mode: 'configured' | 'system' | 'direct'; host: string | null; credentials: boolean };
  officeHours: { days: number[]; start: string; end: string };
  /** host[:port] of updates.url; null when automatic updates are off. */
  updatesHost: string | null;
  csvSeparator: string;
  officers: number;
  counters: number;
}

export interface DiagnosticsDatabase {
  file: string;
  /** The database file with its write-ahead log (-wal), in bytes. */
  bytes: number;
  walBytes: number;
  schemaVersion: number | null;
  /** SQLite's quick_check on a read-only connection: 'unchecked' when it could not run. */
  integrity: 'ok' | 'damaged' | 'unchecked';
  /** quick_check's first findings, or why it could not run; null when 'ok'. */
  integrityDetail: string | null;
}

export interface DiagnosticsUploads {
  state: SyncState;
  pending: number;
  /** Delivered ratings still kept on the kiosk (older ones are purged after retentionDays); null when the database could not be read. */
  delivered: number | null;
  rejected: number;
  oldestPendingAt: string | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: SyncStatus['lastError'];
  nextAttemptAt: string | null;
}

export interface Diagnostics {
  generatedAt: string;
  appVersion: string;
  config: DiagnosticsConfig;
  database: DiagnosticsDatabase;
  uploads: DiagnosticsUploads;
  /** server time − kiosk time from the last heartbeat; null before any answer. */
  clockOffsetMs: number | null;
  storage: StorageStatus;
  /** Free and total space of the file system that holds the data folder; null when unknown. */
  disk: { dataDir: string; freeBytes: number | null; totalBytes: number | null };
  /** Where the shell writes its log files; null when it logs elsewhere (the web host: stderr). */
  logsDir: string | null;
  /** The language packs checked at start (docs/languages.md), and the folder they were read from. */
  languagePacks: { dir: string; packs: LanguagePackReport[] };
}

/**
 * One heartbeat to the city server outside the upload schedule, through the route uploads
 * take (nothing is uploaded or stored). `kind` is 'ok', 'disabled' (no server configured) or
 * one of SYNC_ERROR_CODES, classified as uploads' failures are.
 */
export interface ConnectionCheck {
  ok: boolean;
  kind: string;
  /** host[:port] of server.url; null when uploads are off. */
  serverHost: string | null;
  /** Technical detail in English for IT; never holds credentials. */
  detail: string | null;
  /** The last HTTP status on the way: the server's, or the proxy's answer to CONNECT. */
  httpStatus: number | null;
  /** The round trip, finding the route included. */
  ms: number;
  via: 'direct' | 'proxy';
  /** The proxy's scheme, host and port (never credentials), when via is 'proxy'. */
  proxy: string | null;
  /** Where the route came from: server.proxy, the system's settings, or neither. */
  routeSource: 'config' | 'system' | 'none';
  /** Server clock minus kiosk clock, when the server answered with its time. */
  clockOffsetMs: number | null;
}

export interface KioskOutputs {
  getBootstrap: Bootstrap;
  submitRating: SubmitRatingOutput;
  amendRating: { id: string };
  getSyncStatus: SyncStatus;
  adminUnlock: AdminSessionInfo;
  adminLock: { locked: true };
  getTally: Tally;
  exportReport: ExportOutput;
  openDossier: DossierSession;
  getDuty: DutyOutput;
  setDuty: DutyOutput;
  holdForComment: { id: string };
  submitContact: { stored: true };
  getDiagnostics: Diagnostics;
  testConnection: ConnectionCheck;
  exportDiagnostics: ExportOutput;
  adminExit: { exiting: true };
}

/** What the renderer sees as `window.kiosk` (Electron) or the HTTP client (web host). */
export type KioskApi = {
  [M in KioskMethod]: (input: z.input<(typeof kioskInputSchemas)[M]>) => Promise<Result<KioskOutputs[M]>>;
};

/** What a shell wires to: the backend's implementation of each method. */
export type KioskHandlers = {
  [M in KioskMethod]: (input: KioskInput<M>) => Result<KioskOutputs[M]> | Promise<Result<KioskOutputs[M]>>;
};

export type { Language, ReasonCode };
