// A stand-in for electron-updater's autoUpdater that behaves like it where the kiosk relies
// on it: events in the same order, a download promise that rejects on a failed download
// (after an 'error' event), and quitAndInstall.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type { UpdaterPort } from '../../../electron/main/system-update';

export type Feed = { kind: 'none' } | { kind: 'update'; version: string; downloadFails?: boolean } | { kind: 'offline' };

export class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  allowDowngrade = true;
  logger: UpdaterPort['logger'] = null;
  feed: Feed = { kind: 'none' };
  setFeedURL = vi.fn();
  checkForUpdates = vi.fn(async () => {
    this.emit('checking-for-update');
    const feed = this.feed;
    if (feed.kind === 'offline') {
      const error = new Error('net::ERR_INTERNET_DISCONNECTED');
      this.emit('error', error);
      throw error;
    }
    if (feed.kind === 'none') {
      this.emit('update-not-available', { version: '0.1.0' });
      return { isUpdateAvailable: false, downloadPromise: null };
    }
    this.emit('update-available', { version: feed.version });
    const downloadPromise = (async () => {
      await Promise.resolve();
      if (feed.downloadFails) {
        const error = new Error('sha512 checksum mismatch, expected abc, got def');
        this.emit('error', error);
        throw error;
      }
      this.emit('update-downloaded', { version: feed.version, downloadedFile: 'C:\\cache\\setup.exe' });
      return ['C:\\cache\\setup.exe'];
    })();
    return { isUpdateAvailable: true, downloadPromise };
  });
  quitAndInstall = vi.fn<(isSilent?: boolean, isForceRunAfter?: boolean) => void>();
}
