import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/config-schema';

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
          {t(`citizen.language.${lng}`)}
        </button>
      ))}
    </div>
  );
}
