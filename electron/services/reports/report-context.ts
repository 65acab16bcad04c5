// Everything a rendered report needs besides the ratings themselves. Built once per
// export so the Excel and PDF outputs print the same figures and the same header.
import type { KioskConfig } from '../../../shared/config-schema';
import { zonedParts } from '../../../shared/local-time';
import type { ReasonDefinition } from '../../../shared/rating-scale';
import { orderedReasonCodes, reasonOrder, type Tally } from '../../../shared/tally';
import { officerDisplayNames } from './tally-service';

/** Configured names for the ids a rating carries; an id no longer configured prints as itself. */
export interface ReportNames {
  counterNames: ReadonlyMap<string, string>;
  officerNames: ReadonlyMap<string, string>;
  /**
   * Every reason in the period's order (orderedReasonCodes): a rating's reasons are listed
   * in it, so the CSV and the "Chi tiết" sheet read like section VI. Without it, the
   * reference order.
   */
  reasonOrder?: readonly string[];
  /** Labels and factors of the reasons (the tally's catalog); without it, the eight defaults'. */
  reasons?: readonly ReasonDefinition[];
}

export interface ReportContext extends ReportNames {
  tally: Tally;
  unitName: string;
  /** `unit.abbreviation`, for "Số: …/BC-<abbreviation>"; undefined leaves the clerk a blank. */
  abbreviation?: string;
  place: string;
  timezone: string;
  officerMinRatings: number;
  /** When the report is made; sets the "ngày … tháng … năm …" line. */
  generatedAtMs: number;
  /**
   * The days table's rows: the range's days up to the day the report is made. A period that
   * runs into the future ("Tháng này" on the 4th) would otherwise print empty rows for days
   * that have not happened, which read as days without a single rating.
   */
  days: Tally['byDay'];
}

export function reportContext(config: KioskConfig, tally: Tally, generatedAtMs: number): ReportContext {
  const today = zonedParts(generatedAtMs, config.timezone).day;
  return {
    tally,
    unitName: config.unit.name,
    abbreviation: config.unit.abbreviation,
    place: config.unit.place,
    timezone: config.timezone,
    officerMinRatings: config.admin.officerMinRatings,
    counterNames: new Map(config.counters.map((c) => [c.id, c.name])),
    officerNames: officerDisplayNames(config.officers),
    reasonOrder: orderedReasonCodes(tally.byReason, reasonOrder(tally)),
    reasons: tally.reasons,
    generatedAtMs,
    days: tally.byDay.filter((d) => d.day <= today),
  };
}
