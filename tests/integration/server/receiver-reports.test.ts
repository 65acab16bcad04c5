// The city-wide tally (by unit and level, misuse apart) and the CSV export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDelimited } from '../../support/csv';
import { startReceiver, STORAGES, TEST_KIOSK_TOKEN, TEST_READER_TOKEN, type TestReceiver } from '../../support/city-server';
import { batch, get, post, wireRating } from './receiver-helpers';

describe.each(STORAGES)('on %s', (storage) => {
  let city: TestReceiver;
  const KIOSK_B_TOKEN = 'kiosk-b-token-0123456789ab';
  beforeAll(async () => {
    city = await startReceiver(storage, {
      kiosks: [
        { kioskId: 'kiosk-01', unitCode: 'UNIT-A', token: TEST_KIOSK_TOKEN },
        { kioskId: 'kiosk-b', unitCode: 'UNIT-B', token: KIOSK_B_TOKEN },
      ],
    });
    let seq = 1;
    const at = (day: string, hh = '09') => `${day}T${hh}:00:00.000+07:00`;
    const a = [
      ...[5, 5, 4, 2].map((level) => wireRating({ seq: seq++, level, createdAt: at('2026-03-02') })),
      // 23:30 local on the 3rd is the 3rd, even though it is the 3rd 16:30 UTC
      wireRating({ seq: seq++, level: 2, createdAt: at('2026-03-03', '23'), comment: '=HYPERLINK("http://x")', reasons: ['late', 'fees'] }),
      wireRating({ seq: seq++, level: 5, createdAt: at('2026-03-03'), misuseFlag: true }),
      wireRating({ seq: seq++, level: 4, createdAt: at('2026-03-05') }),
      wireRating({ seq: seq++, level: 4, createdAt: at('2026-03-01', '06'), comment: 'Hài lòng, "rất" tốt, cảm ơn' }),
      // The unit's own key, one no heartbeat ever named, and a retired default.
      wireRating({ seq: seq++, level: 2, createdAt: at('2026-03-06'), reasons: ['long_queue', 'never_named', 'paperwork'] }),
    ];
    expect((await post(city.url, '/v1/ratings/batch', batch(a), TEST_KIOSK_TOKEN)).status).toBe(200);
    const b = [
      wireRating({ seq: 1, scale: 5, level: 3, createdAt: at('2026-03-02') }),
      wireRating({ seq: 2, scale: 5, level: 1, createdAt: at('2026-03-04') }),
    ];
    expect((await post(city.url, '/v1/ratings/batch', batch(b, { kioskId: 'kiosk-b', unitCode: 'UNIT-B' }), KIOSK_B_TOKEN)).status).toBe(200);
    // UNIT-A names its own key and words "late" its own way; another unit's label for the
    // same key must not leak into UNIT-A's lines.
    const heartbeat = (kioskId: string, unitCode: string, reasons: unknown[]) => ({
      protocol: 1,
      kioskId,
      unitCode,
      kioskTime: new Date().toISOString(),
      queueDepth: 0,
      oldestPendingAt: null,
      lastDeliveryAt: null,
      appVersion: '0.1.0',
      reasons,
    });
    const hbA = heartbeat('kiosk-01', 'UNIT-A', [
      { key: 'late', factor: 'D', labels: { vi: 'Trễ hẹn trả kết quả', en: 'Late' } },
      { key: 'long_queue', factor: 'A', labels: { vi: 'Xếp hàng lâu, "đông"' } },
    ]);
    expect((await post(city.url, '/v1/kiosks/heartbeat', hbA, TEST_KIOSK_TOKEN)).status).toBe(200);
    const hbB = heartbeat('kiosk-b', 'UNIT-B', [{ key: 'never_named', factor: null, labels: { vi: 'Nhãn của đơn vị B' } }]);
    expect((await post(city.url, '/v1/kiosks/heartbeat', hbB, KIOSK_B_TOKEN)).status).toBe(200);
  });
  afterAll(async () => {
    await city.close();
  });

  describe('GET /v1/tally', () => {
    it('counts by unit and level over local days, misuse counted apart', async () => {
      const res = await get(city.url, '/v1/tally?from=2026-03-02&to=2026-03-04', TEST_READER_TOKEN);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual({
        from: '2026-03-02',
        by: 'created',
        to: '2026-03-04',
        total: 7,
        flagged: 1,
        units: [
          { unitCode: 'UNIT-A', total: 5, flagged: 1, levels: { 1: 0, 2: 2, 3: 0, 4: 1, 5: 2 }, satisfiedRate: 60 },
          { unitCode: 'UNIT-B', total: 2, flagged: 0, levels: { 1: 1, 2: 0, 3: 1, 4: 0, 5: 0 }, satisfiedRate: 0 },
        ],
      });
      const empty = JSON.parse((await get(city.url, '/v1/tally?from=2027-01-01&to=2027-01-31', TEST_READER_TOKEN)).text);
      expect(empty).toEqual({ from: '2027-01-01', to: '2027-01-31', by: 'created', total: 0, flagged: 0, units: [] });
    });

    it('needs a reader token and a valid range', async () => {
      expect((await get(city.url, '/v1/tally?from=2026-03-02&to=2026-03-04', null)).status).toBe(401);
      expect((await get(city.url, '/v1/tally?from=2026-03-02&to=2026-03-04', TEST_KIOSK_TOKEN)).status).toBe(403);
      for (const q of ['from=2026-03-02', 'from=2026-02-30&to=2026-03-01', 'from=2026-03-05&to=2026-03-01', "from=2026-03-01'--&to=2026-03-02"]) {
        const res = await get(city.url, `/v1/tally?${q}`, TEST_READER_TOKEN);
        expect(res.status, q).toBe(400);
        expect(JSON.parse(res.text).error.code).toBe('invalid_request');
      }
    });
  });

  describe('GET /v1/export.csv', () => {
    it('exports one line per rating with a BOM, quoting, and formulas defused', async () => {
      const res = await get(city.url, '/v1/export.csv?from=2026-03-01&to=2026-03-31', TEST_READER_TOKEN);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(
        res.text.startsWith(
          '\uFEFFid,kiosk_id,unit_code,seq,created_at,local_day,scale,level,reasons,comment,language,counter_id,officer_id,dossier_code,dossier_capture,app_version,misuse_flag,clock_offset_ms,received_at,reason_labels\r\n',
        ),
      ).toBe(true);
      const lines = res.text.split('\r\n').filter(Boolean);
      expect(lines).toHaveLength(1 + 11);
      const [header, ...rows] = readDelimited(res.text, ',');
      const byName = rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]])));
      const labelsOf = (reasons: string) => byName.filter((r) => r.reasons === reasons).map((r) => r.reason_labels);
      // The raw keys stay for machines; the unit's own label, else the default's, in the last column.
      expect(labelsOf('late|fees')).toEqual(['Trễ hẹn trả kết quả|Phí, lệ phí không đúng quy định']);
      expect(byName.find((r) => r.reasons === 'late|fees')!.comment).toBe(`'=HYPERLINK("http://x")`);
      // A key no heartbeat of this unit named shows as itself; a retired default keeps its old label.
      expect(labelsOf('long_queue|never_named|paperwork')).toEqual(['Xếp hàng lâu, "đông"|never_named|Thủ tục, giấy tờ phức tạp hoặc ngoài quy định']);
      // No reasons: both columns empty.
      expect(res.text).toContain(',"2026-03-05",3,4,"",,"vi",');
      expect(byName.filter((r) => r.reasons === '').every((r) => r.reason_labels === '')).toBe(true);
      expect(res.text).toContain('"Hài lòng, ""rất"" tốt, cảm ơn"');
      expect(res.text).toContain(',"2026-03-03T23:00:00.000+07:00","2026-03-03",3,2,');
      const oneDay = await get(city.url, '/v1/export.csv?from=2026-03-04&to=2026-03-04', TEST_READER_TOKEN);
      expect(oneDay.text.split('\r\n').filter(Boolean)).toHaveLength(2);
      expect((await get(city.url, '/v1/export.csv?from=2026-03-01&to=2026-03-31', TEST_KIOSK_TOKEN)).status).toBe(403);
    });

    it('pages through a large export by day, unit and level, each rating exactly once', async () => {
      // Pages of 1,000 cut through days, units and levels; two units each on two days.
      const days = ['2026-04-01', '2026-04-02'];
      const unitBatches: { unitCode: string; kioskId: string; token: string; ratings: ReturnType<typeof wireRating>[] }[] = [];
      for (const [unitCode, kioskId, token] of [
        ['UNIT-A', 'kiosk-01', TEST_KIOSK_TOKEN],
        ['UNIT-B', 'kiosk-b', KIOSK_B_TOKEN],
      ] as const) {
        const ratings = Array.from({ length: 1300 }, (_, i) =>
          wireRating({ seq: 1000 + i, scale: 5, level: 1 + (i % 5), misuseFlag: i % 7 === 0, createdAt: `${days[i % 2]}T10:00:00.000+07:00` }),
        );
        unitBatches.push({ unitCode, kioskId, token, ratings });
        for (let i = 0; i < ratings.length; i += 1000) {
          const res = await post(city.url, '/v1/ratings/batch', batch(ratings.slice(i, i + 1000), { kioskId, unitCode }), token);
          expect(res.status).toBe(200);
        }
      }
      const res = await get(city.url, '/v1/export.csv?from=2026-04-01&to=2026-04-02', TEST_READER_TOKEN);
      // No cell of these ratings holds a comma or a quote: split, then unquote.
      const rows = res.text
        .split('\r\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
      const all = unitBatches.flatMap((u) => u.ratings);
      expect(rows).toHaveLength(all.length);
      expect(rows.every((r) => r.length === 20)).toBe(true);
      expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(all.map((r) => r.id)));
      // Columns: id, kiosk_id, unit_code, seq, created_at, local_day, scale, level
      const keys = rows.map((r) => `${r[5]}|${r[2]}|${r[7]}`);
      expect(keys).toEqual([...keys].sort());
    });
  });
});
