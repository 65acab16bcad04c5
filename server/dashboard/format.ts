// Figures as the dashboard shows them: dates dd/mm/yyyy, times in the receiver's zone,
// counts and rates with the language's separators (82,66 % in Vietnamese).
import type { DashboardLanguage, Translate } from './i18n';

const numberFormats: Record<DashboardLanguage, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }),
};
const rateFormats: Record<DashboardLanguage, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

export const formatCount = (n: number, lang: DashboardLanguage): string => numberFormats[lang].format(n);

export const formatRate = (rate: number, lang: DashboardLanguage, t: Translate): string => t('dashboard.percent', { value: rateFormats[lang].format(rate) });

/** YYYY-MM-DD → dd/mm/yyyy. */
export function formatDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** An instant as "HH:mm dd/mm/yyyy" at the receiver's offset. */
export function formatInstant(epochMs: number, utcOffsetMinutes: number): string {
  const iso = new Date(epochMs + utcOffsetMinutes * 60_000).toISOString();
  return `${iso.slice(11, 16)} ${formatDay(iso.slice(0, 10))}`;
}

/** A duration in its two largest units ("2 giờ 5 phút", "40 giây"). */
export function formatDuration(ms: number, t: Translate): string {
  let s = Math.round(Math.abs(ms) / 1000);
  const parts: [string, number][] = [];
  for (const [unit, size] of [
    ['days', 86_400],
    ['hours', 3_600],
    ['minutes', 60],
    ['seconds', 1],
  ] as const) {
    const n = Math.floor(s / size);
    s -= n * size;
    if (n > 0 || (unit === 'seconds' && parts.length === 0)) parts.push([unit, n]);
  }
  return parts
    .slice(0, 2)
    .map(([unit, n]) => t(`dashboard.duration.${unit}`, { n }))
    .join(' ');
}
