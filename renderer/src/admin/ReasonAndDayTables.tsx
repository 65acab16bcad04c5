// Why citizens were not satisfied (the configured labels, as the citizen saw them) and the day-by-day run.
import { useTranslation } from 'react-i18next';
import { describeReason, reasonText } from '../../../shared/rating-scale';
import { orderReasons, reasonOrder, type Tally } from '../../../shared/tally';
import { HorizontalBar } from './charts/HorizontalBar';
import { formatDay, useAdminFormat } from './format';
import { AdminSection } from './AdminSection';
import { TableScroll } from './TableScroll';

/** `reasons`: the tally's catalog, so a retired reason in old data is still named. */
export function ReasonBars({ rows, reasons }: { rows: Tally['byReason']; reasons: Tally['reasons'] }) {
  const { t, i18n } = useTranslation();
  const fmt = useAdminFormat();
  // The backend sends them ordered; ordering again keeps the screen right whatever the
  // source, in the same shared order as the exports and the command line.
  const sorted = orderReasons(
    rows.filter((r) => r.count > 0),
    reasonOrder({ reasons }),
  );
  const max = Math.max(1, ...sorted.map((r) => r.count));
  return (
    <AdminSection title={t('admin.sections.byReason')} empty={sorted.length === 0}>
      <ul className="admin-bars" data-testid="tally-by-reason">
        {sorted.map((r) => (
          <li key={r.reason} className="admin-bars__row">
            <span className="admin-bars__label">{reasonText(describeReason(r.reason, reasons), i18n.language)}</span>
            <HorizontalBar fraction={r.count / max} className="admin-hbar__fill admin-hbar__fill--reason" />
            <span className="admin-bars__value">{fmt.count(r.count)}</span>
          </li>
        ))}
      </ul>
    </AdminSection>
  );
}

export function DayTable({ rows }: { rows: Tally['byDay'] }) {
  const { t } = useTranslation();
  const fmt = useAdminFormat();
  const max = Math.max(1, ...rows.map((r) => r.total));
  return (
    <AdminSection title={t('admin.sections.byDay')} empty={rows.length === 0}>
      <TableScroll>
        <table className="admin-table admin-table--days" data-testid="tally-by-day">
          <thead>
            <tr>
              <th scope="col">{t('admin.table.day')}</th>
              <th scope="col" className="num">
                {t('admin.table.total')}
              </th>
              <th scope="col" className="admin-table__bar-col" aria-hidden="true" />
              <th scope="col" className="num">
                {t('admin.table.satisfiedRate')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.day}>
                <th scope="row">{formatDay(r.day)}</th>
                <td className="num">{fmt.count(r.total)}</td>
                <td className="admin-table__bar-col">
                  <HorizontalBar fraction={r.total / max} />
                </td>
                <td className="num">{fmt.percent(r.satisfiedRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </AdminSection>
  );
}
