// Shown instead of the faces when the kiosk cannot store ratings (bad config, unusable
// database): calm for the citizen, precise for IT. A broken configuration is listed fault by
// fault in the screen's language (config-error-lines.ts), never in the loader's English
// detail (which goes to the log and `check-config`), so nothing of the file but a path, a
// line and column or a key's name is shown.
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/errors';
import { configErrorLines, type ConfigErrorPart } from './config-error-lines';

function Sentence({ parts }: { parts: readonly ConfigErrorPart[] }) {
  return (
    <>
      {parts.map((part, i) =>
        'field' in part ? (
          <code key={i} className="startup-error-screen__field">
            {part.field}
          </code>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

export function StartupErrorScreen({ error }: { error: KioskError }) {
  const { t, i18n } = useTranslation();
  const lines = configErrorLines(t, i18n.language, error);
  return (
    <main className="screen startup-error-screen">
      <div className="startup-error-screen__panel" role="alert">
        <h1 className="startup-error-screen__title">{t('citizen.unavailable.title')}</h1>
        <p className="startup-error-screen__apology">{t('citizen.unavailable.apology')}</p>
        {lines ? (
          <div className="startup-error-screen__detail" data-testid="startup-error">
            <p>{t('configErrors.intro', { n: lines.length })}</p>
            <ul className="startup-error-screen__problems">
              {lines.map((parts, i) => (
                <li key={i}>
                  <Sentence parts={parts} />
                </li>
              ))}
            </ul>
            <p>{t('configErrors.contactIt')}</p>
          </div>
        ) : (
          <p className="startup-error-screen__detail" data-testid="startup-error">
            {t(`errors.${error.code}`, { field: error.field ?? '—', detail: error.detail ?? '—', n: '', m: '', ...error.params })}
          </p>
        )}
      </div>
    </main>
  );
}
