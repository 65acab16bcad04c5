// The city dashboard over real HTTP on both storages: sign-in with a reader token only,
// the session cookie's attributes, CSRF refusals, no figures without a session, the CSP on
// every answer, and figures that match what the kiosks uploaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP } from '../../../server/dashboard/dashboard';
import { startReceiver, STORAGES, TEST_KIOSK_TOKEN, TEST_READER_TOKEN, type TestReceiver } from '../../support/city-server';
import { batch, post, wireRating } from './receiver-helpers';

// 10:00 on 1 December 2026 in Vietnam: "today" on the dashboard.
const NOW = Date.parse('2026-12-01T03:00:00Z');
const TODAY = '2026-12-01T09:15:00.000+07:00';
const KIOSK_2_TOKEN = 'kiosk-02-token-0123456789';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

async function request(
  base: string,
  path: string,
  init: { method?: string; cookie?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const res = await fetch(new URL(path, base), {
    method: init.method ?? 'GET',
    redirect: 'manual',
    headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers },
    body: init.body,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const form = (base: string, path: string, body: string, headers: Record<string, string> = {}, cookie?: string) =>
  request(base, path, {
    method: 'POST',
    cookie,
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(base).origin, ...headers },
  });

/** Signs in through the form and returns the Cookie header value the browser would send. */
async function signIn(base: string): Promise<string> {
  const a = await form(base, '/dashboard/login', `token=${encodeURIComponent(TEST_READER_TOKEN)}`);
  expect(a.status).toBe(303);
  return a.headers.get('set-cookie')!.split(';')[0]!;
}

describe.each(STORAGES)('city dashboard on %s', (storage) => {
  let city: TestReceiver;
  let cookie: string;

  beforeAll(async () => {
    city = await startReceiver(storage, {
      now: () => NOW,
      kiosks: [
        { kioskId: 'kiosk-01', unitCode: 'UNIT-A', token: TEST_KIOSK_TOKEN },
        { kioskId: 'kiosk-02', unitCode: 'UNIT-B', token: KIOSK_2_TOKEN },
      ],
      dashboard: { officerMinRatings: 3, silentAfterMinutes: 30 },
    });
    // UNIT-A: 2 × level 5 and 1 × level 2 by officer cb-1 at Q1, one flagged tap; UNIT-B: nothing.
    const ratings = [
      wireRating({ seq: 1, createdAt: TODAY, level: 5, officerId: 'cb-1' }),
      wireRating({ seq: 2, createdAt: TODAY, level: 5, officerId: 'cb-1' }),
      wireRating({ seq: 3, createdAt: TODAY, level: 2, officerId: 'cb-1', reasons: ['late'] }),
      wireRating({ seq: 4, createdAt: TODAY, level: 4, officerId: 'cb-2', counterId: 'Q2' }),
      wireRating({ seq: 5, createdAt: TODAY, level: 5, misuseFlag: true }),
    ];
    const up = await post(city.url, '/v1/ratings/batch', batch(ratings, { sentAt: TODAY }), TEST_KIOSK_TOKEN);
    expect(up.json.accepted).toHaveLength(5);
    const hb = await post(
      city.url,
      '/v1/kiosks/heartbeat',
      {
        protocol: 1,
        kioskId: 'kiosk-01',
        unitCode: 'UNIT-A',
        kioskTime: '2026-12-01T09:58:00.000+07:00',
        queueDepth: 7,
        oldestPendingAt: null,
        lastDeliveryAt: null,
        appVersion: '0.1.0',
        dayCounts: [{ day: '2026-12-01', stored: 6, delivered: 6, pending: 0, rejected: 0 }],
      },
      TEST_KIOSK_TOKEN,
    );
    expect(hb.status).toBe(200);
    cookie = await signIn(city.url);
  });

  afterAll(async () => {
    await city?.close();
  });

  it('signs a reader in with a session cookie that is HttpOnly, SameSite=Strict and confined to /dashboard', async () => {
    const a = await form(city.url, '/dashboard/login', `token=${encodeURIComponent(` ${TEST_READER_TOKEN} `)}`);
    expect(a.status).toBe(303);
    expect(a.headers.get('location')).toBe('/dashboard');
    const set = a.headers.get('set-cookie')!;
    const [pair, ...attrs] = set.split('; ');
    expect(pair).toMatch(/^dashboard_session=[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(attrs.sort()).toEqual(['HttpOnly', 'Max-Age=43200', 'Path=/dashboard', 'SameSite=Strict']);
    const page = await request(city.url, '/dashboard', { cookie: pair });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Mức độ hài lòng theo đơn vị');
    expect(page.text).toContain('Người đăng nhập: tests');
  });

  it('refuses a kiosk token, a wrong token and no token with the sign-in page and 401', async () => {
    for (const token of [TEST_KIOSK_TOKEN, 'reader-token-0123456789abX', '', 'x'.repeat(600)]) {
      const a = await form(city.url, '/dashboard/login', `token=${encodeURIComponent(token)}`);
      expect(a.status, token).toBe(401);
      expect(a.headers.get('set-cookie')).toBeNull();
      expect(a.text).toContain('Mã truy cập không đúng hoặc không có quyền xem bảng theo dõi');
      expect(a.text).toContain('name="token"');
    }
  });

  it('refuses a cross-site sign-in or sign-out with 403 and sets no cookie', async () => {
    const body = `token=${encodeURIComponent(TEST_READER_TOKEN)}`;
    const crossSite: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'http://evil.example', 'sec-fetch-site': 'same-origin' },
      { origin: 'null' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
      { origin: 'not a url' },
      { origin: '', 'sec-fetch-site': 'cross-site' },
      { origin: '', 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of crossSite) {
      const h: Record<string, string> = { ...headers };
      if (h.origin === '') delete h.origin;
      const a = await request(city.url, '/dashboard/login', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...h } });
      expect(a.status, JSON.stringify(headers)).toBe(403);
      expect(a.headers.get('set-cookie')).toBeNull();
      expect(a.text).toContain('không được gửi từ trang của bảng theo dõi');
      const out = await request(city.url, '/dashboard/logout', {
        method: 'POST',
        cookie,
        body: '',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...h },
      });
      expect(out.status).toBe(403);
      expect(out.headers.get('set-cookie')).toBeNull();
    }
    // Same origin is let in; so is a same-origin form whose Origin the no-referrer policy made "null".
    const sameSite: Record<string, string>[] = [{ 'sec-fetch-site': 'same-origin' }, { origin: 'null', 'sec-fetch-site': 'same-origin' }, {}];
    for (const headers of sameSite) {
      const same = await request(city.url, '/dashboard/login', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
      expect(same.status, JSON.stringify(headers)).toBe(303);
    }
  });

  it('signs out: the cookie is cleared', async () => {
    const mine = await signIn(city.url);
    const out = await form(city.url, '/dashboard/logout', '', {}, mine);
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toBe('dashboard_session=; Max-Age=0; Path=/dashboard; HttpOnly; SameSite=Strict');
  });

  it('shows no figures without a valid session, and the bearer tokens open no page', async () => {
    const signInPage = await request(city.url, '/dashboard?period=today');
    expect(signInPage.status).toBe(200);
    expect(signInPage.text).toContain('Mã truy cập');
    expect(signInPage.text).not.toContain('UNIT-A');
    const forged = ['dashboard_session=garbage', `dashboard_session=${TEST_READER_TOKEN}`, `${cookie.slice(0, -3)}AAA`];
    for (const path of ['/dashboard/kiosks', '/dashboard/unit/UNIT-A', '/dashboard/report.xlsx', '/dashboard/report.csv']) {
      const bearers: Record<string, string>[] = [{}, { authorization: `Bearer ${TEST_READER_TOKEN}` }, { authorization: `Bearer ${TEST_KIOSK_TOKEN}` }];
      for (const headers of bearers) {
        const a = await request(city.url, path, { headers });
        expect([path, a.status, a.headers.get('location')]).toEqual([path, 303, '/dashboard']);
      }
      for (const c of forged) expect((await request(city.url, path, { cookie: c })).status).toBe(303);
    }
    // And the session cookie opens no /v1 endpoint: those still need the bearer token.
    const tally = await request(city.url, '/v1/tally?from=2026-12-01&to=2026-12-01', { cookie });
    expect(tally.status).toBe(401);
  });

  it('puts the CSP, nosniff and no-referrer on every dashboard answer', async () => {
    const answers = [
      await request(city.url, '/dashboard'),
      await request(city.url, '/dashboard', { cookie }),
      await request(city.url, '/dashboard/kiosks'),
      await request(city.url, '/dashboard/kiosks', { cookie }),
      await request(city.url, '/dashboard/unit/UNIT-A', { cookie }),
      await request(city.url, '/dashboard/unit/..%2F..', { cookie }),
      await request(city.url, '/dashboard/nothing-here', { cookie }),
      await request(city.url, '/dashboard?period=week', { cookie }),
      await request(city.url, '/dashboard', { method: 'DELETE', cookie }),
      await request(city.url, '/dashboard/login'),
      await request(city.url, '/dashboard/style.css'),
      await request(city.url, '/dashboard/favicon.svg'),
      await request(city.url, '/dashboard/report.csv', { cookie }),
      await request(city.url, '/dashboard/report.xlsx', { cookie }),
      await form(city.url, '/dashboard/login', 'token=wrong-token-0000000000'),
      await form(city.url, '/dashboard/login', 'token=x', { origin: 'http://evil.example' }),
      await form(city.url, '/dashboard/login', `token=${'x'.repeat(5000)}`),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 303, 200, 200, 404, 404, 400, 405, 405, 200, 200, 200, 200, 401, 403, 413]);
    for (const a of answers) {
      expect(a.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
      expect(a.headers.get('x-content-type-options')).toBe('nosniff');
      expect(a.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect(answers[1]!.headers.get('cache-control')).toBe('no-store');
    expect(answers[8]!.headers.get('allow')).toBe('GET, HEAD');
    expect(answers[10]!.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers bad query values with a Vietnamese message and 400, never a crash', async () => {
    const cases: [string, string][] = [
      ['/dashboard?period=week', 'Khoảng thời gian không hợp lệ'],
      ['/dashboard?period=range&from=2026-12-05&to=2026-12-01', '"Từ ngày" không được sau "Đến ngày"'],
      ['/dashboard?period=range&from=2025-01-01&to=2026-12-01', 'không được dài quá 366 ngày'],
      ['/dashboard?period=range&from=2026-02-30&to=2026-03-01', 'Ngày không hợp lệ'],
      ['/dashboard?sort=name', 'Cách sắp xếp không hợp lệ'],
      ['/dashboard?sort=rate&dir=sideways', 'Cách sắp xếp không hợp lệ'],
      ['/dashboard/unit/UNIT-A?period=range&from=x&to=y', 'Ngày không hợp lệ'],
      ['/dashboard/report.csv?sep=tab', 'Ký tự phân cách của tệp CSV không hợp lệ'],
      ['/dashboard/report.xlsx?period=7days', 'Khoảng thời gian không hợp lệ'],
    ];
    for (const [path, message] of cases) {
      const a = await request(city.url, path, { cookie });
      expect([path, a.status]).toEqual([path, 400]);
      expect(a.text).toContain(message.replaceAll('"', '&quot;'));
      expect(a.headers.get('content-type')).toBe('text/html; charset=utf-8');
    }
  });

  it('shows each unit’s counts and satisfied rate, flagged taps apart, and the province total', async () => {
    const a = await request(city.url, '/dashboard?period=today', { cookie });
    const unitRow = /<tr data-unit="UNIT-A">([\s\S]*?)<\/tr>/.exec(a.text)![1]!;
    const cells = [...unitRow.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
    // Levels 5, 4, 3, 2, 1, total, satisfied rate, flagged.
    expect(cells).toEqual(['2', '1', '0', '1', '0', '4', '75,00 %', '1']);
    const total = /<tr data-unit="">([\s\S]*?)<\/tr>/.exec(a.text)![1]!;
    expect(total).toContain('Toàn tỉnh');
    expect([...total.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(['2', '1', '0', '1', '0', '4', '75,00 %', '1']);
    // A registered unit without ratings is listed with zeros.
    expect(a.text).toContain('<tr data-unit="UNIT-B">');
    // Yesterday holds nothing.
    const y = await request(city.url, '/dashboard?period=yesterday', { cookie });
    expect(y.text).toContain('Chưa có lượt đánh giá nào trong khoảng thời gian này.');
  });

  it('drills into a unit: counters, and officers below the minimum without a rate', async () => {
    const a = await request(city.url, '/dashboard/unit/UNIT-A?period=7d', { cookie });
    expect(a.status).toBe(200);
    const rows = new Map([...a.text.matchAll(/<tr data-officer="([^"]*)">([\s\S]*?)<\/tr>/g)].map((m) => [m[1], m[2]!]));
    expect(rows.get('cb-1')).toContain('66,67 %');
    expect(rows.get('cb-2')).toContain('Chưa đủ số lượng');
    expect(a.text).toContain('Tỷ lệ theo cán bộ chỉ tính khi có từ 3 lượt đánh giá trở lên.');
    expect(a.text).toMatch(/<tr data-counter="Q2">[\s\S]*?100,00 %/);
  });

  it('shows kiosk health: the silent kiosk first, pending count, clock offset and the reconciliation mismatch', async () => {
    const a = await request(city.url, '/dashboard/kiosks', { cookie });
    const order = [...a.text.matchAll(/<tr data-kiosk="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['kiosk-02', 'kiosk-01']);
    const k2 = /<tr data-kiosk="kiosk-02"[\s\S]*?<\/tr>/.exec(a.text)![0];
    expect(k2).toContain('Máy không gửi tín hiệu');
    const k1 = /<tr data-kiosk="kiosk-01"[\s\S]*?<\/tr>/.exec(a.text)![0];
    expect(k1).toContain('Đang hoạt động');
    expect(k1).toContain('<td class="num">7</td>');
    expect(k1).toContain('Chậm 2 phút');
    expect(k1).toContain('Ngày 01/12/2026: máy đã gửi 6 / máy chủ nhận 5');
  });

  it('keeps a session valid on a second receiver process with the same tokens', async () => {
    const other = await startReceiver(storage, { now: () => NOW, ...(city.databaseUrl ? { databaseUrl: city.databaseUrl } : {}) });
    try {
      const a = await request(other.url, '/dashboard/kiosks', { cookie });
      expect(a.status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('marks the cookies Secure when told the receiver is behind TLS', async () => {
    const behindTls = await startReceiver(storage, {
      now: () => NOW,
      dashboard: { secureCookie: true },
      ...(city.databaseUrl ? { databaseUrl: city.databaseUrl } : {}),
    });
    try {
      const a = await form(behindTls.url, '/dashboard/login?lang=en', `token=${encodeURIComponent(TEST_READER_TOKEN)}`);
      expect(a.status).toBe(303);
      const set = a.headers.getSetCookie();
      expect(set).toHaveLength(2);
      for (const c of set) expect(c.split('; ')).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/dashboard', 'Secure']));
    } finally {
      await behindTls.close();
    }
  });

  it('speaks English with ?lang=en and remembers it in a cookie', async () => {
    const a = await request(city.url, '/dashboard?lang=en', { cookie });
    expect(a.text).toContain('<html lang="en">');
    expect(a.text).toContain('Satisfaction by unit');
    expect(a.headers.get('set-cookie')).toBe('lang=en; Max-Age=31536000; Path=/dashboard; HttpOnly; SameSite=Strict');
    const b = await request(city.url, '/dashboard/kiosks', { cookie: `${cookie}; lang=en` });
    expect(b.text).toContain('Kiosk health');
    const c = await request(city.url, '/dashboard/kiosks', { cookie: `${cookie}; lang=fr` });
    expect(c.text).toContain('<html lang="vi">');
  });

  it('downloads the province report as Excel and as CSV with either separator', async () => {
    const xlsx = await fetch(new URL('/dashboard/report.xlsx?period=today', city.url), { headers: { cookie } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-hai-long-toan-tinh_2026-12-01_2026-12-01.xlsx"');
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const comma = await request(city.url, '/dashboard/report.csv?period=today', { cookie });
    expect(comma.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-hai-long-toan-tinh_2026-12-01_2026-12-01.csv"');
    expect(comma.text).toMatch(/"UNIT-A",2,1,0,1,0,4,/);
    const semi = await request(city.url, '/dashboard/report.csv?period=today&sep=semicolon', { cookie });
    expect(semi.text).toMatch(/"UNIT-A";2;1;0;1;0;4;/);
  });
});
