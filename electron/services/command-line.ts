// Strict command-line parsing for the kiosk's command-line entry points (admin CLI, web
// host): a misspelt flag must stop the command, not be ignored while it runs on defaults.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** Bad arguments: the entry point prints the message and the usage, and exits 2. */
export class UsageError extends Error {}

/** The flags every command that reads a kiosk's data takes, as the shells do. */
export const KIOSK_LOCATION_OPTIONS = {
  'data-dir': { type: 'string' },
  config: { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

/** parseArgs in strict mode, no positionals, each flag at most once; throws UsageError. */
export function parseFlags<O extends ParseArgsOptionsConfig>(argv: readonly string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false, tokens: true });
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
  // parseArgs keeps the last of a repeated flag; a job that says two things is refused instead.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} given twice`);
    seen.add(token.name);
  }
  return parsed.values;
}

function usageMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown flag ${unknown[1]}`;
  // Node adds lines of advice on quoting; the first line names the flag and the fault.
  return message.split('\n')[0]!;
}

/** The flags as the argv that resolveKioskPaths reads (flags, then KIOSK_* variables, then defaults). */
export function locationArgv(values: { 'data-dir'?: string; config?: string }): string[] {
  return [
    ...(values['data-dir'] !== undefined ? [`--data-dir=${values['data-dir']}`] : []),
    ...(values.config !== undefined ? [`--config=${values.config}`] : []),
  ];
}
