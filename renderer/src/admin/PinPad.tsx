// The reception head's PIN entry: big digits, no keyboard (the kiosk has none). The
// backend counts attempts and locks out; this screen only shows what it says.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/errors';
import type { AdminSessionInfo, KioskApi } from '../../../shared/kiosk-api';
import { errorMessage } from './error-message';
import { formatCountdown } from './format';

const MIN_DIGITS = 4;
const MAX_DIGITS = 12;
const DIGIT_ROWS = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
] as const;

export interface PinPadProps {
  api: KioskApi;
  /** Shown above the pad, e.g. after a session expired. */
  notice: KioskError | null;
  /** False when the config has no PIN hash: say so at once instead of after a try. */
  adminEnabled: boolean;
  onUnlocked: (session: AdminSessionInfo) => void;
  onClose: () => void;
}

/** Seconds until the lock-out ends, from whatever the backend sent. */
function lockSeconds(error: KioskError): number {
  const p = error.params ?? {};
  const seconds = Number(p.seconds ?? p.retryAfterSeconds);
  if (Number.isFinite(seconds) && seconds > 0) return seconds;
  const minutes = Number(p.m);
  return Number.isFinite(minutes) && minutes > 0 ? minutes * 60 : 60;
}

export function PinPad({ api, notice, adminEnabled, onUnlocked, onClose }: PinPadProps) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<KioskError | null>(notice);

  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (lockedUntil === null) return;
    const timer = setInterval(() => {
      const tick = Date.now();
      setNow(tick);
      if (tick >= lockedUntil) {
        setLockedUntil(null);
        setError(null);
      }
    }, 500);
    return () => clearInterval(timer);
  }, [lockedUntil]);

  const locked = lockedUntil !== null;
  const disabled = busy || locked || !adminEnabled;
  const shownError: KioskError | null = error ?? (adminEnabled ? null : { code: 'PIN_NOT_SET' });

  const press = (digit: string) => {
    setError(null);
    setPin((p) => (p.length < MAX_DIGITS ? p + digit : p));
  };

  const submit = async () => {
    if (pin.length < MIN_DIGITS || disabled) return;
    setBusy(true);
    const result = await api.adminUnlock({ pin });
    setBusy(false);
    setPin('');
    if (result.ok) {
      onUnlocked(result.value);
      return;
    }
    setError(result.error);
    if (result.error.code === 'PIN_LOCKED') {
      const until = Date.now() + lockSeconds(result.error) * 1000;
      setNow(Date.now());
      setLockedUntil(until);
    }
  };

  return (
    <div className="admin-pin" data-testid="admin-pin-pad">
      <button type="button" className="admin-pin__close admin-button" onClick={onClose}>
        {t('admin.pin.close')}
      </button>
      <h1 className="admin-pin__title">{t('admin.pinTitle')}</h1>
      <p className="admin-pin__hint">{t('admin.pin.hint')}</p>
      <div className="admin-pin__dots" role="status" aria-label={t('admin.pin.entered', { n: pin.length })} data-testid="pin-dots">
        {Array.from({ length: Math.max(MIN_DIGITS, pin.length) }, (_, i) => (
          <span key={i} className={i < pin.length ? 'admin-pin__dot admin-pin__dot--filled' : 'admin-pin__dot'} />
        ))}
      </div>
      <div className="admin-pin__message" role="alert" data-testid="pin-message">
        {busy ? t('admin.pin.checking') : shownError ? errorMessage(t, shownError) : ''}
        {locked && lockedUntil !== null ? (
          <span className="admin-pin__countdown" data-testid="pin-countdown">
            {' '}
            {t('admin.pin.retryIn', { time: formatCountdown((lockedUntil - now) / 1000) })}
          </span>
        ) : null}
      </div>
      <div className="admin-pin__grid">
        {DIGIT_ROWS.flat().map((d) => (
          <button key={d} type="button" className="admin-pin__key" disabled={disabled} onClick={() => press(d)}>
            {d}
          </button>
        ))}
        <button
          type="button"
          className="admin-pin__key admin-pin__key--action"
          disabled={disabled || pin.length === 0}
          onClick={() => setPin((p) => p.slice(0, -1))}
        >
          {t('admin.pin.delete')}
        </button>
        <button type="button" className="admin-pin__key" disabled={disabled} onClick={() => press('0')}>
          0
        </button>
        <button
          type="button"
          className="admin-pin__key admin-pin__key--ok"
          disabled={disabled || pin.length < MIN_DIGITS}
          onClick={() => void submit()}
        >
          {t('admin.pin.ok')}
        </button>
      </div>
    </div>
  );
}
