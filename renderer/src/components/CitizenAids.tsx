// The idle screen's two aids for citizens who see poorly or cannot read: spoken prompts
// ("Nghe hướng dẫn") and large text ("Chữ lớn"). Toggles, so each says whether it is on.
import { useTranslation } from 'react-i18next';

export interface CitizenAidsProps {
  speechOn: boolean;
  onSpeech: (on: boolean) => void;
  largeText: boolean;
  onLargeText: (on: boolean) => void;
}

export function CitizenAids({ speechOn, onSpeech, largeText, onLargeText }: CitizenAidsProps) {
  const { t } = useTranslation();
  return (
    <div className="citizen-aids" role="group" aria-label={t('citizen.aids.label')}>
      <button type="button" className="citizen-aids__toggle" aria-pressed={speechOn} data-testid="aid-listen" onClick={() => onSpeech(!speechOn)}>
        <svg className="citizen-aids__icon" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <path className="citizen-aids__fill" d="M4 12h6l8-7v22l-8-7H4z" />
          <path className="citizen-aids__stroke" d="M22 11a7 7 0 0 1 0 10M25.5 7.5a12 12 0 0 1 0 17" />
        </svg>
        <span>{t('citizen.aids.listen')}</span>
      </button>
      <button type="button" className="citizen-aids__toggle" aria-pressed={largeText} data-testid="aid-large-text" onClick={() => onLargeText(!largeText)}>
        <svg className="citizen-aids__icon" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <path className="citizen-aids__stroke" d="M3 26 10 8l7 18M5.5 20h9M19 26l5-12 5 12M20.5 22.5h7" />
        </svg>
        <span>{t('citizen.aids.largeText')}</span>
      </button>
    </div>
  );
}
