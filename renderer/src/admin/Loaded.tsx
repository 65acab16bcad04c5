// How an admin screen shows figures it is fetching: the error (if the last fetch failed) above
// whatever it last had, and "loading" only while it has neither.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/errors';
import { errorMessage } from './error-message';

interface LoadedProps<T> {
  value: T | null;
  error: KioskError | null;
  loadingText: string;
  children: (value: T) => ReactNode;
}

export function Loaded<T>({ value, error, loadingText, children }: LoadedProps<T>) {
  const { t } = useTranslation();
  return (
    <>
      {error !== null ? (
        <p className="admin-error" role="alert">
          {errorMessage(t, error)}
        </p>
      ) : null}
      {value !== null ? children(value) : error === null ? <p className="admin-empty">{loadingText}</p> : null}
    </>
  );
}
