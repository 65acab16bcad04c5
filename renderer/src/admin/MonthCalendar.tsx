// A month grid with large day cells for choosing a custom range by touch: the first tap
// picks the first day, the second the last day (in either order).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDialogFocus } from '../hooks/use-dialog-focus';
import { monthOf, monthWeeks, shiftMonth, type DayRange } from './day-math';
import { formatDay } from './format';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface MonthCalendarProps {
  initial: DayRange;
  today: string;
  onApply: (range: DayRange) => void;
  onCancel: () => void;
}

export function MonthCalendar({ initial, today, onApply, onCancel }: MonthCalendarProps) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(() => monthOf(initial.to));
  const [from, setFrom] = useState<string | null>(null);
  const [range, setRange] = useState<DayRange>(initial);

  const tap = (day: string) => {
    if (from === null) {
      setFrom(day);
      setRange({ from: day, to: day });
    } else {
      setRange(day < from ? { from: day, to: from } : { from, to: day });
      setFrom(null);
    }
  };

  // Escape is "Hủy": the period shown stays as it was.
  const dialogRef = useDialogFocus<HTMLDivElement>({ onEscape: onCancel });
  const atCurrentMonth = month.year === monthOf(today).year && month.month === monthOf(today).month;

  return (
    <div
      ref={dialogRef}
      className="admin-calendar"
      role="dialog"
      aria-modal="true"
      aria-label={t('admin.range.custom')}
      tabIndex={-1}
      data-testid="admin-calendar"
    >
      <div className="admin-calendar__nav">
        <button type="button" className="admin-button" onClick={() => setMonth((m) => shiftMonth(m, -1))} aria-label={t('admin.range.prevMonth')}>
          ‹
        </button>
        <div className="admin-calendar__month">{t('admin.range.month', { month: month.month, year: month.year })}</div>
        <button
          type="button"
          className="admin-button"
          disabled={atCurrentMonth}
          onClick={() => setMonth((m) => shiftMonth(m, 1))}
          aria-label={t('admin.range.nextMonth')}
        >
          ›
        </button>
      </div>
      <table className="admin-calendar__grid">
        <thead>
          <tr>
            {WEEKDAYS.map((w) => (
              <th key={w} scope="col">
                {t(`admin.range.weekdays.${w}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week, i) => (
            <tr key={i}>
              {week.map((day, j) => (
                <td key={j}>
                  {day === null ? null : (
                    <button
                      type="button"
                      className={[
                        'admin-calendar__day',
                        day >= range.from && day <= range.to ? 'admin-calendar__day--in-range' : '',
                        day === range.from || day === range.to ? 'admin-calendar__day--edge' : '',
                        day === today ? 'admin-calendar__day--today' : '',
                      ].join(' ')}
                      disabled={day > today}
                      aria-pressed={day >= range.from && day <= range.to}
                      aria-label={formatDay(day)}
                      onClick={() => tap(day)}
                    >
                      {/* "01", as in its name "01/12/2026": a voice command says what it sees (WCAG 2.5.3). */}
                      {day.slice(8)}
                    </button>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="admin-calendar__status" role="status">
        {from === null ? t('admin.range.period', { from: formatDay(range.from), to: formatDay(range.to) }) : t('admin.range.pickTo')}
      </p>
      <div className="admin-calendar__actions">
        <button type="button" className="admin-button" onClick={onCancel}>
          {t('admin.range.cancel')}
        </button>
        <button type="button" className="admin-button admin-button--primary" disabled={from !== null} onClick={() => onApply(range)}>
          {t('admin.range.apply')}
        </button>
      </div>
    </div>
  );
}
