// Number, percent and time formats for the admin screens: Vietnamese conventions in vi
// (1.250 lượt; 82,66 %), the browser's English ones otherwise.
import { useTranslation } from 'react-i18next';
import { formatDayVi, formatLocalDateTime } from '../../../shared/local-time';

function localeOf(language: string): string {
  return language === 'vi' ? 'vi-VN' : 'en-GB';
}

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(language: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${language}:${fractionDigits}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: fractionDigits, minimumFractionDigits: fractionDigits });
    cache.set(key, f);
  }
  return f;
}

export function formatCount(n: number, language: string): string {
  return numberFormat(language, 0).format(n);
}

/** `value` is already 0..100, shown with two decimals as in the printed reports (82,66 %). */
export function formatPercent(value: number | null, language: string, empty = '—'): string {
  if (value === null || !Number.isFinite(value)) return empty;
  const n = numberFormat(language, 2).format(value);
  return language === 'vi' ? `${n}\u00a0%` : `${n}%`;
}

/** Counts and percents in the screen's language; a missing rate reads as the "no rate" text. */
export function useAdminFormat(): { count: (n: number) => string; percent: (value: number | null) => string } {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const noRate = t('admin.summary.noRate');
  return { count: (n) => formatCount(n, lang), percent: (value) => formatPercent(value, lang, noRate) };
}

/** dd/mm/yyyy in every language: the report's own convention. */
export function formatDay(day: string): string {
  return formatDayVi(day);
}

/** "14:05 01/12/2026" in the kiosk's zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  const ms = new Date(iso).getTime();
  return Number.isNaN(ms) ? iso : formatLocalDateTime(ms, timeZone);
}

/** m:ss for a lock-out countdown. */
export function formatCountdown(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
