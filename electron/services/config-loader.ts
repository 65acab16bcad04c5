// Reads the kiosk's JSON config. A missing file means the embedded demo default; a broken
// one is reported with the field and the expected value, and the kiosk stores nothing.
import fs from 'node:fs';
import { DEMO_CONFIG_INPUT, KioskConfigSchema, type KioskConfig } from '../../shared/config-schema';
import { describeZodError } from '../../shared/dispatch';
import { fail, ok, type Result } from '../../shared/errors';

export interface LoadedConfig {
  config: KioskConfig;
  source: 'file' | 'demo';
  path: string | null;
}

export function parseConfig(raw: unknown): Result<KioskConfig> {
  const parsed = KioskConfigSchema.safeParse(raw);
  if (!parsed.success) return fail('CONFIG_INVALID', describeZodError(parsed.error));
  return ok(parsed.data);
}

export function demoConfig(): KioskConfig {
  return KioskConfigSchema.parse(DEMO_CONFIG_INPUT);
}

export function loadConfig(file: string | null): Result<LoadedConfig> {
  if (!file || !fs.existsSync(file)) return ok({ config: demoConfig(), source: 'demo', path: null });
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return fail('CONFIG_INVALID', { field: '(file)', detail: `cannot read ${file}: ${(error as Error).message}` });
  }
  let raw: unknown;
  try {
    // Notepad on Windows may save UTF-8 with a BOM; JSON.parse rejects it.
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail('CONFIG_INVALID', { field: '(file)', detail: `not valid JSON: ${(error as Error).message}` });
  }
  const parsed = parseConfig(raw);
  if (!parsed.ok) return parsed;
  return ok({ config: parsed.value, source: 'file', path: file });
}
