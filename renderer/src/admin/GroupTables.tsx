// Breakdowns by counter and by officer. Officer figures are staff personal data: below the
// configured minimum the backend sends enough=false and no rates, and we say so plainly.
import { useTranslation } from 'react-i18next';
import type { Scale } from '../../../shared/rating-scale';
import type { Tally } from '../../../shared/tally';
import { useAdminFormat } from './format';
import { levelKey, visibleLevels } from './levels';
import { AdminSection } from './AdminSection';
import { TableScroll } from './TableScroll';

export function CounterTable({ rows, scale }: { rows: Tally['byCounter']; scale: Scale }) {
  const { t } = useTranslation();
  const fmt = useAdminFormat();
  const header = visibleLevels(rows[0]?.levels ?? [], scale);
  return (
    <AdminSection title={t('admin.sections.byCounter')} empty={rows.length === 0}>
      <TableScroll>
        <table className="admin-table" data-testid="tally-by-counter">
          <thead>
            <tr>
              <th scope="col">{t('admin.table.counter')}</th>
              <th scope="col" className="num">
                {t('admin.table.total')}
              </th>
              {header.map((l) => (
                <th scope="col" className="num" key={l.level}>
                  {t(levelKey(l.level))}
                </th>
              ))}
              <th scope="col" className="num">
                {t('admin.table.satisfiedRate')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.counterId ?? ''}>
                <th scope="row">{row.counterId === null ? t('admin.noCounter') : row.counterName}</th>
                <td className="num">{fmt.count(row.total)}</td>
                {header.map((h) => {
                  const l = row.levels.find((x) => x.level === h.level);
                  return (
                    <td className="num" key={h.level}>
                      {fmt.count(l?.count ?? 0)}
                    </td>
                  );
                })}
                <td className="num">{fmt.percent(row.satisfiedRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </AdminSection>
  );
}

export function OfficerTable({ rows }: { rows: Tally['byOfficer'] }) {
  const { t } = useTranslation();
  const fmt = useAdminFormat();
  return (
    <AdminSection title={t('admin.sections.byOfficer')} empty={rows.length === 0} footer={<p className="admin-note">{t('admin.officerNote')}</p>}>
      <TableScroll>
        <table className="admin-table" data-testid="tally-by-officer">
          <thead>
            <tr>
              <th scope="col">{t('admin.table.officer')}</th>
              <th scope="col" className="num">
                {t('admin.table.total')}
              </th>
              <th scope="col" className="num">
                {t('admin.summary.satisfiedRate')}
              </th>
              <th scope="col" className="num">
                {t('admin.summary.dissatisfiedRate')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.officerId}>
                <th scope="row">{row.officerName}</th>
                <td className="num">{fmt.count(row.total)}</td>
                {row.enough ? (
                  <>
                    <td className="num">{fmt.percent(row.satisfiedRate)}</td>
                    <td className="num">{fmt.percent(row.dissatisfiedRate)}</td>
                  </>
                ) : (
                  <td colSpan={2} className="admin-not-enough">
                    {t('admin.notEnough')}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </AdminSection>
  );
}
