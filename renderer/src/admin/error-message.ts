// One place that turns a contract error into the staff-facing sentence: t('errors.<code>')
// with the error's own template values, so "Sai mã PIN, còn 2 lần thử." reads right.
import type { TFunction } from 'i18next';
import type { KioskError } from '../../../shared/errors';

export function errorMessage(t: TFunction, error: KioskError): string {
  return t(`errors.${error.code}`, {
    field: error.field ?? '',
    detail: error.detail ?? '',
    n: '',
    m: '',
    ...error.params,
  });
}
