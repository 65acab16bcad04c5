// What the city calls a reason key: the labels the kiosks of a unit last sent in their
// heartbeats (unit_reasons), else the default eight's own label (a retired default keeps its
// name), else the key itself, so that no counted rating is ever left without a name.
import { describeReason, SIPAS_FACTORS, type ReasonDefinition, type SipasFactor } from '../shared/rating-scale';
import type { ReasonLabelRow } from './receiver-storage';

interface Stored {
  reason: ReasonDefinition;
  at: number;
}

/** A stored row as a definition, or null if its labels cannot be read (never fatal to a report). */
function parseRow(row: ReasonLabelRow): ReasonDefinition | null {
  let labels: unknown;
  try {
    labels = JSON.parse(row.labels);
  } catch {
    return null;
  }
  if (typeof labels !== 'object' || labels === null || typeof (labels as { vi?: unknown }).vi !== 'string') return null;
  const factor = (SIPAS_FACTORS as readonly string[]).includes(row.factor ?? '') ? (row.factor as SipasFactor) : null;
  return { key: row.reason_key, factor, labels: labels as ReasonDefinition['labels'] };
}

/** With no configured reasons, shared's rule alone: a default's own label, else the key. */
const fallback = (key: string): ReasonDefinition => describeReason(key, []);

export interface ReasonNames {
  /** The unit's own last label for the key, else the fallback. */
  ofUnit(unitCode: string, key: string): ReasonDefinition;
  /** Province-wide: the most recently sent label among all units, else the fallback. */
  anyUnit(key: string): ReasonDefinition;
}

export function reasonNames(rows: readonly ReasonLabelRow[]): ReasonNames {
  const byUnit = new Map<string, ReasonDefinition>();
  const latest = new Map<string, Stored>();
  for (const row of rows) {
    const reason = parseRow(row);
    if (!reason) continue;
    // Identifiers never hold a NUL, so it separates the parts of a key safely.
    byUnit.set(`${row.unit_code}\0${row.reason_key}`, reason);
    const seen = latest.get(row.reason_key);
    if (!seen || row.updated_at_ms > seen.at) latest.set(row.reason_key, { reason, at: row.updated_at_ms });
  }
  return {
    ofUnit: (unitCode, key) => byUnit.get(`${unitCode}\0${key}`) ?? fallback(key),
    anyUnit: (key) => latest.get(key)?.reason ?? fallback(key),
  };
}
