// Everything a rendered report needs besides the ratings themselves. Built once per
// export so the Excel and PDF outputs print the same figures and the same header.
import type { KioskConfig } from '../../../shared/config-schema';
import type { Tally } from '../../../shared/tally';
import { officerDisplayNames } from './tally-service';

/** Configured names for the ids a rating carries; an id no longer configured prints as itself. */
export interface ReportNames {
  counterNames: ReadonlyMap<string, string>;
  officerNames: ReadonlyMap<string, string>;
}

export interface ReportContext extends ReportNames {
  tally: Tally;
  unitName: string;
  place: string;
  timezone: string;
  officerMinRatings: number;
  /** When the report is made; sets the "ngày … tháng … năm …" line. */
  generatedAtMs: number;
}

export function reportContext(config: KioskConfig, tally: Tally, generatedAtMs: number): ReportContext {
  return {
    tally,
    unitName: config.unit.name,
    place: config.unit.place,
    timezone: config.timezone,
    officerMinRatings: config.admin.officerMinRatings,
    counterNames: new Map(config.counters.map((c) => [c.id, c.name])),
    officerNames: officerDisplayNames(config.officers),
    generatedAtMs,
  };
}
