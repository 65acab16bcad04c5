// Shown instead of the faces when the kiosk cannot store ratings (bad config, unusable
// database): calm for the citizen, precise for IT (the field and what is wrong with it).
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/errors';

export function StartupErrorScreen({ error }: { error: KioskError }) {
  const { t } = useTranslation();
  const message = t(`errors.${error.code}`, {
    field: error.field ?? '—',
    detail: error.detail ?? '—',
    n: '',
    m: '',
    ...error.params,
  });
  return (
    <main className="screen startup-error-screen">
      <div className="startup-error-screen__panel" role="alert">
        <h1 className="startup-error-screen__title">{t('citizen.unavailable.title')}</h1>
        <p className="startup-error-screen__apology">{t('citizen.unavailable.apology')}</p>
        <p className="startup-error-screen__detail" data-testid="startup-error">
          {message}
        </p>
      </div>
    </main>
  );
}
