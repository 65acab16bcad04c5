// "Xuất tệp chẩn đoán": one zip IT can take away or send on, with the diagnostics as JSON,
// the configuration in force and the most recent log files. Nothing in it is a secret or a
// citizen's data: the configuration is redacted field by field, and every text file goes
// through the same filter (redaction.ts) before it is packed. Runs in a worker thread.
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { KioskConfig } from '../../../shared/config-schema';
import type { Diagnostics } from '../../../shared/kiosk-api';
import { redactedConfig, redactionRules, redactJson, redactText } from './redaction';

export interface LogLimits {
  /** Newest files first, at most this many. */
  maxFiles: number;
  /** Of a longer file only its end is kept. */
  maxBytesPerFile: number;
  maxTotalBytes: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = { maxFiles: 6, maxBytesPerFile: 2 * 1024 * 1024, maxTotalBytes: 8 * 1024 * 1024 };

/**
 * Log files by name: main.log, main.old.log, kiosk.1.log, kiosk-2026-12-01.log, *.jsonl…, and
 * the SYSTEM update task's install-loop guard (update-attempts.json: which version it tried
 * to install, how often and when), which says why a kiosk stays on an old version.
 */
const LOG_FILE = /\.(log|jsonl|txt)(\.\d+)?$|(^|\/)update-attempts\.json$/i;
export const CUT_MARK = '[… earlier lines left out …]\n';

export interface LogFile {
  name: string;
  text: string;
}

/** The end of a file, from the first whole line, at most `maxBytes` long. */
function tail(file: string, size: number, maxBytes: number): string {
  if (size <= maxBytes) return fs.readFileSync(file, 'utf8');
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes);
    const read = fs.readSync(fd, buffer, 0, maxBytes, size - maxBytes);
    const text = buffer.subarray(0, read).toString('utf8');
    const firstLine = text.indexOf('\n');
    return CUT_MARK + (firstLine === -1 ? '' : text.slice(firstLine + 1));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The newest log files of the folder and its subfolders (the SYSTEM update task logs to
 * system-update/), named by their path in it with "/", unredacted; none when there is no folder.
 */
export function readRecentLogs(logsDir: string | null, limits: LogLimits = DEFAULT_LOG_LIMITS): LogFile[] {
  if (logsDir === null) return [];
  let names: string[];
  try {
    names = fs.readdirSync(logsDir, { recursive: true, encoding: 'utf8' }).map((n) => n.split(path.sep).join('/'));
  } catch {
    return [];
  }
  const files = names
    .filter((n) => LOG_FILE.test(n))
    .flatMap((name) => {
      try {
        const stats = fs.statSync(path.join(logsDir, name));
        return stats.isFile() ? [{ name, size: stats.size, mtimeMs: stats.mtimeMs }] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.mtimeMs - a.mtimeMs || a.name.localeCompare(b.name))
    .slice(0, limits.maxFiles);
  const out: LogFile[] = [];
  let budget = limits.maxTotalBytes;
  for (const f of files) {
    if (budget <= 0) break;
    const take = Math.min(limits.maxBytesPerFile, budget);
    try {
      const text = tail(path.join(logsDir, f.name), f.size, take);
      budget -= Math.min(f.size, take);
      out.push({ name: f.name, text });
    } catch {
      // A file rotated away between the listing and the read is simply not in the zip.
    }
  }
  return out;
}

const README = `Satisfaction kiosk: diagnostics for IT

diagnostics.json  what the diagnostics screen shows (version, configuration summary,
                  database size and integrity, upload queue, last sync, clock offset, disk)
config.json       the configuration in force, defaults filled in; the upload token, every
                  PIN hash and the proxy's credentials are replaced by "[redacted]" (empty
                  when not set), officers' names are left out
logs/             the most recent log files, redacted the same way: tokens, PIN hashes,
                  credentials, phone numbers, comments and dossier codes are replaced;
                  system-update/ holds the update task's log and, after a failed install,
                  update-attempts.json (the version it tried, how often, when)

No rating, comment, phone number or dossier code is in this file.
`;

export interface BundleInput {
  diagnostics: Diagnostics;
  config: KioskConfig;
  logs: LogFile[];
  /** Stamped on every entry. */
  now: Date;
}

/** The zip's bytes. Every text in it, each string of the JSON files included, has been through redactText. */
export function buildDiagnosticsZip(input: BundleInput): Uint8Array {
  const rules = redactionRules(input.config);
  const json = (value: unknown) => strToU8(`${JSON.stringify(redactJson(value, rules), null, 2)}\n`);
  const text = (s: string) => strToU8(redactText(s, rules));
  const files: Zippable = {
    'README.txt': strToU8(README),
    'diagnostics.json': json(input.diagnostics),
    'config.json': json(redactedConfig(input.config)),
  };
  if (input.logs.length > 0) {
    const logs: Zippable = {};
    // Nested as in the logs folder, so two main.log files of different folders both fit.
    for (const log of input.logs) logs[log.name] = text(log.text);
    files.logs = logs;
  }
  return zipSync(files, { level: 6, mtime: input.now });
}
