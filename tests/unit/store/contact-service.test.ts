// Survey phone numbers on a real SQLite file: stored only with consent and with the feature
// on, normalised, dated to the day only, deleted on request and after the retention days.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskConfigInput } from '../../../shared/config-schema';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { CONTACT_CONSENT_VERSION, createContactService, normalizeVietnamesePhone } from '../../../electron/services/contact-service';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig, TEST_KIOSK_ID, TEST_UNIT_CODE } from '../../support/test-config';

const DAY_MS = 86_400_000;
let dir: { dir: string; cleanup: () => void };
let db: Db;
let clock: number;

function service(contact: KioskConfigInput['contact'] = { enabled: true, retentionDays: 30 }) {
  return createContactService({ db, config: parsedTestConfig({ contact }), now: () => clock });
}
const phones = () => db.prepare<[], string>('SELECT phone FROM contacts ORDER BY phone').pluck().all();

beforeEach(() => {
  dir = tempDir('contacts-');
  db = openDatabase(path.join(dir.dir, 'ratings.db'));
  clock = Date.parse('2026-12-01T14:05:33.250+07:00');
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

describe('normalizeVietnamesePhone', () => {
  const cases: Array<[string, string | null]> = [
    ['0912345678', '0912345678'],
    ['091 234 5678', '0912345678'],
    ['091.234.5678', '0912345678'],
    ['091-234-5678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['84912345678', '0912345678'],
    ['+84 0912 345 678', '0912345678'],
    ['0084 912 345 678', '0912345678'],
    ['0312345678', '0312345678'],
    ['0512345678', '0512345678'],
    ['0712345678', '0712345678'],
    ['0812345678', '0812345678'],
    ['(028) 3822 1234', '02838221234'],
    ['+84 28 3822 1234', '02838221234'],
    ['０９１２３４５６７８', '0912345678'],
    ['', null],
    ['091234567', null], // 9 digits
    ['09123456789', null], // 11 digits, mobile prefix
    ['0212345678', null], // landline needs 11 digits
    ['0112345678', null], // no such prefix
    ['0412345678', null],
    ['0612345678', null],
    ['+1 912 345 6789', null],
    ['091234567a', null],
    ['0912 345 678 ext 2', null],
    [`${'0'.repeat(30)} 0912345678`, null],
  ];
  it.each(cases)('%j → %j', (raw, expected) => {
    expect(normalizeVietnamesePhone(raw)).toBe(expected);
  });
});

describe('submit', () => {
  it('stores a consented number, normalised, dated to the local day only', () => {
    expect(service().submit({ phone: '+84 912 345 678', consent: true })).toEqual({ ok: true, value: { stored: true } });
    const row = db.prepare('SELECT * FROM contacts').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      phone: '0912345678',
      created_at_ms: Date.parse('2026-12-01T00:00:00+07:00'),
      utc_offset_min: 420,
      unit_code: TEST_UNIT_CODE,
      kiosk_id: TEST_KIOSK_ID,
      consent_version: CONTACT_CONSENT_VERSION,
      upload_state: 'pending',
      delivered_at_ms: null,
    });
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(service().count()).toBe(1);
  });

  it('stores nothing without consent', () => {
    const s = service();
    expect(s.submit({ phone: '0912345678', consent: false })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'consent', detail: 'consent is required' },
    });
    // Over IPC or HTTP a truthy non-boolean could arrive; it is not consent.
    expect(s.submit({ phone: '0912345678', consent: 'true' as unknown as boolean })).toMatchObject({ ok: false, error: { field: 'consent' } });
    expect(s.count()).toBe(0);
  });

  it('stores nothing when contact collection is off, even with consent', () => {
    const s = service({ enabled: false });
    expect(s.submit({ phone: '0912345678', consent: true })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', detail: 'contact collection is off' },
    });
    expect(s.count()).toBe(0);
  });

  it('refuses a number that is not Vietnamese, without echoing it', () => {
    const r = service().submit({ phone: '0212345678', consent: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'phone' } });
    expect(JSON.stringify(r)).not.toContain('0212345678');
    expect(service().count()).toBe(0);
  });
});

describe('deleteByPhone', () => {
  it('removes every row with that number, however it is written, and only those', () => {
    const s = service();
    s.submit({ phone: '0912345678', consent: true });
    clock += 2 * DAY_MS;
    s.submit({ phone: '091 234 5678', consent: true });
    s.submit({ phone: '0987654321', consent: true });
    s.submit({ phone: '(028) 3822 1234', consent: true });
    expect(s.deleteByPhone('+84 912.345.678')).toBe(2);
    expect(phones()).toEqual(['02838221234', '0987654321']);
    expect(s.deleteByPhone('0912345678')).toBe(0);
    expect(s.deleteByPhone('not a number')).toBe(0);
    expect(s.count()).toBe(2);
  });
});

describe('purge', () => {
  it('deletes numbers older than contact.retentionDays and keeps younger ones', () => {
    const s = service({ enabled: true, retentionDays: 7 });
    clock = Date.parse('2026-12-01T09:00:00+07:00');
    s.submit({ phone: '0912345678', consent: true }); // 1 Dec
    clock = Date.parse('2026-12-03T16:00:00+07:00');
    s.submit({ phone: '0987654321', consent: true }); // 3 Dec
    clock = Date.parse('2026-12-08T00:00:00+07:00');
    expect(s.purge()).toBe(0); // 7 days to the millisecond: not older yet
    clock = Date.parse('2026-12-08T23:59:59+07:00');
    expect(s.purge()).toBe(1);
    expect(phones()).toEqual(['0987654321']);
    clock = Date.parse('2026-12-10T00:00:01+07:00');
    expect(s.purge()).toBe(1);
    expect(s.count()).toBe(0);
  });

  it('still purges after collection is switched off', () => {
    service().submit({ phone: '0912345678', consent: true });
    clock += 31 * DAY_MS;
    expect(service({ enabled: false, retentionDays: 30 }).purge()).toBe(1);
  });
});
