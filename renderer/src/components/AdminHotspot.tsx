// The hidden way into the admin area: press and hold the top-left corner for 3 seconds.
// A tap, a slide off the corner or a lifted finger cancels it, so citizens never trip it.
import { useEffect, useRef } from 'react';

export const ADMIN_HOLD_MS = 3_000;

export function AdminHotspot({ onOpen }: { onOpen: () => void }) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cancel = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
  };
  useEffect(() => cancel, []);

  return (
    <div
      className="admin-hotspot"
      data-testid="admin-hotspot"
      aria-hidden="true"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        cancel();
        timer.current = setTimeout(() => {
          timer.current = undefined;
          onOpen();
        }, ADMIN_HOLD_MS);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onPointerCancel={cancel}
    />
  );
}
