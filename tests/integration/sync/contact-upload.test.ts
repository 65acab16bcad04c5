// Survey contacts go to the receiver's contact endpoint after the ratings, only where
// `contact.upload` says so; they never reach its ratings, tally or export, and a failing
// contact endpoint neither stops, delays nor marks the ratings. No number is ever logged.
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskConfig } from '../../../shared/config-schema';
import type { Logger } from '../../../electron/services/logger';
import { startCityServer, TEST_READER_TOKEN, type TestCityServer } from '../../support/city-server';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { get } from '../server/receiver-helpers';
import { kioskUnderTest, testConfig, type KioskUnderTest } from './kiosk-under-test';

const PHONES = ['0912345678', '0987654321', '02693812345', '0901234567', '0355555555'];

let city: TestCityServer;
let proxy: FaultProxy | null = null;
let kiosk: KioskUnderTest | null = null;
let logs: string[];
let delays: number[];

beforeEach(async () => {
  city = await startCityServer();
  logs = [];
  delays = [];
});
afterEach(async () => {
  await kiosk?.close();
  kiosk = null;
  await proxy?.close();
  proxy = null;
  await city.close();
});

const recordingLogger: Logger = {
  info: (obj, msg) => void logs.push(JSON.stringify({ obj, msg })),
  warn: (obj, msg) => void logs.push(JSON.stringify({ obj, msg })),
  error: (obj, msg) => void logs.push(JSON.stringify({ obj, msg })),
};

function withContacts(url: string, upload: boolean, server: Parameters<typeof testConfig>[1] = {}): KioskConfig {
  return testConfig(url, server, { contact: { enabled: true, upload } });
}

function start(config: KioskConfig): KioskUnderTest {
  // Manual timers: the test reads the delay the scheduler chose for the next run.
  kiosk = kioskUnderTest(config, { logger: recordingLogger, timers: { setTimeout: (_fn, ms) => delays.push(ms), clearTimeout: () => {} } });
  kiosk.sync.start();
  return kiosk;
}

/** Contacts as the kiosk stores them (migration 2's columns), oldest first. */
function addContacts(k: KioskUnderTest, phones: string[], consentVersion = 'v1'): string[] {
  const insert = k.db.prepare(`INSERT INTO contacts (id, phone, created_at_ms, utc_offset_min, unit_code, kiosk_id, consent_version)
    VALUES (?, ?, ?, 420, 'TEST-UNIT', 'kiosk-01', ?)`);
  const t = Date.now() - 60_000;
  return phones.map((phone, i) => {
    const id = uuidv7({ msecs: t + i });
    insert.run(id, phone, t + i, consentVersion);
    return id;
  });
}

const kioskContacts = (k: KioskUnderTest) =>
  k.db
    .prepare<[], { id: string; upload_state: string; delivered_at_ms: number | null }>(
      'SELECT id, upload_state, delivered_at_ms FROM contacts ORDER BY created_at_ms',
    )
    .all();
const cityContacts = () =>
  city.db
    .prepare<[], { id: string; kiosk_id: string; unit_code: string; phone: string; created_at: string; consent_version: string }>(
      'SELECT id, kiosk_id, unit_code, phone, created_at, consent_version FROM contacts ORDER BY created_at',
    )
    .all();
const noNumberLogged = () => expect(logs.join('\n')).not.toMatch(new RegExp(PHONES.join('|')));

describe('survey contact upload', () => {
  it('sends nothing where contact.upload is off: the numbers stay on the kiosk, the ratings go as always', async () => {
    const k = start(withContacts(city.url, false));
    k.seed(5);
    addContacts(k, PHONES.slice(0, 2));
    const r = await k.sync.syncNow();
    expect(r).toMatchObject({ stop: { kind: 'done' }, delivered: 5 });
    expect(r!.contacts).toBeUndefined();
    expect(cityContacts()).toEqual([]);
    expect(kioskContacts(k).map((c) => c.upload_state)).toEqual(['pending', 'pending']);
  });

  it('where it is on, delivers the numbers oldest first in batches after the ratings, apart from ratings, tally and export', async () => {
    // A receiver clock that moves on at every reading orders what it stored by arrival.
    await city.close();
    let readings = 0;
    city = await startCityServer({ now: () => Date.now() + readings++ });
    const k = start(withContacts(city.url, true, { batchSize: 2 }));
    k.seed(5);
    const ids = addContacts(k, PHONES);
    const r = await k.sync.syncNow();
    expect(r).toMatchObject({ stop: { kind: 'done' }, delivered: 5, contacts: { stop: { kind: 'done' }, delivered: 5, requests: 3 } });
    expect(cityContacts()).toEqual(
      PHONES.map((phone, i) => ({
        id: ids[i],
        kiosk_id: 'kiosk-01',
        unit_code: 'TEST-UNIT',
        phone,
        created_at: expect.stringMatching(/\+07:00$/),
        consent_version: 'v1',
      })),
    );
    const rows = kioskContacts(k);
    expect(rows.every((c) => c.upload_state === 'delivered' && c.delivered_at_ms !== null)).toBe(true);
    // Oldest first: the receiver stored them in the order they were left.
    const arrivals = city.db.prepare<[], { id: string; received_at_ms: number }>('SELECT id, received_at_ms FROM contacts').all();
    const batchOf = new Map(arrivals.map((c) => [c.id, c.received_at_ms]));
    expect(ids.map((id) => batchOf.get(id)!)).toEqual([...ids.map((id) => batchOf.get(id)!)].sort((a, b) => a - b));
    expect(new Set(batchOf.values()).size).toBe(3);

    expect(city.stored()).toEqual(k.expectedContent());
    const stored = [...city.stored().values()].join('\n');
    const csv = (await get(city.url, '/v1/export.csv?from=2000-01-01&to=2099-12-31', TEST_READER_TOKEN)).text;
    const tally = (await get(city.url, '/v1/tally?from=2000-01-01&to=2099-12-31', TEST_READER_TOKEN)).text;
    for (const text of [stored, csv, tally]) expect(text).not.toMatch(new RegExp(PHONES.join('|')));
    expect(JSON.parse(tally)).toMatchObject({ total: 5 - k.rows().filter((x) => x.misuse_flag).length });
    noNumberLogged();

    // Delivered contacts are not sent again.
    expect((await k.sync.syncNow())!.contacts).toMatchObject({ delivered: 0, requests: 0 });
  });

  it('a failing contact endpoint leaves the ratings delivered, the sync state clean and the next attempt on time; the numbers go next run', async () => {
    proxy = await startFaultProxy(city.url, (p) => p.startsWith('/v1/contacts'));
    const k = start(withContacts(proxy.url, true, { intervalSeconds: 60 }));
    k.seed(8);
    addContacts(k, PHONES.slice(0, 3));
    proxy.setStanding({ kind: 'status', status: 500, body: `{"error":{"code":"internal","detail":"${PHONES[0]}"}}` });
    const r = await k.sync.syncNow();
    expect(r).toMatchObject({ stop: { kind: 'done' }, delivered: 8, rejected: 0, contacts: { stop: { kind: 'failed', code: 'server_error' }, delivered: 0 } });
    expect(city.stored()).toEqual(k.expectedContent());
    expect(k.rows().every((x) => x.upload_state === 'delivered' && x.delivery_note === null)).toBe(true);
    expect(k.sync.status()).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    expect(delays.at(-1)).toBeLessThanOrEqual(60_000);
    expect(delays.at(-1)).toBeGreaterThan(59_000);
    expect(kioskContacts(k).map((c) => c.upload_state)).toEqual(['pending', 'pending', 'pending']);
    expect(logs.some((l) => l.includes('server_error') && l.includes('contact'))).toBe(true);
    noNumberLogged();

    proxy.setStanding(null);
    k.seed(2, 11);
    expect(await k.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 2, contacts: { stop: { kind: 'done' }, delivered: 3 } });
    expect(cityContacts().map((c) => c.phone)).toEqual(PHONES.slice(0, 3));
  });

  it('a contact endpoint that never answers costs the ratings no time: the wait to their next attempt shrinks by as much', async () => {
    proxy = await startFaultProxy(city.url, (p) => p.startsWith('/v1/contacts'));
    const k = start(withContacts(proxy.url, true, { intervalSeconds: 60, timeoutSeconds: 0.3 }));
    k.seed(3);
    addContacts(k, PHONES.slice(0, 1));
    proxy.enqueue({ kind: 'hang' });
    const r = await k.sync.syncNow();
    expect(r).toMatchObject({ stop: { kind: 'done' }, delivered: 3, contacts: { stop: { kind: 'failed', code: 'timeout' } } });
    expect(delays.at(-1)).toBeLessThanOrEqual(60_000 - 250);
    expect(k.sync.status()).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    noNumberLogged();
  });

  it('is skipped when the ratings found the server unreachable, and a contact the receiver refuses is left pending while the others go', async () => {
    proxy = await startFaultProxy(city.url, () => true);
    const k = start(withContacts(proxy.url, true));
    k.seed(2);
    const ids = addContacts(k, PHONES.slice(0, 3));
    // Longer than the protocol's 50 characters: the kiosk's table takes it, the receiver does not.
    k.db.prepare('UPDATE contacts SET consent_version = ? WHERE id = ?').run('v'.repeat(51), ids[1]);
    proxy.setStanding({ kind: 'reset' });
    const down = await k.sync.syncNow();
    expect(down).toMatchObject({ stop: { kind: 'failed', code: 'network' } });
    expect(down!.contacts).toBeUndefined();
    expect(proxy.log.some((e) => e.path.startsWith('/v1/contacts'))).toBe(false);

    proxy.setStanding(null);
    const up = await k.sync.syncNow();
    expect(up).toMatchObject({ stop: { kind: 'done' }, delivered: 2, contacts: { stop: { kind: 'done' }, delivered: 2, requests: 2 } });
    expect(kioskContacts(k).map((c) => c.upload_state)).toEqual(['delivered', 'pending', 'delivered']);
    expect(cityContacts().map((c) => c.id)).toEqual([ids[0], ids[2]]);
    expect(logs.some((l) => l.includes(ids[1]!) && l.includes('refused'))).toBe(true);
    noNumberLogged();
  });
});
