// "Ý kiến khác": a comment typed on the on-screen keyboard (Telex Vietnamese by default).
// Opening it keeps the rating amendable while the citizen types; sending stores the
// comment with the reasons chosen before. Walking away keeps what was typed.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_MAX_LENGTH, type ReasonKey } from '../../../shared/rating-scale';
import type { TonePlacement } from '../../../shared/telex';
import { useKioskApi } from '../api/kiosk-context';
import { useRestartableTimeout } from '../hooks/use-timeout';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard';

export interface CommentScreenProps {
  ratingId: string;
  /** Reasons chosen on the follow-up screen, stored together with the comment. */
  reasons: ReasonKey[];
  tonePlacement: TonePlacement;
  timeoutSeconds: number;
  onDone: () => void;
}

export function CommentScreen({ ratingId, reasons, tonePlacement, timeoutSeconds, onDone }: CommentScreenProps) {
  const api = useKioskApi();
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  // Which apology shows: a full disk needs staff, a passing fault another tap.
  const [failed, setFailed] = useState<'saveFailed' | 'storageFull' | null>(null);
  const finished = useRef(false);

  useEffect(() => {
    void api.holdForComment({ id: ratingId }).then((r) => {
      if (r.ok) return;
      console.warn('rating could not be held open for a comment', r.error);
      // The comment could not be stored either: say so before the citizen types it.
      if (r.error.code === 'STORAGE_FULL') setFailed('storageFull');
    });
  }, [api, ratingId]);

  async function finish(comment: string, fromTimeout: boolean) {
    if (finished.current) return;
    const trimmed = comment.trim();
    if (trimmed === '' && reasons.length === 0) {
      finished.current = true;
      onDone();
      return;
    }
    setSending(true);
    const result = await api.amendRating({ id: ratingId, reasons, ...(trimmed ? { comment: trimmed } : {}) });
    setSending(false);
    // The rating itself is saved. A passing failure keeps the screen for another tap; a full
    // disk keeps it once, for its apology (unless the failed hold already showed it), since
    // sending again would not help: the next press moves on.
    if (!result.ok && !fromTimeout && (result.error.code === 'INTERNAL' || (result.error.code === 'STORAGE_FULL' && failed !== 'storageFull'))) {
      console.warn('comment not saved', result.error);
      setFailed(result.error.code === 'STORAGE_FULL' ? 'storageFull' : 'saveFailed');
    } else {
      if (!result.ok) console.warn('comment not saved', result.error);
      finished.current = true;
      onDone();
    }
  }

  const { restart } = useRestartableTimeout(timeoutSeconds * 1000, () => void finish(text, true), !sending);

  return (
    <main className="screen comment-screen" data-testid="comment-screen" onPointerDown={restart}>
      <section className="comment-screen__head">
        <h1 className="comment-screen__title">{t('citizen.comment.title')}</h1>
        <p className="comment-screen__hint">{t('citizen.comment.hint')}</p>
      </section>
      <div className="comment-screen__text" role="textbox" aria-readonly="true" aria-label={t('citizen.comment.title')} data-testid="comment-text">
        {text === '' ? <span className="comment-screen__placeholder">{t('citizen.comment.placeholder')}</span> : text}
        <span className="comment-screen__caret" aria-hidden="true" />
      </div>
      <div className="comment-screen__notice" aria-live="polite">
        {failed && (
          <p className="notice notice--error" role="alert">
            {t(failed === 'storageFull' ? 'citizen.storageFullFeedback' : 'citizen.saveFailed')}
          </p>
        )}
      </div>
      <OnScreenKeyboard value={text} onChange={setText} maxLength={COMMENT_MAX_LENGTH} layout="text" tonePlacement={tonePlacement} />
      <div className="comment-screen__actions">
        <button type="button" className="action-button action-button--secondary" disabled={sending} onClick={() => void finish('', false)}>
          {t('citizen.comment.skip')}
        </button>
        <button type="button" className="action-button action-button--primary" disabled={sending} onClick={() => void finish(text, false)}>
          {t('citizen.comment.send')}
        </button>
      </div>
    </main>
  );
}
