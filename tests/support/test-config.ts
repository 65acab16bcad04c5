// The one place tests build a kiosk configuration. A test names only the values its story
// depends on; everything else comes from these defaults, so a new required key or a changed
// default is fixed here once instead of in every test. Tests about parsing the file itself
// (tests/unit/config/) keep their literal files.
import fs from 'node:fs';
import path from 'node:path';
import { KioskConfigSchema, type KioskConfig, type KioskConfigInput } from '../../shared/config-schema';

/** The kiosk the test receiver's token belongs to (tests/support/city-server.ts). */
export const TEST_KIOSK_ID = 'kiosk-01';
/** The unit the test kiosk's token is bound to: the kiosks under test are configured with it. */
export const TEST_UNIT_CODE = 'TEST-UNIT';
export const TEST_UNIT_NAME = 'Phường Thử nghiệm';

/**
 * Any part of a configuration, nested objects merged key by key. Arrays replace the default
 * whole. A key set to `undefined` is left out, so the schema's own default applies (the way
 * to ask for the product's misuse guard instead of the tests' cool-down of 0).
 */
export type TestConfigOverrides = DeepPartial<KioskConfigInput>;
type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

function defaults(): KioskConfigInput {
  return {
    unit: { code: TEST_UNIT_CODE, name: TEST_UNIT_NAME },
    kiosk: { id: TEST_KIOSK_ID },
    // No cool-down: tests tap as fast as they like unless a test is about the guard.
    misuse: { cooldownSeconds: 0 },
    // No burn-in care: it depends on the time of day the tests run at (a dark screen at night
    // takes the first tap), so only the tests about it turn it on.
    screen: { shift: false, dimOutsideOfficeHours: false },
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) delete out[key];
    else out[key] = isPlainObject(value) && isPlainObject(base[key]) ? merge(base[key], value) : value;
  }
  return out;
}

/**
 * The raw configuration (what config.json holds): the test defaults with each of `layers`
 * merged in, in order (a suite's own defaults first, then the test's).
 */
export function testKioskConfig(...layers: TestConfigOverrides[]): KioskConfigInput {
  let config = defaults() as Record<string, unknown>;
  for (const layer of layers) config = merge(config, layer as Record<string, unknown>);
  return config as KioskConfigInput;
}

/** The same, through the schema, as the services receive it. */
export function parsedTestConfig(...layers: TestConfigOverrides[]): KioskConfig {
  return KioskConfigSchema.parse(testKioskConfig(...layers));
}

/** Writes the configuration as `<dir>/config.json` and returns that path. */
export function writeTestConfig(dir: string, ...layers: TestConfigOverrides[]): string {
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify(testKioskConfig(...layers), null, 2));
  return file;
}
