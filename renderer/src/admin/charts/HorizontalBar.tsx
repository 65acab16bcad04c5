// One horizontal bar, as SVG so that it prints; the label and the figure stay in HTML
// around it so long Vietnamese labels can wrap.
export interface HorizontalBarProps {
  /** 0..1 */
  fraction: number;
  className?: string;
}

export function HorizontalBar({ fraction, className }: HorizontalBarProps) {
  const width = Math.max(0, Math.min(1, fraction)) * 100;
  return (
    <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="admin-hbar" aria-hidden="true">
      <rect x={0} y={0} width={100} height={10} className="admin-hbar__track" />
      {width > 0 ? <rect x={0} y={0} width={width} height={10} className={className ?? 'admin-hbar__fill'} /> : null}
    </svg>
  );
}
