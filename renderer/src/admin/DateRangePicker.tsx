// Preset periods (the ones a head of desk asks for daily) and a calendar for anything else.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchingPreset, presetRange, RANGE_PRESETS, type DayRange } from './day-math';
import { formatDay } from './format';
import { MonthCalendar } from './MonthCalendar';

export interface DateRangePickerProps {
  range: DayRange;
  today: string;
  onChange: (range: DayRange) => void;
}

export function DateRangePicker({ range, today, onChange }: DateRangePickerProps) {
  const { t } = useTranslation();
  const [calendarOpen, setCalendarOpen] = useState(false);
  const active = matchingPreset(range, today);
  return (
    <section className="admin-panel admin-range" aria-label={t('admin.range.label')}>
      <h2>{t('admin.range.label')}</h2>
      <div className="admin-range__presets">
        {RANGE_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className={active === p ? 'admin-button admin-button--selected' : 'admin-button'}
            aria-pressed={active === p}
            onClick={() => onChange(presetRange(p, today))}
          >
            {t(`admin.range.${p}`)}
          </button>
        ))}
        <button
          type="button"
          className={active === null ? 'admin-button admin-button--selected admin-range__custom' : 'admin-button admin-range__custom'}
          aria-pressed={active === null}
          onClick={() => setCalendarOpen(true)}
        >
          {t('admin.range.custom')}
        </button>
      </div>
      <p className="admin-range__period" data-testid="admin-period">
        {t('admin.range.period', { from: formatDay(range.from), to: formatDay(range.to) })}
      </p>
      {calendarOpen ? (
        <div className="admin-overlay">
          <MonthCalendar
            initial={range}
            today={today}
            onCancel={() => setCalendarOpen(false)}
            onApply={(r) => {
              setCalendarOpen(false);
              onChange(r);
            }}
          />
        </div>
      ) : null}
    </section>
  );
}
