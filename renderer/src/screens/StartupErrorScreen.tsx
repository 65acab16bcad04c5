// Shown instead of the faces when the kiosk cannot store ratings (bad config, unusable
// database): calm for the citizen, precise for IT. A configuration problem is worded in
// the screen's language from its problem code, never from the loader's English detail
// (which goes to the log), so nothing of the file but a path, a line or a key is shown.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CONFIG_VALUE_TYPES, isConfigProblem } from '../../../shared/config-schema';
import type { KioskError } from '../../../shared/errors';

type ValueType = (typeof CONFIG_VALUE_TYPES)[number] | 'other';

function configMessage(t: TFunction, error: KioskError): string | null {
  const params = error.params ?? {};
  const problem = params.problem;
  if (error.code !== 'CONFIG_INVALID' || !isConfigProblem(problem)) return null;
  const expected: ValueType = (CONFIG_VALUE_TYPES as readonly unknown[]).includes(params.expected)
    ? (params.expected as ValueType)
    : 'other';
  const sentence = t(`configErrors.problems.${problem}`, {
    field: error.field ?? '',
    path: String(params.path ?? ''),
    line: String(params.line ?? ''),
    column: String(params.column ?? ''),
    allowed: String(params.allowed ?? ''),
    expected: t(`configErrors.types.${expected}`),
  });
  return t('configErrors.message', { problem: sentence });
}

export function StartupErrorScreen({ error }: { error: KioskError }) {
  const { t } = useTranslation();
  const message =
    configMessage(t, error) ??
    t(`errors.${error.code}`, {
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
