// Exports through the web host as the page collects them: POST /api/exportReport answers
// with the id of a file an export worker wrote, and GET /exports/<id> serves it once, only
// with the per-start token, then deletes it. Real HTTP on 127.0.0.1, real backend and SQLite.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../../electron/services/admin/pin-hash';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { silentLogger } from '../../../electron/services/logger';
import { attachmentHeader } from '../../../electron/web-host/export-downloads';
import { startWebHost, type WebHost } from '../../../electron/web-host/web-host';
import type { Result } from '../../../shared/errors';
import type { AdminSessionInfo, ExportOutput } from '../../../shared/kiosk-api';
import { insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { writeTestConfig } from '../../support/test-config';

const PIN = '246810';
const DAY = '2026-12-01';
let t: { dir: string; cleanup: () => void };
let backend: KioskBackend;
let host: WebHost;
let session: string;

async function api<T>(method: string, input: unknown): Promise<Result<T>> {
  const res = await fetch(new URL(`api/${method}`, host.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Kiosk-Token': host.token },
    body: JSON.stringify(input),
  });
  return (await res.json()) as Result<T>;
}

async function exportCsv(): Promise<ExportOutput> {
  const r = await api<ExportOutput>('exportReport', { session, from: DAY, to: DAY, format: 'csv' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const download = (fileId: string, headers: Record<string, string> = { 'X-Kiosk-Token': host.token }, method = 'GET') =>
  fetch(new URL(`exports/${fileId}`, host.url), { method, headers });

const exportFolder = () => fs.readdirSync(path.join(t.dir, 'data', 'temp', 'exports'));

beforeAll(async () => {
  t = tempDir('web-export-');
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<p>kiosk</p>');
  const pinHash = await hashPin(PIN, { N: 1024, r: 8, p: 1 });
  const configPath = writeTestConfig(t.dir, { admin: { pinHash } });
  backend = createKioskBackend({ paths: { dataDir: path.join(t.dir, 'data'), configPath }, appVersion: '1.0.0', logger: silentLogger });
  if (backend.startupError) throw new Error(JSON.stringify(backend.startupError));
  insertRatings(backend.db!, [{ at: `${DAY}T09:00:00+07:00`, level: 2, comment: 'Tot lam;=2+3' }]);
  host = await startWebHost({ handlers: backend.handlers, exportFiles: backend.exports, rendererDir, logger: silentLogger });
  const unlocked = await api<AdminSessionInfo>('adminUnlock', { pin: PIN });
  if (!unlocked.ok) throw new Error(JSON.stringify(unlocked.error));
  session = unlocked.value.session;
});
afterAll(async () => {
  await host.close();
  backend.close();
  t.cleanup();
});

describe('export downloads', () => {
  it('serves the finished file once, as an attachment, with its size, then deletes it', async () => {
    const out = await exportCsv();
    expect(out.handover).toBeUndefined();
    expect(exportFolder()).toHaveLength(1);
    const res = await download(out.fileId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${out.fileName}"; filename*=UTF-8''${out.fileName}`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBe(out.bytes);
    expect(body.toString('utf8')).toContain('"Tot lam;=2+3"');
    await expect.poll(exportFolder).toEqual([]);
    const again = await download(out.fileId);
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a missing or wrong token and a foreign origin without spending the file', async () => {
    const out = await exportCsv();
    expect((await download(out.fileId, {})).status).toBe(401);
    expect(await (await download(out.fileId, { 'X-Kiosk-Token': 'x'.repeat(host.token.length) })).json()).toEqual({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    expect((await download(out.fileId, { 'X-Kiosk-Token': host.token, Origin: 'https://evil.example' })).status).toBe(403);
    expect((await download(out.fileId)).status).toBe(200);
  });

  it('answers only GET: a HEAD or POST would spend the one collection', async () => {
    const out = await exportCsv();
    const head = await download(out.fileId, { 'X-Kiosk-Token': host.token }, 'HEAD');
    expect(head.status).toBe(405);
    expect(head.headers.get('allow')).toBe('GET');
    expect((await download(out.fileId, { 'X-Kiosk-Token': host.token }, 'POST')).status).toBe(405);
    expect((await download(out.fileId)).status).toBe(200);
  });

  it('knows no other path under /exports/, and leaves the API and the page as they were', async () => {
    for (const p of ['../config.json', '..%2f..%2fconfig.json', '', 'x'.repeat(32)]) expect((await download(p)).status).toBe(404);
    expect((await fetch(host.url)).status).toBe(200);
    expect((await api('getBootstrap', {})).ok).toBe(true);
  });

  it('hangs up after a refusal, as the host does for its own', async () => {
    const u = new URL(host.url);
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: u.hostname, port: u.port, path: '/exports/abc', headers: { Host: u.host } }, (res) => {
          res.resume();
          res.on('close', () => resolve(res.statusCode ?? 0));
        })
        .on('error', reject);
    });
    expect(status).toBe(401);
  });
});

describe('attachmentHeader', () => {
  it('gives a plain ASCII name and the exact UTF-8 one', () => {
    expect(attachmentHeader('bao-cao.xlsx')).toBe(`attachment; filename="bao-cao.xlsx"; filename*=UTF-8''bao-cao.xlsx`);
    expect(attachmentHeader('báo "cáo".pdf')).toBe(`attachment; filename="b_o _c_o_.pdf"; filename*=UTF-8''b%C3%A1o%20%22c%C3%A1o%22.pdf`);
  });
});
