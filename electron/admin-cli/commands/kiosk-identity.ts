// Which unit and kiosk wrote a database: every rating and survey contact carries them. An
// admin command reading one kiosk's ratings with another's configuration would tally them
// under the wrong name, or upload them with the wrong token (the demo unit's, say, when the
// real config was not found), so it refuses instead and names both.
import type { KioskConfig } from '../../../shared/config-schema';
import type { Db } from '../../services/db/database';

export interface KioskIdentity {
  unitCode: string;
  kioskId: string;
}

/**
 * The unit and kiosk of the newest rating (the kiosk writing this database now: an older
 * rating may predate a change of configuration), else of the newest survey contact; null for
 * a database that holds neither.
 */
export function readDatabaseIdentity(db: Db): KioskIdentity | null {
  const row =
    db.prepare<[], KioskIdentity>('SELECT unit_code AS unitCode, kiosk_id AS kioskId FROM ratings ORDER BY seq DESC LIMIT 1').get() ??
    db.prepare<[], KioskIdentity>('SELECT unit_code AS unitCode, kiosk_id AS kioskId FROM contacts ORDER BY created_at_ms DESC LIMIT 1').get();
  return row ?? null;
}

export function configIdentity(config: KioskConfig): KioskIdentity {
  return { unitCode: config.unit.code, kioskId: config.kiosk.id };
}

const who = (id: KioskIdentity) => `unit "${id.unitCode}", kiosk "${id.kioskId}"`;

/** Null when the config may read this database; otherwise the sentence that says why not. */
export function identityMismatch(db: Db, config: KioskConfig, configLabel: string): string | null {
  const written = readDatabaseIdentity(db);
  const wanted = configIdentity(config);
  if (written === null || (written.unitCode === wanted.unitCode && written.kioskId === wanted.kioskId)) return null;
  return (
    `this database was written by ${who(written)}, but the configuration (${configLabel}) is for ${who(wanted)}; ` +
    "name that kiosk's own configuration with --config FILE or KIOSK_CONFIG"
  );
}
