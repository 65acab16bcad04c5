// One i18next instance per renderer start, built from the typed resources in shared/i18n.
// Vietnamese is the source and the fallback: a missing English string shows Vietnamese,
// never a raw key.
import i18next, { type i18n as I18n } from 'i18next';
import { useContext } from 'react';
import { I18nContext, initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/config-schema';
import { resources } from '../../shared/i18n';
import type { LanguagePackResources } from '../../shared/kiosk-api';

export const SOURCE_LANGUAGE: Language = 'vi';

export function createI18n(): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: SOURCE_LANGUAGE,
    fallbackLng: SOURCE_LANGUAGE,
    // No supportedLngs: language packs (docs/languages.md) add languages at start, after init.
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

/**
 * The i18next instance itself, one object for the renderer's whole life. The `i18n` that
 * useTranslation returns is a wrapper that react-i18next replaces on every language change,
 * so an effect or callback keyed on that one runs again each time a citizen picks a language
 * (it used to fetch the bootstrap again, and the new speaker said the prompt twice).
 */
export function useI18nInstance(): I18n {
  const instance = useContext(I18nContext)?.i18n;
  if (!instance) throw new Error('the kiosk page renders inside an I18nextProvider');
  return instance;
}

/**
 * Adds the unit's language packs that the backend accepted. A key a pack leaves out falls
 * back to Vietnamese (fallbackLng). The pack's own name is kept where the built-in languages
 * keep theirs (citizen.language.<code>), so its button can name it in its own language.
 */
export function addLanguagePacks(instance: I18n, packs: readonly LanguagePackResources[]): void {
  for (const pack of packs) {
    instance.addResourceBundle(pack.code, 'translation', pack.translation, true, true);
    instance.addResource(pack.code, 'translation', `citizen.language.${pack.code}`, pack.name);
  }
}

/** A language's own name ("Tiếng Việt", "English", a pack's name), whatever language is showing. */
export function languageName(instance: I18n, code: Language): string {
  const name: unknown = instance.getResource(code, 'translation', `citizen.language.${code}`);
  return typeof name === 'string' ? name : code;
}
