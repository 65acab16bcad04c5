// "Thoát ứng dụng": IT's one way out of the locked-down kiosk, behind the admin PIN. The shell
// says how it quits (Electron: app.exit(0); the web host: it stops its server and process);
// nothing else in the app makes it quit. The answer is sent first and the shell is asked a
// moment later, so the page learns that the kiosk is stopping rather than seeing it vanish.
import { fail, ok } from '../../../shared/errors';
import type { KioskHandlers } from '../../../shared/kiosk-api';
import type { Logger } from '../logger';
import { IT_ONLY, type SessionGuard } from './session-guard';

export interface ExitHandlerDeps {
  /** How this shell quits; absent where nothing can be quit (a backend in a test or a tool). */
  requestExit?: () => void;
  logger: Logger;
  /** When to ask the shell: after the current answer is on its way (setImmediate). */
  later?: (run: () => void) => void;
}

export function createExitHandler(guard: SessionGuard, deps: ExitHandlerDeps): Pick<KioskHandlers, 'adminExit'> {
  const later = deps.later ?? ((run: () => void) => void setImmediate(run));
  let asked = false;
  return {
    adminExit: guard.guarded(IT_ONLY, () => {
      const requestExit = deps.requestExit;
      if (!requestExit) return fail('NOT_SUPPORTED', { detail: 'this kiosk shell cannot be quit from the admin area' });
      // A second tap while the shell is stopping gets the same answer and asks nothing more.
      if (!asked) {
        asked = true;
        deps.logger.warn('kiosk app quit by IT from the admin area');
        later(() => {
          try {
            requestExit();
          } catch (error) {
            asked = false;
            deps.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'the shell could not quit');
          }
        });
      }
      return ok({ exiting: true as const });
    }),
  };
}
