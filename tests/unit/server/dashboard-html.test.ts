// Everything a page shows from outside (a kiosk's heartbeat, a unit name from the tokens
// file, a query value) is escaped; the pages use only keys that exist in both languages.
import { describe, expect, it } from 'vitest';
import { summarizeUnits, totalOf } from '../../../server/dashboard/aggregate';
import { escapeHtml, html } from '../../../server/dashboard/html';
import { translator } from '../../../server/dashboard/i18n';
import { errorPage, kiosksPage, overviewPage, signInPage, unitPage, type PageContext } from '../../../server/dashboard/pages';

const HOSTILE = `<script>alert("x")</script>' onmouseover='x' & "`;

function ctx(lang: 'vi' | 'en', reader: string | null = 'Sở Nội vụ', url = 'http://r/dashboard?period=today'): PageContext {
  return { lang, t: translator(lang), reader, url: new URL(url) };
}

/** No raw element or attribute made of the hostile text survives. */
function expectInert(page: string): void {
  expect(page).not.toContain('<script');
  expect(page).not.toContain("' onmouseover='");
  expect(page).not.toMatch(/style=/);
}

describe('dashboard HTML', () => {
  it('escapes interpolations and passes nested templates through once', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const inner = html`<b>${HOSTILE}</b>`;
    const outer = html`<p title="${HOSTILE}">${inner}${[html`<i>1</i>`, '<u>2</u>']}${null}${undefined}${false}${0}</p>`;
    expect(outer.text).toBe(`<p title="${escapeHtml(HOSTILE)}"><b>${escapeHtml(HOSTILE)}</b><i>1</i>&lt;u&gt;2&lt;/u&gt;0</p>`);
  });

  it('renders every page inert for hostile kiosk data, unit names and query values, in both languages', () => {
    for (const lang of ['vi', 'en'] as const) {
      const c = ctx(lang, HOSTILE, `http://r/dashboard?period=today&x=${encodeURIComponent(HOSTILE)}`);
      const units = summarizeUnits([{ local_day: '2026-12-01', unit_code: 'PKU', level: 5, misuse_flag: 0, n: 3 }], new Map([['PKU', HOSTILE]]));
      const period = { kind: 'today' as const, from: '2026-12-01', to: '2026-12-01' };
      const pages = [
        signInPage(c, true),
        errorPage(c, HOSTILE),
        overviewPage(c, {
          period,
          sort: { key: 'unit', dir: 'asc' },
          units,
          total: totalOf(units),
          trend: [{ day: '2026-12-01', total: 3, satisfied: 3, satisfiedRate: 100 }],
          reasons: [{ key: 'own_reason', label: HOSTILE, factor: null, count: 1, share: 33.33 }],
        }),
        unitPage(c, {
          period,
          unitCode: 'PKU',
          unitName: HOSTILE,
          counters: [{ counterId: HOSTILE, ...units[0]! }],
          officers: [{ officerId: HOSTILE, enough: false, ...units[0]!, satisfiedRate: null }],
          officerMinRatings: 10,
          reasons: [
            { key: 'late', label: HOSTILE, factor: 'D', count: 2, share: 66.67 },
            { key: 'own_reason', label: 'own_reason', factor: null, count: 1, share: null },
          ],
        }),
        kiosksPage(
          c,
          [
            {
              kioskId: HOSTILE,
              unitCode: 'PKU',
              unitName: HOSTILE,
              silent: true,
              appVersion: HOSTILE,
              queueDepth: 3,
              lastHeartbeatMs: null,
              lastBatchMs: null,
              clockSkewMs: 125_000,
              mismatches: [{ day: '2026-11-30', kioskDelivered: 40, serverReceived: 38 }],
            },
          ],
          30,
          420,
        ),
      ];
      for (const page of pages) {
        expectInert(page);
        expect(page).toContain(`<html lang="${lang}">`);
        // A missing key would show as its own name.
        expect(page).not.toMatch(/dashboard\.[a-z]/);
        expect(page).not.toMatch(/citizen\.levels/);
      }
      const [, , overview, unit, kiosks] = pages as [string, string, string, string, string];
      if (lang === 'vi') {
        expect(overview).toContain('100,00 %');
        expect(unit).toContain('Chưa đủ số lượng');
        expect(unit).toContain('Lý do công dân chưa hài lòng');
        expect(unit).toContain('66,67 %');
        expect(unit).toContain('Không thuộc yếu tố nào');
        expect(overview).toContain('33,33 %');
        expect(kiosks).toContain('Máy không gửi tín hiệu');
        expect(kiosks).toContain('Ngày 30/11/2026: máy đã gửi 40 / máy chủ nhận 38');
        expect(kiosks).toContain('Chậm 2 phút 5 giây');
      } else {
        expect(overview).toContain('100.00 %');
        expect(unit).toContain('Why citizens were not satisfied');
        expect(kiosks).toContain('2 min 5 s slow');
      }
    }
  });

  it('labels every form control of the sign-in and period forms', () => {
    const period = { kind: 'range' as const, from: '2026-11-01', to: '2026-11-30' };
    const pages = [
      signInPage(ctx('vi', null), false),
      overviewPage(ctx('vi'), { period, sort: { key: 'rate', dir: 'desc' }, units: [], total: totalOf([]), trend: [], reasons: [] }),
    ];
    for (const page of pages) {
      const ids = [...page.matchAll(/<(?:input|select)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(page).toContain(`<label for="${id}">`);
    }
  });
});
