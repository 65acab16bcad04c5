// The browser shell's side of IT's methods, with the real web host process (`npm run
// start:web`): the diagnostics zip is collected once at GET /exports/<id> with the page's
// token, like a report; "Thoát ứng dụng" is refused without the admin session and otherwise
// answered, after which the host closes its database cleanly and its process exits 0.
import path from 'node:path';
import Database from 'better-sqlite3';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../../electron/services/admin/pin-hash';
import { DATABASE_FILE_NAME } from '../../../electron/services/db/database';
import type { Result } from '../../../shared/errors';
import type { AdminSessionInfo, Diagnostics, ExportOutput } from '../../../shared/kiosk-api';
import { testKioskConfig } from '../../support/test-config';
import { startWebHost, type WebHost } from '../../support/web-host';

const PIN = '246810';
let pinHash = '';
const hosts: WebHost[] = [];

beforeAll(async () => {
  pinHash = await hashPin(PIN, { N: 1024, r: 8, p: 1 });
});
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.kill();
});

async function start(): Promise<WebHost> {
  const host = await startWebHost({ config: testKioskConfig({ admin: { pinHash } }) });
  hosts.push(host);
  return host;
}

async function unlock(host: WebHost): Promise<string> {
  const r = await host.call<AdminSessionInfo>('adminUnlock', { pin: PIN });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.session;
}

function exited(host: WebHost): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const { child } = host;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('diagnostics through the web host', () => {
  it('answers the figures, and hands the zip over once at /exports/<id> with the token', async () => {
    const host = await start();
    const session = await unlock(host);
    const d = await host.call<Diagnostics>('getDiagnostics', { session });
    expect(d).toMatchObject({ ok: true, value: { config: { source: 'file', path: host.configPath }, logsDir: null, database: { integrity: 'ok' } } });
    const r = await host.call<ExportOutput>('exportDiagnostics', { session });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.handover).toBeUndefined();
    const url = new URL(`exports/${r.value.fileId}`, host.url);
    expect((await fetch(url)).status).toBe(401);
    const res = await fetch(url, { headers: { 'X-Kiosk-Token': host.token } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toContain(r.value.fileName);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'config.json', 'diagnostics.json']);
    expect(JSON.parse(strFromU8(files['config.json']!))).toMatchObject({ admin: { pinHash: '[redacted]' } });
    expect(strFromU8(files['config.json']!)).not.toContain(pinHash);
    expect((await fetch(url, { headers: { 'X-Kiosk-Token': host.token } })).status).toBe(404);
  });
});

describe('"Thoát ứng dụng" through the web host', () => {
  it('is refused without the admin session, and the host keeps serving', async () => {
    const host = await start();
    expect(await host.call('adminExit', { session: 'x'.repeat(32) })).toEqual({ ok: false, error: { code: 'ADMIN_SESSION_EXPIRED' } });
    const res = await fetch(new URL('api/adminExit', host.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ session: await unlock(host) }),
    });
    expect(res.status).toBe(401);
    expect(await host.call('getBootstrap', {})).toMatchObject({ ok: true });
    expect(host.child.exitCode).toBeNull();
  });

  it('answers, then stops the host: the database closed cleanly with every rating, and exit code 0', async () => {
    const host = await start();
    let stdout = '';
    host.child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    for (const level of [5, 4, 2]) expect(await host.call('submitRating', { level, language: 'vi' })).toMatchObject({ ok: true, value: { stored: true } });
    const session = await unlock(host);
    const answer: Result<unknown> = await host.call('adminExit', { session });
    expect(answer).toEqual({ ok: true, value: { exiting: true } });
    expect(await exited(host)).toEqual({ code: 0, signal: null });
    expect(stdout).toContain('Kiosk stopped: quit from the admin area.');
    const db = new Database(path.join(host.dataDir, DATABASE_FILE_NAME), { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('quick_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT level FROM ratings ORDER BY seq').pluck().all()).toEqual([5, 4, 2]);
    } finally {
      db.close();
    }
  });
});
