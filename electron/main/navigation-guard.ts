// The kiosk window may only ever show its own app:// pages. Applied to every web contents
// (also ones Electron creates later), so a stray link or a redirect cannot leave the app.
import type { WebContents } from 'electron';
import { isAppUrl } from './app-protocol';
import type { Logger } from '../services/logger';

interface PreventableEvent {
  preventDefault(): void;
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardNavigation(contents: GuardedContents, logger: Logger): void {
  const stopForeign = (event: PreventableEvent, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    logger.warn({ url: url.slice(0, 200) }, 'blocked navigation away from the kiosk');
  };
  contents.on('will-navigate', (event, url) => stopForeign(event, url));
  contents.on('will-redirect', (event, url) => stopForeign(event, url));
  contents.on('will-frame-navigate', (event) => stopForeign(event, event.url));
  // <webview> would be a second, unguarded browser inside the page.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn({}, 'blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn({ url: url.slice(0, 200) }, 'blocked window.open');
    return { action: 'deny' };
  });
}
