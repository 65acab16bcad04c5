// The dashboard's pages as complete HTML documents: no script, no inline style, links and
// GET forms for every choice, so they work in any browser and under a strict CSP.
import { LEVEL_KEYS } from '../../shared/rating-scale';
import type { CounterFigures, DayFigures, GroupFigures, OfficerFigures, ReasonFigures, Sort, SortKey, UnitSummary } from './aggregate';
import { formatCount, formatDay, formatDuration, formatInstant, formatRate } from './format';
import { html, type SafeHtml } from './html';
import type { DashboardLanguage, Translate } from './i18n';
import { PERIOD_KINDS, periodQuery, type Period } from './period';

export interface PageContext {
  lang: DashboardLanguage;
  t: Translate;
  /** The reader signed in, or null on the sign-in and refusal pages. */
  reader: string | null;
  /** The request's path and query, for the language links. */
  url: URL;
}

type Query = Record<string, string | number | undefined>;

/** A dashboard link with its query (values already validated or built here). */
export function link(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

function languageLinks(ctx: PageContext): SafeHtml {
  const other = (lang: DashboardLanguage) => {
    const q = new URLSearchParams(ctx.url.searchParams);
    q.set('lang', lang);
    return `${ctx.url.pathname}?${q.toString()}`;
  };
  return html`<nav aria-label="${ctx.t('dashboard.language.label')}">
    <ul>
      ${(['vi', 'en'] as const).map(
        (l) =>
          html`<li>
            <a href="${other(l)}" lang="${l}" hreflang="${l}" ${ctx.lang === l ? html`aria-current="true"` : ''}>${ctx.t(`dashboard.language.${l}`)}</a>
          </li>`,
      )}
    </ul>
  </nav>`;
}

export type Section = 'overview' | 'kiosks' | null;

export function layout(ctx: PageContext, title: string, section: Section, body: SafeHtml): string {
  const { t } = ctx;
  const nav = ctx.reader
    ? html`<nav class="main" aria-label="${t('dashboard.nav.label')}">
        <ul>
          <li><a href="/dashboard" ${section === 'overview' ? html`aria-current="page"` : ''}>${t('dashboard.nav.overview')}</a></li>
          <li><a href="/dashboard/kiosks" ${section === 'kiosks' ? html`aria-current="page"` : ''}>${t('dashboard.nav.kiosks')}</a></li>
        </ul>
      </nav>`
    : '';
  const who = ctx.reader
    ? html`<span class="who">${t('dashboard.signIn.signedInAs', { name: ctx.reader })}</span>
        <form method="post" action="/dashboard/logout"><button type="submit">${t('dashboard.signIn.signOut')}</button></form>`
    : '';
  return html`<!doctype html>
    <html lang="${ctx.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title} · ${t('dashboard.title')}</title>
        <link rel="icon" href="/dashboard/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/dashboard/style.css" />
      </head>
      <body>
        <a class="skip" href="#main">${t('dashboard.skipToContent')}</a>
        <header class="top">
          <div>
            <p class="app-title">${t('dashboard.title')}</p>
            <p class="subtitle">${t('dashboard.subtitle')}</p>
          </div>
          <div class="tools">${languageLinks(ctx)} ${who}</div>
        </header>
        ${nav}
        <main id="main" tabindex="-1">${body}</main>
        <footer><p>${t('dashboard.note')}</p></footer>
      </body>
    </html> `.text;
}

// ---- pieces ---------------------------------------------------------------------------------

const LEVELS_SHOWN = [5, 4, 3, 2, 1] as const;

export function periodText(ctx: PageContext, p: Period): string {
  return ctx.t('dashboard.period.showing', { from: formatDay(p.from), to: formatDay(p.to) });
}

/** A percentage cell; a dash (read out as "no data") where there is nothing to divide by. */
function percentCell(ctx: PageContext, value: number | null): SafeHtml {
  if (value === null)
    return html`<td class="num"><span aria-hidden="true">—</span><span class="visually-hidden">${ctx.t('dashboard.table.noRate')}</span></td>`;
  return html`<td class="num">${formatRate(value, ctx.lang, ctx.t)}</td>`;
}

function rateCell(ctx: PageContext, g: GroupFigures, enough = true): SafeHtml {
  if (!enough) return html`<td class="num">${ctx.t('dashboard.table.notEnough')}</td>`;
  return percentCell(ctx, g.satisfiedRate);
}

function figureCells(ctx: PageContext, g: GroupFigures, enough = true): SafeHtml {
  return html`${LEVELS_SHOWN.map((l) => html`<td class="num">${formatCount(g.levels[l], ctx.lang)}</td>`)}
    <td class="num">${formatCount(g.total, ctx.lang)}</td>
    ${rateCell(ctx, g, enough)}
    <td class="num">${formatCount(g.flagged, ctx.lang)}</td>`;
}

function plainFigureHeads(ctx: PageContext): SafeHtml {
  return html`${LEVELS_SHOWN.map((l) => html`<th scope="col" class="num">${ctx.t(`citizen.levels.${LEVEL_KEYS[l]}`)}</th>`)}
    <th scope="col" class="num">${ctx.t('dashboard.table.total')}</th>
    <th scope="col" class="num">${ctx.t('dashboard.table.rate')}</th>
    <th scope="col" class="num">${ctx.t('dashboard.table.flagged')}</th>`;
}

/** A period chooser that keeps the page's other choices (sorting) as hidden fields. */
export function periodForm(ctx: PageContext, action: string, p: Period, keep: Record<string, string> = {}): SafeHtml {
  const { t } = ctx;
  return html`<form class="period" method="get" action="${action}">
    <fieldset>
      <legend>${t('dashboard.period.legend')}</legend>
      <div class="field">
        <label for="period">${t('dashboard.period.label')}</label>
        <select id="period" name="period">
          ${PERIOD_KINDS.map((k) => html`<option value="${k}" ${p.kind === k ? html`selected` : ''}>${t(`dashboard.period.${k}`)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="from">${t('dashboard.period.from')}</label>
        <input id="from" name="from" type="date" value="${p.from}" aria-describedby="range-hint" />
      </div>
      <div class="field">
        <label for="to">${t('dashboard.period.to')}</label>
        <input id="to" name="to" type="date" value="${p.to}" aria-describedby="range-hint" />
      </div>
      ${Object.entries(keep).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`)}
      <button class="primary" type="submit">${t('dashboard.period.apply')}</button>
      <p class="hint" id="range-hint">${t('dashboard.period.rangeHint')}</p>
    </fieldset>
  </form>`;
}

/**
 * Why citizens were not satisfied: one row per reason key named in the period, with its
 * share of all the (unflagged) ratings the table's units received.
 */
function reasonsSection(ctx: PageContext, reasons: readonly ReasonFigures[], caption: string): SafeHtml {
  const { t } = ctx;
  const table = html`<table id="reasons">
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('dashboard.reasons.reason')}</th>
        <th scope="col">${t('dashboard.reasons.factor')}</th>
        <th scope="col" class="num">${t('dashboard.reasons.count')}</th>
        <th scope="col" class="num">${t('dashboard.reasons.share')}</th>
      </tr>
    </thead>
    <tbody>
      ${reasons.map(
        (r) =>
          html`<tr data-reason="${r.key}">
            <th scope="row">${r.label}</th>
            <td>${r.factor ?? t('dashboard.reasons.noFactor')}</td>
            <td class="num">${formatCount(r.count, ctx.lang)}</td>
            ${percentCell(ctx, r.share)}
          </tr>`,
      )}
    </tbody>
  </table>`;
  return html`<section aria-labelledby="reasons-h">
    <h2 id="reasons-h">${t('dashboard.reasons.heading')}</h2>
    ${reasons.length === 0 ? html`<p>${t('dashboard.reasons.none')}</p>` : table}
    <p class="hint">${t('dashboard.reasons.note')}</p>
  </section>`;
}

// ---- sign-in and errors -------------------------------------------------------------------

export function signInPage(ctx: PageContext, wrong: boolean): string {
  const { t } = ctx;
  return layout(
    ctx,
    t('dashboard.signIn.title'),
    null,
    html`<h1>${t('dashboard.signIn.title')}</h1>
      ${wrong ? html`<p class="error" role="alert" id="signin-error">${t('dashboard.signIn.wrong')}</p>` : ''}
      <form class="signin" method="post" action="/dashboard/login">
        <p>${t('dashboard.signIn.intro')}</p>
        <div class="field">
          <label for="token">${t('dashboard.signIn.token')}</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="current-password"
            required
            maxlength="500"
            ${wrong ? html`aria-invalid="true" aria-describedby="signin-error"` : ''}
          />
        </div>
        <button class="primary" type="submit">${t('dashboard.signIn.submit')}</button>
      </form>`,
  );
}

export function errorPage(ctx: PageContext, message: string): string {
  const { t } = ctx;
  return layout(
    ctx,
    t('dashboard.errors.title'),
    null,
    html`<h1>${t('dashboard.errors.title')}</h1>
      <p class="error" role="alert">${message}</p>
      <p><a href="/dashboard">${t('dashboard.errors.backToOverview')}</a></p>`,
  );
}

// ---- overview -------------------------------------------------------------------------------

const SORT_LABEL: Record<SortKey, (t: Translate) => string> = {
  unit: (t) => t('dashboard.table.unit'),
  total: (t) => t('dashboard.table.total'),
  rate: (t) => t('dashboard.table.rate'),
  flagged: (t) => t('dashboard.table.flagged'),
  l1: (t) => t(`citizen.levels.${LEVEL_KEYS[1]}`),
  l2: (t) => t(`citizen.levels.${LEVEL_KEYS[2]}`),
  l3: (t) => t(`citizen.levels.${LEVEL_KEYS[3]}`),
  l4: (t) => t(`citizen.levels.${LEVEL_KEYS[4]}`),
  l5: (t) => t(`citizen.levels.${LEVEL_KEYS[5]}`),
};

function sortHead(ctx: PageContext, p: Period, sort: Sort, key: SortKey, numeric: boolean): SafeHtml {
  const current = sort.key === key;
  // A first click sorts names A→Z and figures largest first; a second click reverses.
  const nextDir = current ? (sort.dir === 'asc' ? 'desc' : 'asc') : key === 'unit' ? 'asc' : 'desc';
  const href = link('/dashboard', { ...periodQuery(p), sort: key, dir: nextDir });
  const state = current
    ? ctx.t(sort.dir === 'asc' ? 'dashboard.table.sortedAsc' : 'dashboard.table.sortedDesc')
    : ctx.t(nextDir === 'asc' ? 'dashboard.table.sortAsc' : 'dashboard.table.sortDesc');
  return html`<th scope="col" ${numeric ? html`class="num"` : ''} ${current ? html`aria-sort="${sort.dir === 'asc' ? 'ascending' : 'descending'}"` : ''}>
    <a href="${href}" data-sort="${key}">${SORT_LABEL[key](ctx.t)}<span class="visually-hidden"> (${state})</span></a>
  </th>`;
}

/** A bar of `part` over `whole` in 5 % steps (the stylesheet's .w0 … .w100). */
function bar(part: number, whole: number): SafeHtml {
  const step = whole > 0 ? Math.round((part / whole) * 20) * 5 : 0;
  return html`<span class="bar" aria-hidden="true"><span class="fill w${Math.max(0, Math.min(100, step))}"></span></span>`;
}

export interface OverviewData {
  period: Period;
  sort: Sort;
  units: UnitSummary[];
  total: GroupFigures;
  trend: DayFigures[];
  /** Province-wide, labelled with the most recently sent label of each key. */
  reasons: ReasonFigures[];
}

export function overviewPage(ctx: PageContext, d: OverviewData): string {
  const { t } = ctx;
  const when = periodText(ctx, d.period);
  const pq = periodQuery(d.period);
  const maxDay = Math.max(0, ...d.trend.map((x) => x.total));
  const unitsTable = html`<table id="units">
    <caption>
      ${t('dashboard.overview.caption', { period: when })}
    </caption>
    <thead>
      <tr>
        ${sortHead(ctx, d.period, d.sort, 'unit', false)} ${LEVELS_SHOWN.map((l) => sortHead(ctx, d.period, d.sort, `l${l}`, true))}
        ${sortHead(ctx, d.period, d.sort, 'total', true)} ${sortHead(ctx, d.period, d.sort, 'rate', true)} ${sortHead(ctx, d.period, d.sort, 'flagged', true)}
      </tr>
    </thead>
    <tbody>
      ${d.units.map(
        (u) =>
          html`<tr data-unit="${u.unitCode}">
            <th scope="row">
              <a href="${link(`/dashboard/unit/${encodeURIComponent(u.unitCode)}`, pq)}" aria-label="${t('dashboard.overview.details', { unit: u.unitName })}"
                >${u.unitName}</a
              ><span class="code">${u.unitCode}</span>
            </th>
            ${figureCells(ctx, u)}
          </tr>`,
      )}
    </tbody>
    <tfoot>
      <tr data-unit="">
        <th scope="row">${t('dashboard.overview.provinceTotal')}</th>
        ${figureCells(ctx, d.total)}
      </tr>
    </tfoot>
  </table>`;
  const trendTable = html`<table id="trend">
    <caption>
      ${t('dashboard.overview.trendCaption', { period: when })}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('dashboard.overview.day')}</th>
        <th scope="col">${t('dashboard.table.total')}</th>
        <th scope="col">${t('dashboard.table.rate')}</th>
      </tr>
    </thead>
    <tbody>
      ${d.trend.map(
        (x) =>
          html`<tr data-day="${x.day}">
            <th scope="row">${formatDay(x.day)}</th>
            <td><span class="num">${formatCount(x.total, ctx.lang)}</span>${bar(x.total, maxDay)}</td>
            <td>
              ${
                x.satisfiedRate === null
                  ? html`<span aria-hidden="true">—</span><span class="visually-hidden">${t('dashboard.table.noRate')}</span>`
                  : html`<span class="num">${formatRate(x.satisfiedRate, ctx.lang, t)}</span>${bar(x.satisfiedRate, 100)}`
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
  return layout(
    ctx,
    t('dashboard.overview.heading'),
    'overview',
    html`<h1>${t('dashboard.overview.heading')}</h1>
      ${periodForm(ctx, '/dashboard', d.period, { sort: d.sort.key, dir: d.sort.dir })}
      ${d.total.total === 0 && d.total.flagged === 0 ? html`<p>${t('dashboard.overview.noData')}</p>` : ''} ${unitsTable}
      <p class="hint">${t('dashboard.overview.rateNote')}</p>
      <section class="downloads" aria-labelledby="downloads-h">
        <h2 id="downloads-h">${t('dashboard.overview.downloads')}</h2>
        <ul>
          <li><a href="${link('/dashboard/report.xlsx', pq)}">${t('dashboard.overview.xlsx')}</a></li>
          <li><a href="${link('/dashboard/report.csv', pq)}">${t('dashboard.overview.csvComma')}</a></li>
          <li><a href="${link('/dashboard/report.csv', { ...pq, sep: 'semicolon' })}">${t('dashboard.overview.csvSemicolon')}</a></li>
        </ul>
      </section>
      <section aria-labelledby="trend-h">
        <h2 id="trend-h">${t('dashboard.overview.trendHeading')}</h2>
        ${trendTable}
      </section>
      ${reasonsSection(ctx, d.reasons, t('dashboard.reasons.provinceCaption', { period: when }))}`,
  );
}

// ---- one unit -------------------------------------------------------------------------------

export interface UnitData {
  period: Period;
  unitCode: string;
  unitName: string;
  counters: CounterFigures[];
  officers: OfficerFigures[];
  officerMinRatings: number;
  /** Labelled with the unit's own labels. */
  reasons: ReasonFigures[];
}

/** One row of a staff table: its data attribute's value, its heading and its figures. */
interface StaffLine {
  id: string;
  name: string;
  figures: GroupFigures;
  enough?: boolean;
}

/** The unit page's counters and officers tables share their shape, only what names a row differs. */
function staffTable(ctx: PageContext, id: 'counters' | 'officers', caption: string, rowHead: string, lines: readonly StaffLine[]): SafeHtml {
  const attr = id === 'counters' ? 'data-counter' : 'data-officer';
  return html`<table id="${id}">
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${rowHead}</th>
        ${plainFigureHeads(ctx)}
      </tr>
    </thead>
    <tbody>
      ${lines.map(
        (l) =>
          html`<tr ${attr}="${l.id}">
            <th scope="row">${l.name}</th>
            ${figureCells(ctx, l.figures, l.enough)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function unitPage(ctx: PageContext, d: UnitData): string {
  const { t } = ctx;
  const when = periodText(ctx, d.period);
  const unitLabel = d.unitName === d.unitCode ? d.unitCode : `${d.unitName} (${d.unitCode})`;
  const counters = staffTable(
    ctx,
    'counters',
    t('dashboard.unit.byCounterCaption', { unit: unitLabel, period: when }),
    t('dashboard.unit.counter'),
    d.counters.map((c) => ({ id: c.counterId, name: c.counterId || t('dashboard.unit.unknownCounter'), figures: c })),
  );
  const officers = staffTable(
    ctx,
    'officers',
    t('dashboard.unit.byOfficerCaption', { unit: unitLabel, period: when }),
    t('dashboard.unit.officer'),
    d.officers.map((o) => ({ id: o.officerId, name: o.officerId || t('dashboard.unit.unknownOfficer'), figures: o, enough: o.enough })),
  );
  const path = `/dashboard/unit/${encodeURIComponent(d.unitCode)}`;
  return layout(
    ctx,
    t('dashboard.unit.heading', { unit: unitLabel }),
    'overview',
    html`<p><a href="${link('/dashboard', periodQuery(d.period))}">${t('dashboard.unit.back')}</a></p>
      <h1>${t('dashboard.unit.heading', { unit: unitLabel })}</h1>
      ${periodForm(ctx, path, d.period)} ${d.counters.length === 0 ? html`<p>${t('dashboard.unit.noData')}</p>` : ''}
      <section aria-labelledby="counters-h">
        <h2 id="counters-h">${t('dashboard.unit.byCounter')}</h2>
        ${counters}
      </section>
      <section aria-labelledby="officers-h">
        <h2 id="officers-h">${t('dashboard.unit.byOfficer')}</h2>
        ${officers}
        <p class="hint">${t('dashboard.unit.officerNote', { n: d.officerMinRatings })}</p>
      </section>
      ${reasonsSection(ctx, d.reasons, t('dashboard.reasons.unitCaption', { unit: unitLabel, period: when }))}`,
  );
}

// ---- kiosk health ---------------------------------------------------------------------------

export interface KioskView {
  kioskId: string;
  unitCode: string;
  unitName: string;
  silent: boolean;
  appVersion: string | null;
  queueDepth: number | null;
  lastHeartbeatMs: number | null;
  lastBatchMs: number | null;
  clockSkewMs: number | null;
  /** null: never compared; []: every reported day agrees. */
  mismatches: { day: string; kioskDelivered: number; serverReceived: number }[] | null;
}

/** Within a second either way the kiosk's clock is as good as the network lets us tell. */
const CLOCK_TOLERANCE_MS = 1_000;

function clockText(ctx: PageContext, skewMs: number | null): string {
  if (skewMs === null) return ctx.t('dashboard.kiosks.unknown');
  if (Math.abs(skewMs) < CLOCK_TOLERANCE_MS) return ctx.t('dashboard.kiosks.clockOk');
  const amount = formatDuration(skewMs, ctx.t);
  // skew = server − kiosk: a positive skew is a kiosk clock behind the server's.
  return ctx.t(skewMs > 0 ? 'dashboard.kiosks.clockBehind' : 'dashboard.kiosks.clockAhead', { amount });
}

export function kiosksPage(ctx: PageContext, kiosks: KioskView[], silentAfterMinutes: number, utcOffsetMinutes: number): string {
  const { t } = ctx;
  const when = (ms: number | null) => (ms === null ? t('dashboard.kiosks.never') : formatInstant(ms, utcOffsetMinutes));
  const table = html`<table id="kiosks">
    <caption>
      ${t('dashboard.kiosks.caption')}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('dashboard.kiosks.kiosk')}</th>
        <th scope="col">${t('dashboard.kiosks.status')}</th>
        <th scope="col">${t('dashboard.kiosks.unit')}</th>
        <th scope="col">${t('dashboard.kiosks.appVersion')}</th>
        <th scope="col" class="num">${t('dashboard.kiosks.pending')}</th>
        <th scope="col">${t('dashboard.kiosks.lastHeartbeat')}</th>
        <th scope="col">${t('dashboard.kiosks.lastBatch')}</th>
        <th scope="col">${t('dashboard.kiosks.clock')}</th>
        <th scope="col">${t('dashboard.kiosks.reconciliation')}</th>
      </tr>
    </thead>
    <tbody>
      ${kiosks.map(
        (k) =>
          html`<tr data-kiosk="${k.kioskId}" ${k.silent ? html`class="silent"` : ''}>
            <th scope="row">${k.kioskId}</th>
            <td>
              ${k.silent ? html`<span class="badge bad">${t('dashboard.kiosks.silent')}</span>` : html`<span class="badge ok">${t('dashboard.kiosks.active')}</span>`}
            </td>
            <td>${k.unitName}${k.unitName === k.unitCode ? '' : html`<span class="code">${k.unitCode}</span>`}</td>
            <td>${k.appVersion ?? t('dashboard.kiosks.unknown')}</td>
            <td class="num">${k.queueDepth === null ? t('dashboard.kiosks.unknown') : formatCount(k.queueDepth, ctx.lang)}</td>
            <td>${when(k.lastHeartbeatMs)}</td>
            <td>${when(k.lastBatchMs)}</td>
            <td>${clockText(ctx, k.clockSkewMs)}</td>
            <td>
              ${
                k.mismatches === null
                  ? t('dashboard.kiosks.notCompared')
                  : k.mismatches.length === 0
                    ? t('dashboard.kiosks.matched')
                    : html`<ul class="mismatch">
                        ${k.mismatches.map(
                          (m) =>
                            html`<li>
                              ${t('dashboard.kiosks.mismatch', {
                                day: formatDay(m.day),
                                sent: formatCount(m.kioskDelivered, ctx.lang),
                                received: formatCount(m.serverReceived, ctx.lang),
                              })}
                            </li>`,
                        )}
                      </ul>`
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
  return layout(
    ctx,
    t('dashboard.kiosks.heading'),
    'kiosks',
    html`<h1>${t('dashboard.kiosks.heading')}</h1>
      <p>${t('dashboard.kiosks.silentNote', { minutes: silentAfterMinutes })}</p>
      ${kiosks.length === 0 ? html`<p>${t('dashboard.kiosks.none')}</p>` : table}`,
  );
}
