/** The dashboard's stylesheet (inlined; no web fonts, nothing fetched). */
export const DASHBOARD_CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #fff; --soft: #f6f8fa; --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); background: var(--bg); }
header.page { padding: 16px 24px; border-bottom: 1px solid var(--line); background: var(--soft); }
header.page h1 { margin: 0 0 4px; font-size: 20px; }
header.page p { margin: 0; color: var(--muted); }
nav.datasets { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
nav.datasets a { padding: 2px 10px; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; color: var(--fg); background: var(--bg); }
main { padding: 8px 24px 48px; max-width: 1280px; }
section.dataset { border-top: 2px solid var(--line); margin-top: 24px; padding-top: 8px; }
section.dataset:first-of-type { border-top: none; margin-top: 8px; }
h2 { font-size: 18px; margin: 8px 0; }
h3 { font-size: 15px; margin: 24px 0 8px; }
h4 { font-size: 14px; margin: 16px 0 4px; }
.verdict { font-weight: 600; }
.verdict.pass, .status-pass { color: var(--pass); }
.verdict.fail, .status-fail { color: var(--fail); }
.status-undefined, .status-pre_existing, .sev-warning { color: var(--warn); }
.sev-error { color: var(--fail); }
.muted, .note { color: var(--muted); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px 24px; }
figure.chart { margin: 0; min-width: 0; }
figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
.plot { min-height: 260px; }
table { border-collapse: collapse; font-size: 12.5px; margin: 4px 0 8px; }
th, td { border: 1px solid var(--line); padding: 2px 6px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: var(--soft); }
details { margin: 4px 0 8px; }
summary { cursor: pointer; color: var(--muted); }
.scroll { overflow-x: auto; max-width: 100%; }
table.heatmap td { text-align: right; min-width: 36px; font-variant-numeric: tabular-nums; }
table.heatmap th.corner { font-weight: normal; color: var(--muted); font-size: 11px; }
.h0 { background: #f7fbff; } .h1 { background: #deebf7; } .h2 { background: #c6dbef; } .h3 { background: #9ecae1; }
.h4 { background: #6baed6; } .h5 { background: #4292c6; color: #fff; } .h6 { background: #2171b5; color: #fff; }
.h7 { background: #08519c; color: #fff; } .h8 { background: #08306b; color: #fff; }
.n1 { background: #fde0dd; } .n2 { background: #fa9fb5; } .n3 { background: #dd3497; color: #fff; }
.hnull { background: #fff; color: var(--muted); }
footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
`
