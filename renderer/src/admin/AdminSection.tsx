// A titled block of the admin screens that says so plainly when the range has no data for it.
// Its heading also names the scrollable table box inside it (TableScroll), so a title is
// written once.
import { createContext, useContext, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const SectionHeading = createContext<string | undefined>(undefined);

/** The id of the heading of the section this is in, if any. */
export const useSectionHeading = (): string | undefined => useContext(SectionHeading);

interface AdminSectionProps {
  title: string;
  /** Without data the section says so instead of showing its children. */
  empty?: boolean;
  children: ReactNode;
  /** Shown under the section whether or not it has data (e.g. how a figure is computed). */
  footer?: ReactNode;
}

export function AdminSection({ title, empty = false, children, footer }: AdminSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="admin-section">
      <h2 id={headingId}>{title}</h2>
      <SectionHeading.Provider value={headingId}>{empty ? <p className="admin-empty">{t('admin.noneYet')}</p> : children}</SectionHeading.Provider>
      {footer}
    </section>
  );
}
