// Calendar days and offsets in the kiosk's configured time zone (Asia/Ho_Chi_Minh by
// default), independent of the machine's own zone setting. Intl only: runs in Node and DOM.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface ZonedParts {
  /** YYYY-MM-DD in the zone. */
  day: string;
  hour: number;
  minute: number;
  /** Minutes east of UTC at that instant (+420 for Vietnam). */
  offsetMinutes: number;
}

function offsetMinutesByIntl(epochMs: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

// Offsets are whole quarter hours and every modern zone changes offset on a quarter hour
// of UTC, so the offset is constant within each UTC quarter hour. Remembering the last
// quarter hour's offset per zone keeps Intl (a few microseconds) off the tap-to-save path.
const QUARTER_HOUR_MS = 15 * 60_000;
const lastOffsets = new Map<string, { bucket: number; offset: number }>();

function offsetMinutes(epochMs: number, timeZone: string): number {
  const bucket = Math.floor(epochMs / QUARTER_HOUR_MS);
  const cached = lastOffsets.get(timeZone);
  if (cached?.bucket === bucket) return cached.offset;
  const offset = offsetMinutesByIntl(epochMs, timeZone);
  lastOffsets.set(timeZone, { bucket, offset });
  return offset;
}

export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  const offset = offsetMinutes(epochMs, timeZone);
  const local = new Date(epochMs + offset * 60000);
  const day = local.toISOString().slice(0, 10);
  return { day, hour: local.getUTCHours(), minute: local.getUTCMinutes(), offsetMinutes: offset };
}

/** ISO 8601 with the local offset, e.g. 2026-12-01T14:05:00.000+07:00. */
export function isoWithOffset(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** "14:05 01/12/2026" (24-hour, dd/mm/yyyy) in the given zone. */
export function formatLocalDateTime(epochMs: number, timeZone: string): string {
  const z = zonedParts(epochMs, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(z.hour)}:${pad(z.minute)} ${formatDayVi(z.day)}`;
}

/** dd/mm/yyyy, the Vietnamese date format, from YYYY-MM-DD. */
export function formatDayVi(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
