import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/config-schema';
import { languageName } from '../i18n';

/** One button per offered language, each named in its own language (a citizen looks for their own). */
export function LanguageSwitch({ languages }: { languages: readonly Language[] }) {
  const { t, i18n } = useTranslation();
  if (languages.length < 2) return null;
  return (
    <div className="language-switch" role="group" aria-label={t('citizen.language.label')}>
      {languages.map((lng) => (
        <button
          key={lng}
          type="button"
          className="language-switch__option"
          lang={lng}
          aria-pressed={i18n.language === lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {languageName(i18n, lng)}
        </button>
      ))}
    </div>
  );
}
