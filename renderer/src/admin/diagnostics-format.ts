// Formats for the diagnostics screen: file and disk sizes, office days, the clock offset.
// Vietnamese conventions in vi (1,5 GB; Thứ Hai đến Thứ Sáu). Free of the DOM and of React,
// so Node tests can check them.

function localeOf(language: string): string {
  return language === 'vi' ? 'vi-VN' : 'en-GB';
}

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * A size as Windows Explorer shows it (steps of 1024, "MB", "GB"), with the language's
 * decimal comma or point: 1.536 MB reads "1,5 MB" in vi.
 */
export function formatBytes(bytes: number, language: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(localeOf(language), {
    style: 'unit',
    unit: SIZE_UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}

/** A plain number with the language's separators (1.250 in vi). */
export function formatNumber(n: number, language: string, fractionDigits = 0): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: fractionDigits }).format(n);
}

/**
 * ISO weekdays (1 Monday … 7 Sunday) as runs: [1,2,3,4,5] → one run 1–5; [1,3,5] → three.
 * The caller words each run ("Thứ Hai đến Thứ Sáu", "Thứ Hai").
 */
export function weekdayRuns(days: readonly number[]): Array<{ from: number; to: number }> {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const runs: Array<{ from: number; to: number }> = [];
  for (const d of sorted) {
    const last = runs.at(-1);
    if (last && d === last.to + 1) last.to = d;
    else runs.push({ from: d, to: d });
  }
  return runs;
}

export type ClockOffsetWords = { kind: 'unknown' } | { kind: 'same' } | { kind: 'slow' | 'fast'; unit: 'seconds' | 'minutes'; n: string };

/**
 * The heartbeat's offset (server − kiosk, ms) in words: the kiosk clock is slow when the
 * server is ahead. Under a second is "in step"; past two minutes it is counted in minutes.
 */
export function clockOffsetWords(offsetMs: number | null, language: string): ClockOffsetWords {
  if (offsetMs === null) return { kind: 'unknown' };
  const abs = Math.abs(offsetMs);
  if (abs < 1000) return { kind: 'same' };
  const kind = offsetMs > 0 ? 'slow' : 'fast';
  if (abs < 120_000) return { kind, unit: 'seconds', n: formatNumber(abs / 1000, language, 1) };
  return { kind, unit: 'minutes', n: formatNumber(Math.round(abs / 60_000), language) };
}
