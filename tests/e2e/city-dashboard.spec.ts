// The city staff's dashboard in real Chromium against a receiver on each storage (the
// embedded SQLite file and a throw-away PostgreSQL cluster): kiosks upload real batches and
// heartbeats over HTTP, then a reader signs in through the form, reads and sorts the units,
// drills into one, checks kiosk health and downloads the province report. No console error
// (a CSP violation would be one) on any page.
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createCityServer, type CityServer } from '../../server/city-server';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres';
import { tempDir } from '../support/temp-db';
import { expectNoAxeViolations } from './helpers/axe';

// 10:00 on 1 December 2026 in Vietnam.
const NOW = Date.parse('2026-12-01T03:00:00Z');
const READER_TOKEN = 'reader-token-so-noi-vu-0123456789';
const KIOSKS = [
  { kioskId: 'pku-q1', unitCode: 'PKU', token: 'kiosk-token-pku-q1-0123456789' },
  { kioskId: 'pku-q2', unitCode: 'PKU', token: 'kiosk-token-pku-q2-0123456789' },
  { kioskId: 'akh-q1', unitCode: 'AKH', token: 'kiosk-token-akh-q1-0123456789' },
];
const TOKENS = {
  kiosks: KIOSKS,
  readers: [{ name: 'Sở Nội vụ', token: READER_TOKEN }],
  units: [
    { unitCode: 'PKU', name: 'Phường Pleiku' },
    { unitCode: 'AKH', name: 'Phường An Khê' },
    { unitCode: 'IAG', name: 'Xã Ia Grai' },
  ],
};

test.use({ viewport: { width: 1366, height: 768 }, hasTouch: false });

let seq = 0;
function rating(level: number, over: { officerId?: string; counterId?: string; misuseFlag?: boolean; minute?: number; reasons?: string[] } = {}) {
  seq += 1;
  return {
    id: uuidv7(),
    seq,
    createdAt: `2026-12-01T08:${String(over.minute ?? seq % 60).padStart(2, '0')}:00.000+07:00`,
    scale: 5,
    level,
    reasons: over.reasons ?? (level <= 2 ? ['late'] : []),
    comment: null,
    language: 'vi',
    counterId: over.counterId ?? 'Q1',
    officerId: over.officerId ?? null,
    dossierCode: null,
    dossierCapture: 'none',
    appVersion: '0.1.0',
    misuseFlag: over.misuseFlag ?? false,
    clockOffsetMs: null,
  };
}

async function kioskPost(base: string, path: string, kioskId: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const k = KIOSKS.find((x) => x.kioskId === kioskId)!;
  const res = await fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${k.token}` },
    body: JSON.stringify({ protocol: 1, kioskId, unitCode: k.unitCode, ...body }),
  });
  expect(res.status, `${path} from ${kioskId}`).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

const heartbeat = (kioskTime: string, queueDepth: number, dayCounts?: unknown[], reasons?: unknown[]) => ({
  kioskTime,
  queueDepth,
  oldestPendingAt: null,
  lastDeliveryAt: null,
  appVersion: '0.1.0',
  ...(dayCounts ? { dayCounts } : {}),
  ...(reasons ? { reasons } : {}),
});

/**
 * PKU: officer cb-01 12 ratings (8 × 5, 2 × 4, 2 × 2), cb-02 3 ratings (5, 4, 1), one flagged
 * tap: 15 counted, 12 satisfied (80 %). AKH: 2 × 5 and 3 × 2 (40 %). IAG: nothing.
 * akh-q1 last spoke two hours ago, pku-q2 never: both silent. pku-q1 reports 18 delivered
 * today where the receiver holds 16.
 * Reasons: PKU names "late" twice, its own "long_queue" twice, the retired default "paperwork"
 * once and "mystery_key" (never labelled) once; AKH names "late" three times. PKU's catalogue
 * rewords "late" and is sent after AKH's, so the province table shows PKU's wording.
 */
async function seed(base: string, setClock: (ms: number) => void): Promise<void> {
  setClock(NOW - 2 * 3_600_000);
  await kioskPost(
    base,
    '/v1/kiosks/heartbeat',
    'akh-q1',
    heartbeat('2026-12-01T08:00:00.000+07:00', 0, undefined, [{ key: 'late', factor: 'D', labels: { vi: 'Trễ hẹn (An Khê)' } }]),
  );
  const akh = [5, 5, 2, 2, 2].map((l) => rating(l, { officerId: 'cb-09' }));
  expect((await kioskPost(base, '/v1/ratings/batch', 'akh-q1', { sentAt: '2026-12-01T08:00:00.000+07:00', ratings: akh })).accepted).toHaveLength(5);
  setClock(NOW);
  const pku = [
    ...[5, 5, 5, 5, 5, 5, 5, 5, 4, 4].map((l) => rating(l, { officerId: 'cb-01' })),
    rating(2, { officerId: 'cb-01', reasons: ['late', 'long_queue'] }),
    rating(2, { officerId: 'cb-01', reasons: ['late', 'mystery_key'] }),
    ...[5, 4].map((l) => rating(l, { officerId: 'cb-02', counterId: 'Q2' })),
    rating(1, { officerId: 'cb-02', counterId: 'Q2', reasons: ['paperwork', 'long_queue'] }),
    rating(5, { misuseFlag: true }),
  ];
  expect((await kioskPost(base, '/v1/ratings/batch', 'pku-q1', { sentAt: '2026-12-01T09:59:00.000+07:00', ratings: pku })).accepted).toHaveLength(16);
  const answer = await kioskPost(
    base,
    '/v1/kiosks/heartbeat',
    'pku-q1',
    heartbeat(
      '2026-12-01T09:59:30.000+07:00',
      3,
      [
        { day: '2026-11-30', stored: 0, delivered: 0, pending: 0, rejected: 0 },
        { day: '2026-12-01', stored: 21, delivered: 18, pending: 3, rejected: 0 },
      ],
      [
        { key: 'late', factor: 'D', labels: { vi: 'Trả kết quả trễ so với giấy hẹn', en: 'Result later than promised' } },
        { key: 'long_queue', factor: 'A', labels: { vi: 'Phải xếp hàng chờ lâu' } },
      ],
    ),
  );
  expect(answer.reconciliation).toEqual([{ day: '2026-12-01', kioskDelivered: 18, serverReceived: 16 }]);
}

/** Every console error and uncaught page error, CSP reports included. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

async function unitOrder(page: Page): Promise<string[]> {
  return page.locator('#units tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit') ?? ''));
}

const cellTexts = (page: Page, row: string) => page.locator(row).locator('td').allInnerTexts();
const reasonRows = (page: Page) => page.locator('#reasons tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-reason')));

for (const storage of ['sqlite', 'postgres'] as const) {
  test.describe(`city dashboard on ${storage}`, () => {
    let server: CityServer;
    let cleanup: () => Promise<void> = async () => {};
    let clock = NOW;

    test.beforeAll(async () => {
      test.setTimeout(120_000);
      const common = { tokens: TOKENS, now: () => clock, acceptWindow: { maxAgeDays: 36_500, maxAheadDays: 1 }, dashboard: { silentAfterMinutes: 30 } };
      if (storage === 'sqlite') {
        const dir = tempDir('city-dashboard-');
        server = await createCityServer({ ...common, dataDir: dir.dir });
        cleanup = async () => {
          await server.close();
          dir.cleanup();
        };
      } else {
        const cluster: PostgresCluster = await startPostgresCluster();
        try {
          const admin = new pg.Client({ connectionString: cluster.adminUrl });
          await admin.connect();
          await admin.query('CREATE DATABASE dashboard_e2e');
          await admin.end();
          const url = new URL(cluster.adminUrl);
          url.pathname = '/dashboard_e2e';
          server = await createCityServer({ ...common, databaseUrl: url.toString(), databasePoolSize: 4 });
        } catch (error) {
          await cluster.stop();
          throw error;
        }
        cleanup = async () => {
          await server.close();
          await cluster.stop();
        };
      }
      await seed(server.url, (ms) => (clock = ms));
    });

    test.afterAll(async () => {
      await cleanup();
    });

    test('a reader signs in, reads and sorts the units, drills down, checks the kiosks and downloads the report', async ({ page }) => {
      const errors = watchConsole(page);
      const base = server.url.replace(/\/$/, '');

      // Sign-in: the form, a wrong code first.
      await page.goto(`${base}/dashboard`);
      await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
      await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
      await expectNoAxeViolations(page, 'the sign-in page');
      await page.getByLabel('Mã truy cập').fill('not-the-right-code-000');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect(page.getByRole('alert')).toContainText('Mã truy cập không đúng');
      await page.getByLabel('Mã truy cập').fill(KIOSKS[0]!.token);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect(page.getByRole('alert')).toContainText('Mã truy cập không đúng');
      await page.getByLabel('Mã truy cập').fill(READER_TOKEN);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect(page.getByRole('heading', { name: 'Mức độ hài lòng theo đơn vị' })).toBeVisible();
      await expect(page.getByText('Người đăng nhập: Sở Nội vụ')).toBeVisible();
      const session = (await page.context().cookies()).find((c) => c.name === 'dashboard_session')!;
      expect([session.httpOnly, session.sameSite, session.path]).toEqual([true, 'Strict', '/dashboard']);

      // Per-unit counts and satisfied rates for today, registered units without ratings included.
      // Cells: levels 5, 4, 3, 2, 1, total, satisfied rate, flagged.
      expect(await cellTexts(page, '#units tr[data-unit="PKU"]')).toEqual(['9', '3', '0', '2', '1', '15', '80,00 %', '1']);
      expect(await cellTexts(page, '#units tr[data-unit="AKH"]')).toEqual(['2', '0', '0', '3', '0', '5', '40,00 %', '0']);
      const iag = await cellTexts(page, '#units tr[data-unit="IAG"]');
      expect(iag[5]).toBe('0');
      expect(iag[6]).toContain('Không có số liệu');
      expect(await cellTexts(page, '#units tfoot tr')).toEqual(['11', '3', '0', '5', '1', '20', '70,00 %', '1']);
      await expect(page.locator('#trend tr[data-day="2026-12-01"] td').first()).toHaveText('20');
      expect(await unitOrder(page)).toEqual(['AKH', 'PKU', 'IAG']);
      // Reasons across the province, by count: the most recently sent wording of each key.
      // Cells: SIPAS factor, count, share of the province's 20 ratings.
      await expect(page.getByRole('heading', { name: 'Lý do công dân chưa hài lòng' })).toBeVisible();
      expect(await reasonRows(page)).toEqual(['late', 'long_queue', 'paperwork', 'mystery_key']);
      await expect(page.locator('#reasons tr[data-reason="late"] th')).toHaveText('Trả kết quả trễ so với giấy hẹn');
      expect(await cellTexts(page, '#reasons tr[data-reason="late"]')).toEqual(['D', '5', '25,00 %']);
      expect(await cellTexts(page, '#reasons tr[data-reason="long_queue"]')).toEqual(['A', '2', '10,00 %']);
      await expect(page.locator('#reasons tr[data-reason="paperwork"] th')).toHaveText('Thủ tục, giấy tờ phức tạp hoặc ngoài quy định');
      expect(await cellTexts(page, '#reasons tr[data-reason="paperwork"]')).toEqual(['B', '1', '5,00 %']);
      await expect(page.locator('#reasons tr[data-reason="mystery_key"] th')).toHaveText('mystery_key');
      expect(await cellTexts(page, '#reasons tr[data-reason="mystery_key"]')).toEqual(['Không thuộc yếu tố nào', '1', '5,00 %']);
      await expectNoAxeViolations(page, 'the overview');

      // Sorting: a click on "Tỷ lệ hài lòng" sorts highest first, a second click lowest first.
      await page
        .locator('#units thead')
        .getByRole('link', { name: /^Tỷ lệ hài lòng/ })
        .click();
      await expect(page).toHaveURL(/sort=rate&dir=desc/);
      await expect(page.locator('#units th[aria-sort="descending"]')).toContainText('Tỷ lệ hài lòng');
      expect(await unitOrder(page)).toEqual(['PKU', 'AKH', 'IAG']);
      await page
        .locator('#units thead')
        .getByRole('link', { name: /^Tỷ lệ hài lòng/ })
        .click();
      await expect(page).toHaveURL(/sort=rate&dir=asc/);
      expect(await unitOrder(page)).toEqual(['AKH', 'PKU', 'IAG']);

      // A period with nothing in it, chosen through the form.
      await page.getByLabel('Khoảng thời gian').selectOption('yesterday');
      await page.getByRole('button', { name: 'Xem số liệu' }).click();
      await expect(page).toHaveURL(/period=yesterday/);
      await expect(page.getByText('Chưa có lượt đánh giá nào trong khoảng thời gian này.')).toBeVisible();
      await expect(page).toHaveURL(/sort=rate/);
      // A range the wrong way round: a clear message, 400.
      const bad = await page.goto(`${base}/dashboard?period=range&from=2026-12-05&to=2026-12-01`);
      expect(bad!.status()).toBe(400);
      await expect(page.getByRole('alert')).toContainText('"Từ ngày" không được sau "Đến ngày"');
      await page.goto(`${base}/dashboard?period=7d`);

      // Drill-down: counters and officers; cb-02 is below the minimum of 10.
      await page.getByRole('link', { name: /Phường Pleiku/ }).click();
      await expect(page.getByRole('heading', { name: 'Chi tiết đơn vị: Phường Pleiku (PKU)' })).toBeVisible();
      expect(await cellTexts(page, '#counters tr[data-counter="Q1"]')).toEqual(['8', '2', '0', '2', '0', '12', '83,33 %', '1']);
      expect(await cellTexts(page, '#counters tr[data-counter="Q2"]')).toEqual(['1', '1', '0', '0', '1', '3', '66,67 %', '0']);
      expect(await cellTexts(page, '#officers tr[data-officer="cb-01"]')).toEqual(['8', '2', '0', '2', '0', '12', '83,33 %', '0']);
      expect(await cellTexts(page, '#officers tr[data-officer="cb-02"]')).toEqual(['1', '1', '0', '0', '1', '3', 'Chưa đủ số lượng', '0']);
      await expect(page.getByText('Tỷ lệ theo cán bộ chỉ tính khi có từ 10 lượt đánh giá trở lên.')).toBeVisible();
      // The unit's own reasons, with its own labels, over its 15 ratings; AKH's count not in them.
      await expect(page.locator('#reasons caption')).toContainText('Phường Pleiku (PKU)');
      expect(await reasonRows(page)).toEqual(['late', 'long_queue', 'paperwork', 'mystery_key']);
      expect(await cellTexts(page, '#reasons tr[data-reason="late"]')).toEqual(['D', '2', '13,33 %']);
      await expect(page.locator('#reasons tr[data-reason="long_queue"] th')).toHaveText('Phải xếp hàng chờ lâu');
      expect(await cellTexts(page, '#reasons tr[data-reason="long_queue"]')).toEqual(['A', '2', '13,33 %']);
      expect(await cellTexts(page, '#reasons tr[data-reason="paperwork"]')).toEqual(['B', '1', '6,67 %']);
      expect(await cellTexts(page, '#reasons tr[data-reason="mystery_key"]')).toEqual(['Không thuộc yếu tố nào', '1', '6,67 %']);
      await expectNoAxeViolations(page, 'a unit');
      // AKH: its own wording, not PKU's.
      await page.goto(`${base}/dashboard/unit/AKH?period=7d`);
      await expect(page.locator('#reasons tr[data-reason="late"] th')).toHaveText('Trễ hẹn (An Khê)');
      expect(await cellTexts(page, '#reasons tr[data-reason="late"]')).toEqual(['D', '3', '60,00 %']);

      // Kiosk health: the silent kiosks first (never heard from, then the longest silent).
      await page.getByRole('link', { name: 'Tình trạng máy đánh giá' }).click();
      await expect(page.getByRole('heading', { name: 'Tình trạng máy đánh giá' })).toBeVisible();
      const kiosks = await page.locator('#kiosks tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kiosk')));
      expect(kiosks).toEqual(['pku-q2', 'akh-q1', 'pku-q1']);
      const pkuQ2 = page.locator('#kiosks tr[data-kiosk="pku-q2"]');
      await expect(pkuQ2).toContainText('Máy không gửi tín hiệu');
      await expect(pkuQ2).toContainText('Chưa có');
      await expect(page.locator('#kiosks tr[data-kiosk="akh-q1"]')).toContainText('Máy không gửi tín hiệu');
      await expect(page.locator('#kiosks tr[data-kiosk="akh-q1"]')).toContainText('08:00 01/12/2026');
      const pkuQ1 = page.locator('#kiosks tr[data-kiosk="pku-q1"]');
      await expect(pkuQ1).toContainText('Đang hoạt động');
      await expect(pkuQ1).toContainText('Phường Pleiku');
      await expect(pkuQ1).toContainText('Chậm 30 giây');
      await expect(pkuQ1).toContainText('Ngày 01/12/2026: máy đã gửi 18 / máy chủ nhận 16');
      await expect(pkuQ1.locator('td.num')).toHaveText('3');
      await expectNoAxeViolations(page, 'kiosk health');

      // English, remembered across pages.
      await page.getByRole('link', { name: 'English' }).click();
      await expect(page.getByRole('heading', { name: 'Kiosk health' })).toBeVisible();
      await page.getByRole('link', { name: 'By unit' }).click();
      await expect(page.getByRole('heading', { name: 'Satisfaction by unit' })).toBeVisible();
      // The English label where the unit sent one, else the Vietnamese one.
      await expect(page.getByRole('heading', { name: 'Why citizens were not satisfied' })).toBeVisible();
      await expect(page.locator('#reasons tr[data-reason="late"] th')).toHaveText('Result later than promised');
      await expect(page.locator('#reasons tr[data-reason="long_queue"] th')).toHaveText('Phải xếp hàng chờ lâu');
      expect(await cellTexts(page, '#reasons tr[data-reason="late"]')).toEqual(['D', '5', '25.00 %']);
      await page.getByRole('link', { name: 'Tiếng Việt' }).click();
      await expect(page.getByRole('heading', { name: 'Mức độ hài lòng theo đơn vị' })).toBeVisible();

      // The province report: Excel and both CSVs, with PKU's 15 ratings in each.
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Báo cáo Excel (.xlsx)' }).click()]);
      expect(xlsx.suggestedFilename()).toBe('bao-cao-hai-long-toan-tinh_2026-12-01_2026-12-01.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
      const rows: unknown[][] = [];
      // A formula cell (the total, the rate) is read by its cached result.
      const valueOf = (v: unknown) => (typeof v === 'object' && v !== null && 'result' in v ? (v as { result: unknown }).result : v);
      wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map(valueOf)));
      const pkuRow = rows.find((r) => r.includes('PKU'))!;
      expect(pkuRow.slice(1, 9)).toEqual(['Phường Pleiku', 'PKU', 9, 3, 0, 2, 1, 15]);
      for (const [name, sep] of [
        ['Tệp CSV (phân cách bằng dấu phẩy)', ','],
        ['Tệp CSV (phân cách bằng dấu chấm phẩy, dùng cho Excel tiếng Việt)', ';'],
      ] as const) {
        const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()]);
        expect(csv.suggestedFilename()).toBe('bao-cao-hai-long-toan-tinh_2026-12-01_2026-12-01.csv');
        const text = fs.readFileSync((await csv.path())!, 'utf8');
        expect(text).toContain(['"Phường Pleiku"', '"PKU"', 9, 3, 0, 2, 1, 15].join(sep));
      }

      // Signing out ends the session: the figures are gone.
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
      await page.goto(`${base}/dashboard/kiosks`);
      await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();

      // Chromium logs each page answered with an error status; those three were asked for
      // (two refused codes, the reversed range). Anything else, a CSP violation above all, fails.
      const refused = (status: string) => `error: Failed to load resource: the server responded with a status of ${status}`;
      expect(errors).toEqual([refused('401 (Unauthorized)'), refused('401 (Unauthorized)'), refused('400 (Bad Request)')]);
    });
  });
}
