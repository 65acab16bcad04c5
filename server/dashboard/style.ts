// The dashboard's one stylesheet, served as /dashboard/style.css: the pages carry no inline
// style (the CSP allows none), so bar lengths are classes in steps of 5 %.
export const DASHBOARD_CSS = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #c8ccd2; --accent: #0b4f8a; --bad: #a4161a; --bg-alt: #f3f5f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 "Be Vietnam Pro", "Segoe UI", Arial, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #e07b00; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; top: 0; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 8px; z-index: 10; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
header.top { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; justify-content: space-between; padding: 12px 24px; background: var(--accent); color: #fff; }
header.top a, header.top .who { color: #fff; }
.app-title { margin: 0; font-size: 1.3rem; font-weight: 700; }
.subtitle { margin: 0; font-size: .9rem; }
.tools { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
.tools ul { display: flex; gap: 12px; list-style: none; margin: 0; padding: 0; }
.tools [aria-current] { font-weight: 700; text-decoration: none; }
.tools form { margin: 0; }
.tools button { background: #fff; color: var(--accent); border: 0; border-radius: 4px; padding: 6px 12px; font: inherit; cursor: pointer; }
nav.main { padding: 0 24px; border-bottom: 1px solid var(--line); background: var(--bg-alt); }
nav.main ul { display: flex; gap: 24px; list-style: none; margin: 0; padding: 0; }
nav.main a { display: inline-block; padding: 10px 0; font-weight: 600; }
nav.main a[aria-current] { color: var(--ink); text-decoration: none; border-bottom: 3px solid var(--accent); }
main { padding: 16px 24px 32px; max-width: 1400px; }
h1 { font-size: 1.5rem; margin: 8px 0 12px; }
h2 { font-size: 1.2rem; margin: 24px 0 8px; }
.muted, .code { color: var(--muted); }
.code { font-size: .85rem; margin-left: 6px; }
.error { border-left: 5px solid var(--bad); background: #fdeeee; padding: 10px 14px; color: var(--bad); font-weight: 600; }
form.period { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: flex-end; margin: 0 0 16px; padding: 12px; border: 1px solid var(--line); border-radius: 6px; }
form.period fieldset { display: contents; }
form.period legend { font-weight: 700; width: 100%; }
.field { display: flex; flex-direction: column; gap: 2px; }
.field label { font-size: .9rem; font-weight: 600; }
input, select, button { font: inherit; }
input, select { padding: 5px 8px; border: 1px solid #767676; border-radius: 4px; }
button.primary { padding: 6px 16px; background: var(--accent); color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
.hint { font-size: .85rem; color: var(--muted); margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
caption { text-align: left; font-weight: 600; padding: 4px 0 8px; }
th, td { border: 1px solid var(--line); padding: 6px 8px; vertical-align: top; }
thead th { background: var(--bg-alt); text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody th { text-align: left; font-weight: 400; }
tfoot th, tfoot td { font-weight: 700; background: var(--bg-alt); }
th[aria-sort="ascending"] a::after { content: " ▲"; }
th[aria-sort="descending"] a::after { content: " ▼"; }
tr.silent { background: #fdeeee; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: .85rem; font-weight: 700; white-space: nowrap; }
.badge.bad { background: var(--bad); color: #fff; }
.badge.ok { background: #dcefe0; color: #14532d; }
ul.mismatch { margin: 0; padding-left: 18px; color: var(--bad); }
.bar { display: inline-block; vertical-align: middle; width: 160px; height: 12px; background: #e4e7eb; margin-left: 8px; }
.fill { display: block; height: 100%; background: var(--accent); }
.downloads ul { padding-left: 20px; }
form.signin { max-width: 420px; display: flex; flex-direction: column; gap: 12px; }
footer { padding: 12px 24px; border-top: 1px solid var(--line); color: var(--muted); font-size: .85rem; }
.w0 { width: 0%; }
.w5 { width: 5%; }
.w10 { width: 10%; }
.w15 { width: 15%; }
.w20 { width: 20%; }
.w25 { width: 25%; }
.w30 { width: 30%; }
.w35 { width: 35%; }
.w40 { width: 40%; }
.w45 { width: 45%; }
.w50 { width: 50%; }
.w55 { width: 55%; }
.w60 { width: 60%; }
.w65 { width: 65%; }
.w70 { width: 70%; }
.w75 { width: 75%; }
.w80 { width: 80%; }
.w85 { width: 85%; }
.w90 { width: 90%; }
.w95 { width: 95%; }
.w100 { width: 100%; }
`;
