// The headline figures and the per-level table: what a reception head reads first.
import { useTranslation } from 'react-i18next';
import type { Scale } from '../../../shared/rating-scale';
import type { Tally } from '../../../shared/tally';
import { LevelStrip } from './charts/LevelStrip';
import { useAdminFormat } from './format';
import { levelKey, visibleLevels } from './levels';
import { AdminSection } from './AdminSection';
import { TableScroll } from './TableScroll';

export function SummaryCards({ tally }: { tally: Tally }) {
  const { t } = useTranslation();
  const fmt = useAdminFormat();
  return (
    <div className="admin-cards">
      <div className="admin-card" data-testid="tally-total">
        <div className="admin-card__label">{t('admin.summary.total')}</div>
        <div className="admin-card__value">{fmt.count(tally.total)}</div>
      </div>
      <div className="admin-card admin-card--primary" data-testid="tally-satisfied-rate">
        <div className="admin-card__label">{t('admin.summary.satisfiedRate')}</div>
        <div className="admin-card__value">{fmt.percent(tally.satisfiedRate)}</div>
        <div className="admin-card__hint">{t('admin.summary.satisfiedRateHint')}</div>
      </div>
      <div className="admin-card" data-testid="tally-dissatisfied-rate">
        <div className="admin-card__label">{t('admin.summary.dissatisfiedRate')}</div>
        <div className="admin-card__value">{fmt.percent(tally.dissatisfiedRate)}</div>
      </div>
      <div className="admin-card admin-card--muted" data-testid="tally-flagged">
        <div className="admin-card__label">{t('admin.summary.flagged')}</div>
        <div className="admin-card__value">{fmt.count(tally.flagged)}</div>
        <div className="admin-card__hint">{t('admin.summary.flaggedHint')}</div>
      </div>
    </div>
  );
}

export function LevelTable({ tally, scale }: { tally: Tally; scale: Scale }) {
  const { t } = useTranslation();
  const fmt = useAdminFormat();
  const levels = visibleLevels(tally.levels, scale);
  return (
    <AdminSection title={t('admin.sections.levels')}>
      <LevelStrip levels={levels} total={tally.total} />
      <TableScroll>
        <table className="admin-table" data-testid="tally-levels">
          <thead>
            <tr>
              <th scope="col">{t('admin.table.level')}</th>
              <th scope="col" className="num">
                {t('admin.table.count')}
              </th>
              <th scope="col" className="num">
                {t('admin.table.percent')}
              </th>
            </tr>
          </thead>
          <tbody>
            {levels.map((l) => (
              <tr key={l.level} data-level={l.level}>
                <th scope="row">
                  <span className={`admin-level-dot admin-level-dot--${l.level}`} aria-hidden="true" />
                  {t(levelKey(l.level))}
                </th>
                <td className="num">{fmt.count(l.count)}</td>
                <td className="num">{fmt.percent(l.percent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </AdminSection>
  );
}
