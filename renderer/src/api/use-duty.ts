// The officer on duty for the idle screen's discreet line: asked when the screen appears
// and every minute, so a shift that ends at midnight disappears without a restart.
import { useEffect, useState } from 'react';
import type { KioskApi, OfficerRef } from '../../../shared/kiosk-api';

export const DUTY_POLL_MS = 60_000;

export function useDuty(api: KioskApi): OfficerRef | null {
  const [officer, setOfficer] = useState<OfficerRef | null>(null);
  useEffect(() => {
    let alive = true;
    const load = async () => {
      const result = await api.getDuty({});
      // A failed ask keeps what is shown: the line is informative, never a reason to alarm.
      if (alive && result.ok) setOfficer(result.value.officer);
    };
    void load();
    const timer = setInterval(() => void load(), DUTY_POLL_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [api]);
  return officer;
}
