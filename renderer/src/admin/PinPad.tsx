// The staff PIN entry: big digits, no keyboard (the kiosk has none). The reception head
// enters their PIN as it is; an officer first taps their own name, so the PIN is checked
// against theirs alone. The backend counts attempts and locks out; this screen only shows
// what it says.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/errors';
import type { AdminSessionInfo, KioskApi, OfficerRef } from '../../../shared/kiosk-api';
import { ADMIN_TITLE_ID } from './admin-title';
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
  /** Officers who have a PIN of their own and may sign in at this kiosk. */
  staff: readonly OfficerRef[];
  onUnlocked: (session: AdminSessionInfo) => void;
  onClose: () => void;
}

/** Seconds until the lock-out ends: PIN_LOCKED carries `seconds` (and `m` for the message). */
function lockSeconds(error: KioskError): number {
  const seconds = Number(error.params?.seconds);
  // A minute if a damaged answer lacks it: the pad still stops taking guesses.
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 60;
}

export function PinPad({ api, notice, adminEnabled, staff, onUnlocked, onClose }: PinPadProps) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  /** Null: the reception head. */
  const [officer, setOfficer] = useState<OfficerRef | null>(null);
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
  const padEnabled = officer !== null || adminEnabled;
  const disabled = busy || locked || !padEnabled;
  const shownError: KioskError | null = error ?? (padEnabled ? null : { code: 'PIN_NOT_SET' });

  const press = (digit: string) => {
    setError(null);
    setPin((p) => (p.length < MAX_DIGITS ? p + digit : p));
  };

  const submit = async () => {
    if (pin.length < MIN_DIGITS || disabled) return;
    setBusy(true);
    const result = await api.adminUnlock(officer ? { pin, officerId: officer.id } : { pin });
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
      {staff.length > 0 && (
        <div className="admin-pin__who" role="group" aria-label={t('counter.signIn.whoTitle')} data-testid="pin-who">
          {[null, ...staff].map((o) => (
            <button
              key={o?.id ?? ''}
              type="button"
              className={`admin-button${officer?.id === o?.id ? ' admin-button--selected' : ''}`}
              aria-pressed={officer?.id === o?.id}
              onClick={() => {
                setOfficer(o);
                setPin('');
                setError(null);
              }}
            >
              {o ? o.name : t('counter.signIn.head')}
            </button>
          ))}
        </div>
      )}
      <h1 id={ADMIN_TITLE_ID} className="admin-pin__title">
        {officer ? t('counter.signIn.pinFor', { name: officer.name }) : t('admin.pinTitle')}
      </h1>
      <p className="admin-pin__hint">{officer ? t('counter.signIn.officerHint') : t('admin.pin.hint')}</p>
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
        <button type="button" className="admin-pin__key admin-pin__key--ok" disabled={disabled || pin.length < MIN_DIGITS} onClick={() => void submit()}>
          {t('admin.pin.ok')}
        </button>
      </div>
    </div>
  );
}
