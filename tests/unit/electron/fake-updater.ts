// A stand-in for electron-updater's autoUpdater that behaves like it where the kiosk relies
// on it: events in the same order, a download promise that rejects on a failed download
// (after an 'error' event), a download that starts by itself only with autoDownload, and
// quitAndInstall.
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
    this.available = feed;
    // As electron-updater: the download starts by itself only with autoDownload.
    return { isUpdateAvailable: true, updateInfo: { version: feed.version }, downloadPromise: this.autoDownload ? this.downloadUpdate() : null };
  });
  /** The update the last check found, which downloadUpdate fetches. */
  private available: Extract<Feed, { kind: 'update' }> | null = null;
  downloadUpdate = vi.fn(async () => {
    const feed = this.available;
    if (feed === null) {
      const error = new Error('Please check update first');
      this.emit('error', error);
      throw error;
    }
    await Promise.resolve();
    if (feed.downloadFails) {
      const error = new Error('sha512 checksum mismatch, expected abc, got def');
      this.emit('error', error);
      throw error;
    }
    this.emit('update-downloaded', { version: feed.version, downloadedFile: 'C:\\cache\\setup.exe' });
    return ['C:\\cache\\setup.exe'];
  });
  quitAndInstall = vi.fn<(isSilent?: boolean, isForceRunAfter?: boolean) => void>();
}
