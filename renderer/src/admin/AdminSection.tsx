// A titled block of the tally screen that says so plainly when the range has no data for it.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface AdminSectionProps {
  title: string;
  empty: boolean;
  children: ReactNode;
  /** Shown under the section whether or not it has data (e.g. how a figure is computed). */
  footer?: ReactNode;
}

export function AdminSection({ title, empty, children, footer }: AdminSectionProps) {
  const { t } = useTranslation();
  return (
    <section className="admin-section">
      <h2>{title}</h2>
      {empty ? <p className="admin-empty">{t('admin.noneYet')}</p> : children}
      {footer}
    </section>
  );
}
