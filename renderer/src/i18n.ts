// One i18next instance per renderer start, built from the typed resources in shared/i18n.
// Vietnamese is the source and the fallback: a missing English string shows Vietnamese,
// never a raw key.
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/config-schema';
import { resources } from '../../shared/i18n';

export const SOURCE_LANGUAGE: Language = 'vi';

export function createI18n(): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: SOURCE_LANGUAGE,
    fallbackLng: SOURCE_LANGUAGE,
    supportedLngs: ['vi', 'en'],
    defaultNS: 'translation',
    // Resources are bundled, so initialise synchronously: the first paint is already translated.
    initAsync: false,
    // React escapes text itself; escaping here would show "&quot;" in error details.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return instance;
}
