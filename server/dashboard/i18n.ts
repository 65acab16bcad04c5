// The dashboard's own i18next instance over the shared resources: Vietnamese by default,
// English on request. Pages escape everything t() returns (html.ts), so i18next must not
// escape again.
import { createInstance, type TFunction } from 'i18next';
import { resources } from '../../shared/i18n';

export const DASHBOARD_LANGUAGES = ['vi', 'en'] as const;
export type DashboardLanguage = (typeof DASHBOARD_LANGUAGES)[number];

export type Translate = (key: string, params?: Record<string, string | number>) => string;

const i18n = createInstance();
void i18n.init({
  resources,
  lng: 'vi',
  fallbackLng: 'vi',
  supportedLngs: [...DASHBOARD_LANGUAGES],
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

const fixed = new Map<DashboardLanguage, TFunction>(DASHBOARD_LANGUAGES.map((l) => [l, i18n.getFixedT(l)]));

export function translator(lang: DashboardLanguage): Translate {
  const t = fixed.get(lang)!;
  return (key, params) => t(key, params ?? {}) as string;
}

export const isDashboardLanguage = (v: string | null | undefined): v is DashboardLanguage =>
  (DASHBOARD_LANGUAGES as readonly (string | null | undefined)[]).includes(v);
