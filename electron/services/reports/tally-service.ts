// Turns the grouped counts from tally-queries into the contract's Tally: percentages of
// the unflagged total, satisfaction rate (4 + 5) / N, officer figures only from the
// configured minimum count, and every day of the range (days without ratings included).
// Counter and officer names are resolved here, so the admin screen needs no configuration.
import type { KioskConfig } from '../../../shared/config-schema';
import { fail, ok, type Result } from '../../../shared/errors';
import { DEFAULT_REASONS, LEVELS, LEVELS_BY_SCALE, type Level } from '../../../shared/rating-scale';
import { type GroupTally, type LevelCount, orderReasons, percent, reasonCatalog, type Tally } from '../../../shared/tally';
import { vi } from '../../../shared/i18n/vi';
import type { GroupLevelRow, TallyQueries } from '../db/tally-queries';

/** Ten years: beyond retention anyway, and it keeps byDay from growing without bound. */
export const MAX_RANGE_DAYS = 3660;
const DAY_MS = 86_400_000;

export type TallyConfig = Pick<KioskConfig, 'counters' | 'scale' | 'timezone'> & {
  /** The configured reasons; the eight defaults when absent. */
  reasons?: KioskConfig['reasons'];
  officers: ReadonlyArray<Pick<KioskConfig['officers'][number], 'id' | 'name'>>;
  admin: Pick<KioskConfig['admin'], 'officerMinRatings'>;
};

export function rangeLength(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

export function daysInRange(from: string, to: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const days: string[] = [];
  for (let t = start; t <= end; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/**
 * Officer id → the name to print. Vietnamese names repeat often (two "Nguyễn Văn An" in one
 * unit is ordinary), so a name shared by several officers gets the id appended.
 */
export function officerDisplayNames(officers: TallyConfig['officers']): Map<string, string> {
  const uses = new Map<string, number>();
  for (const o of officers) uses.set(o.name, (uses.get(o.name) ?? 0) + 1);
  return new Map(officers.map((o) => [o.id, (uses.get(o.name) ?? 0) > 1 ? `${o.name} (${o.id})` : o.name]));
}

function groupTally(counts: Map<number, number>, shownLevels: readonly Level[], enough = true): GroupTally {
  let total = 0;
  for (const n of counts.values()) total += n;
  const at = (l: Level) => counts.get(l) ?? 0;
  const levels: LevelCount[] = shownLevels.map((level) => ({
    level,
    count: at(level),
    percent: enough ? percent(at(level), total) : null,
  }));
  return {
    total,
    levels,
    satisfiedRate: enough ? percent(at(5) + at(4), total) : null,
    dissatisfiedRate: enough ? percent(at(2) + at(1), total) : null,
  };
}

function groupBy(rows: GroupLevelRow[]): Map<string | null, Map<number, number>> {
  const groups = new Map<string | null, Map<number, number>>();
  for (const r of rows) {
    let g = groups.get(r.key);
    if (!g) groups.set(r.key, (g = new Map()));
    g.set(r.level, (g.get(r.level) ?? 0) + r.n);
  }
  return groups;
}

export function createTallyService(queries: TallyQueries, config: TallyConfig) {
  function compute(from: string, to: string): Result<Tally> {
    if (from > to) return fail('INVALID_INPUT', { field: 'to', detail: '"from" must not be after "to"' });
    if (rangeLength(from, to) > MAX_RANGE_DAYS) {
      return fail('INVALID_INPUT', { field: 'to', detail: `a range of at most ${MAX_RANGE_DAYS} days` });
    }
    const days = daysInRange(from, to);

    const overall = new Map<number, number>();
    let flagged = 0;
    for (const r of queries.levels(from, to)) {
      if (r.flagged) flagged += r.n;
      else overall.set(r.level, r.n);
    }
    // The scale's own levels always; others only if present (the scale was switched mid-range).
    const scaleLevels = new Set<number>(LEVELS_BY_SCALE[config.scale]);
    const shownLevels = LEVELS.filter((l) => scaleLevels.has(l) || (overall.get(l) ?? 0) > 0);

    const counterNames = new Map(config.counters.map((c) => [c.id, c.name]));
    const counterOrder = new Map(config.counters.map((c, i) => [c.id, i]));
    const byCounter = [...groupBy(queries.byCounter(from, to))]
      .map(([counterId, counts]) => ({
        counterId,
        counterName: counterId === null ? vi.report.unknownCounter : (counterNames.get(counterId) ?? counterId),
        ...groupTally(counts, shownLevels),
      }))
      .sort((a, b) => rank(a.counterId) - rank(b.counterId) || String(a.counterId).localeCompare(String(b.counterId)));
    function rank(id: string | null): number {
      return id === null ? Number.MAX_SAFE_INTEGER : (counterOrder.get(id) ?? counterOrder.size);
    }

    const minRatings = config.admin.officerMinRatings;
    const officerNames = officerDisplayNames(config.officers);
    const officerOrder = new Map(config.officers.map((o, i) => [o.id, i]));
    // Configured order, as the unit lists its staff; officers since removed follow, by id.
    const officerRank = (id: string) => officerOrder.get(id) ?? officerOrder.size;
    const byOfficer = [...groupBy(queries.byOfficer(from, to))]
      .map(([key, counts]) => {
        let n = 0;
        for (const c of counts.values()) n += c;
        const enough = n >= minRatings;
        const officerId = key ?? '';
        return { officerId, officerName: officerNames.get(officerId) ?? officerId, enough, ...groupTally(counts, shownLevels, enough) };
      })
      .sort((a, b) => officerRank(a.officerId) - officerRank(b.officerId) || a.officerId.localeCompare(b.officerId));

    const dayRows = new Map(queries.byDay(from, to).map((r) => [r.day, r]));
    const byDay = days.map((day) => {
      const r = dayRows.get(day);
      return { day, total: r?.total ?? 0, satisfiedRate: r ? percent(r.satisfied, r.total) : null };
    });

    // Every key found is counted, configured or not: a reason the unit has since retired is
    // still what those citizens answered. Ordered here, once, so the screen, the CLI and
    // every export list reasons alike.
    const reasonRows = queries.byReason(from, to).map((r) => ({ reason: String(r.reason), count: r.n }));
    const reasons = reasonCatalog(
      config.reasons ?? DEFAULT_REASONS,
      reasonRows.map((r) => r.reason),
    );
    const byReason = orderReasons(
      reasonRows,
      reasons.map((r) => r.key),
    );

    return ok({
      from,
      to,
      timezone: config.timezone,
      flagged,
      ...groupTally(overall, shownLevels),
      byCounter,
      byOfficer,
      byHour: queries.byHour(from, to).map((r) => ({ hour: r.hour, total: r.total, satisfied: r.satisfied })),
      byReason,
      reasons,
      byDay,
    });
  }

  return { compute };
}

export type TallyService = ReturnType<typeof createTallyService>;
