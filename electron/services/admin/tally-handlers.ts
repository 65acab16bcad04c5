// getTally for the admin screen: the figures of a day range, behind the reception head's session.
import type { KioskHandlers } from '../../../shared/kiosk-api';
import type { TallyService } from '../reports/tally-service';
import { HEAD_ONLY, type SessionGuard } from './session-guard';

export function createTallyHandlers(guard: SessionGuard, tallies: TallyService): Pick<KioskHandlers, 'getTally'> {
  return { getTally: guard.guarded(HEAD_ONLY, (input) => tallies.compute(input.from, input.to)) };
}
