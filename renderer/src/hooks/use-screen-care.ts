// Screen care for the idle screen (config `screen`): the slow shift of its content and the
// dark layer outside office hours. Held by App, not by the idle screen itself, because the
// idle screen is mounted afresh after every rating and both must carry on across that.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PublicConfig } from '../../../shared/config-schema';
import { isWithinOfficeHours } from '../../../shared/office-hours';
import { createDimmer, type DimPhase, type Dimmer } from './screen-dimmer';
import { createShiftSchedule, orbitIndexAt, SHIFT_ORBIT, type ShiftOffset, type ShiftSchedule } from './screen-shift';

const CENTRE: ShiftOffset = { x: 0, y: 0 };

export interface ScreenCare {
  /** Where the idle content sits now, relative to its place in the layout. */
  shift: ShiftOffset;
  phase: DimPhase;
  /** Call on every touch anywhere on the kiosk. */
  noteActivity: () => void;
  pressLayer: () => void;
  releaseLayer: () => void;
}

/** `idle`: the citizen's idle screen is the one showing (only it moves and dims). */
export function useScreenCare(config: PublicConfig | null, idle: boolean): ScreenCare {
  const shiftOn = config?.screen.shift ?? false;
  const dimOn = config?.screen.dimOutsideOfficeHours ?? false;
  const officeHours = config?.officeHours;
  const timeZone = config?.timezone;

  const [shift, setShift] = useState<ShiftOffset>(() => SHIFT_ORBIT[orbitIndexAt(Date.now())]!);
  const [phase, setPhase] = useState<DimPhase>('awake');
  const schedule = useRef<ShiftSchedule | null>(null);
  const dimmer = useRef<Dimmer | null>(null);
  const idleNow = useRef(idle);

  useEffect(() => {
    if (!shiftOn) return;
    const s = createShiftSchedule({ now: () => Date.now(), onMove: setShift });
    schedule.current = s;
    s.setActive(idleNow.current);
    return () => {
      s.stop();
      schedule.current = null;
    };
  }, [shiftOn]);

  useEffect(() => {
    if (!dimOn || !officeHours || !timeZone) return;
    const d = createDimmer({
      now: () => Date.now(),
      isRestTime: (nowMs) => !isWithinOfficeHours(nowMs, officeHours, timeZone),
      onChange: setPhase,
    });
    dimmer.current = d;
    d.setActive(idleNow.current);
    return () => {
      d.stop();
      dimmer.current = null;
      setPhase('awake');
    };
  }, [dimOn, officeHours, timeZone]);

  useEffect(() => {
    idleNow.current = idle;
    schedule.current?.setActive(idle);
    dimmer.current?.setActive(idle);
  }, [idle]);

  const noteActivity = useCallback(() => {
    schedule.current?.noteActivity();
    dimmer.current?.noteActivity();
  }, []);
  const pressLayer = useCallback(() => dimmer.current?.pressLayer(), []);
  const releaseLayer = useCallback(() => dimmer.current?.releaseLayer(), []);

  return { shift: shiftOn ? shift : CENTRE, phase: dimOn ? phase : 'awake', noteActivity, pressLayer, releaseLayer };
}
