// The install-loop guard of `--system-update`: a small record of the last installer it
// started. An installer that "succeeds" without changing the running version (it failed
// silently, antivirus blocked it, or latest.yml names a version its installer does not
// install) would otherwise be downloaded and started again every night, restarting the kiosk
// each time, forever. The record lives beside the update log (logs\system-update), which the
// installer makes writable by administrators and SYSTEM only: the kiosk account can neither
// stop updates nor wipe the count through it.
//
// Whatever goes wrong with the record itself only ever lets an update through: a guard that
// could block updates for good would be worse than the loop it prevents.
import fs from 'node:fs';
import { z } from 'zod';
import type { Logger } from '../services/logger';

/** Beside main.log in logs\system-update, so the diagnostics zip carries it with that log. */
export const UPDATE_ATTEMPTS_FILE = 'update-attempts.json';
/** Installer starts of the same version, from the same running version, before giving up on it. */
export const MAX_SAME_UPDATE_ATTEMPTS = 3;
/**
 * "At most one a night": the kiosk's evening run and the 02:30 fallback run are a few hours
 * apart, the evening runs of two nights about 24 hours (give or take the random delay).
 */
export const SAME_UPDATE_MIN_INTERVAL_MS = 20 * 60 * 60 * 1000;

/** An ISO 8601 time, as the record writes it. */
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)));

const UpdateAttemptsSchema = z.object({
  /** The feed's version whose installer was started. */
  targetVersion: z.string().min(1),
  /** The version running when it was started. */
  runningVersion: z.string().min(1),
  attempts: z.number().int().min(1),
  firstAttemptAt: instant,
  lastAttemptAt: instant,
});

export type UpdateAttempts = z.infer<typeof UpdateAttemptsSchema>;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The record, or null when there is none or it cannot be used (logged). */
export function readUpdateAttempts(file: string, logger: Logger): UpdateAttempts | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    logger.warn({ file, error: errorText(error) }, 'system update: the record of install attempts cannot be read; treated as absent');
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    logger.warn({ file, error: errorText(error) }, 'system update: the record of install attempts is damaged; treated as absent');
    return null;
  }
  const record = UpdateAttemptsSchema.safeParse(value);
  if (!record.success) {
    logger.warn({ file }, 'system update: the record of install attempts is damaged (unexpected content); treated as absent');
    return null;
  }
  return record.data;
}

/** Writes the record; false (logged) when it cannot, which must not stop the update. */
export function writeUpdateAttempts(file: string, record: UpdateAttempts, logger: Logger): boolean {
  // Through a temporary file, so that a power cut mid-write leaves the old record or the new one.
  // No mkdir: a folder this process made would not carry the installer's admin-only permissions.
  const temporary = `${file}.tmp`;
  try {
    fs.writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`, 'utf8');
    fs.renameSync(temporary, file);
    return true;
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    logger.error(
      { file, error: errorText(error) },
      'system update: the record of install attempts cannot be written; the install-loop guard does not hold this time',
    );
    return false;
  }
}

export function clearUpdateAttempts(file: string, logger: Logger): void {
  try {
    fs.rmSync(file, { force: true });
  } catch (error) {
    logger.error({ file, error: errorText(error) }, 'system update: the record of install attempts cannot be removed');
  }
}

/**
 * What a record still says once the running version is known: null when it no longer
 * applies, because the update it recorded is now running (success) or the running version
 * changed otherwise (installed by hand or by a deployment tool).
 */
export function settleUpdateAttempts(file: string, record: UpdateAttempts | null, runningVersion: string, logger: Logger): UpdateAttempts | null {
  if (record === null) return null;
  if (runningVersion === record.targetVersion) {
    logger.info(
      { version: runningVersion, attempts: record.attempts },
      'system update: the version last installed is running; the record of install attempts is cleared',
    );
    clearUpdateAttempts(file, logger);
    return null;
  }
  if (runningVersion !== record.runningVersion) {
    logger.info(
      { running: runningVersion, recordedRunning: record.runningVersion, recordedTarget: record.targetVersion },
      'system update: the running version changed since the last install attempt; the record is cleared',
    );
    clearUpdateAttempts(file, logger);
    return null;
  }
  return record;
}

export type InstallDecision =
  | { kind: 'install'; record: UpdateAttempts; retry: boolean }
  | { kind: 'gaveUp'; record: UpdateAttempts }
  | { kind: 'tooSoon'; record: UpdateAttempts; nextAfter: string };

/**
 * Whether to start the installer of `targetVersion`, and the record to write before doing
 * so. Only the same target from the same running version counts: a newer version on the
 * feed starts afresh, and `--now` (IT asking explicitly) always tries once more.
 */
export function decideInstall(
  record: UpdateAttempts | null,
  input: { runningVersion: string; targetVersion: string; now: boolean; at: number },
): InstallDecision {
  const at = new Date(input.at).toISOString();
  const same = record !== null && record.targetVersion === input.targetVersion && record.runningVersion === input.runningVersion;
  if (!same) {
    return {
      kind: 'install',
      retry: false,
      record: { targetVersion: input.targetVersion, runningVersion: input.runningVersion, attempts: 1, firstAttemptAt: at, lastAttemptAt: at },
    };
  }
  const next = { ...record, attempts: record.attempts + 1, lastAttemptAt: at };
  if (input.now) return { kind: 'install', retry: true, record: next };
  if (record.attempts >= MAX_SAME_UPDATE_ATTEMPTS) return { kind: 'gaveUp', record };
  const since = input.at - Date.parse(record.lastAttemptAt);
  // A clock set back (negative) must not hold updates until it catches up again.
  if (since >= 0 && since < SAME_UPDATE_MIN_INTERVAL_MS) {
    return { kind: 'tooSoon', record, nextAfter: new Date(Date.parse(record.lastAttemptAt) + SAME_UPDATE_MIN_INTERVAL_MS).toISOString() };
  }
  return { kind: 'install', retry: true, record: next };
}
