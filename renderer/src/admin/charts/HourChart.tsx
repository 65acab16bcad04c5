// Ratings per hour of the day as plain SVG columns: light for all ratings, dark for the
// satisfied part. SVG fills print without the "background graphics" option.
import { useTranslation } from 'react-i18next';
import type { Tally } from '../../../../shared/tally';
import { useAdminFormat } from '../format';

/** Office hours are always shown so that a quiet morning reads as quiet, not as missing. */
const FIRST_HOUR = 7;
const LAST_HOUR = 17;

const W = 720;
const H = 230;
const TOP = 28;
const BOTTOM = 36;

export function HourChart({ byHour }: { byHour: Tally['byHour'] }) {
  const { t } = useTranslation();
  const fmt = useAdminFormat();
  const withData = byHour.filter((h) => h.total > 0).map((h) => h.hour);
  const first = Math.min(FIRST_HOUR, ...withData);
  const last = Math.max(LAST_HOUR, ...withData);
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const max = Math.max(1, ...byHour.map((h) => h.total));
  const slot = W / hours.length;
  const barW = Math.min(56, slot * 0.7);
  const plotH = H - TOP - BOTTOM;

  return (
    <figure className="admin-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('admin.hourChart')} className="admin-chart__svg" data-testid="hour-chart">
        <line x1={0} x2={W} y1={TOP + plotH} y2={TOP + plotH} className="admin-chart__axis" />
        {hours.map((hour, i) => {
          const row = byHour.find((h) => h.hour === hour);
          const total = row?.total ?? 0;
          const satisfied = row?.satisfied ?? 0;
          const x = i * slot + (slot - barW) / 2;
          const hTotal = (total / max) * plotH;
          const hSat = (satisfied / max) * plotH;
          return (
            <g key={hour}>
              <title>{`${t('admin.hour', { h: hour })}: ${fmt.count(total)}`}</title>
              {total > 0 ? (
                <>
                  <rect x={x} y={TOP + plotH - hTotal} width={barW} height={hTotal} rx={4} className="admin-chart__bar-total" />
                  <rect x={x} y={TOP + plotH - hSat} width={barW} height={hSat} rx={4} className="admin-chart__bar-satisfied" />
                  <text x={x + barW / 2} y={TOP + plotH - hTotal - 8} textAnchor="middle" className="admin-chart__value">
                    {fmt.count(total)}
                  </text>
                </>
              ) : null}
              <text x={i * slot + slot / 2} y={H - 10} textAnchor="middle" className="admin-chart__label">
                {`${hour}h`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="admin-legend">
        <span className="admin-legend__swatch admin-legend__swatch--total" /> {t('admin.legendTotal')}
        <span className="admin-legend__swatch admin-legend__swatch--satisfied" /> {t('admin.legendSatisfied')}
      </figcaption>
    </figure>
  );
}
