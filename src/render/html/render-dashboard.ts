import { createHash } from 'node:crypto'
import type {
  DashboardModel,
  DatasetView,
  Heatmap,
  LineChart,
  ModelView,
  SliceView
} from '../../dashboard/dashboard-model.js'
import type { SliceGap } from '../../slices/slice-report.js'
import { EMPTY_SLICE_LABEL } from '../../dashboard/slice-view.js'
import {
  formatCoefficient,
  formatMetricValue,
  formatPercent,
  isPercentMetric,
  MISSING
} from '../shared/format-number.js'
import { shortRef } from '../shared/short-ref.js'
import { DASHBOARD_CLIENT_JS } from './dashboard-client.js'
import { DASHBOARD_CSS } from './dashboard-style.js'
import { escapeHtml as e, jsonForScript } from './escape-html.js'
import {
  UPLOT_CSS,
  UPLOT_JS,
  UPLOT_LICENSE,
  UPLOT_VERSION
} from './vendor/uplot-assets.js'

/**
 * The dashboard as one self-contained page: uPlot, the page's script, the
 * stylesheet and the numbers are all inline, nothing is fetched (the Content
 * Security Policy allows no network source at all), so it opens from file://
 * and from any static host. Every chart has its numbers in a table beside it;
 * the heatmaps are tables. Pure: the caller writes the text.
 */
export function renderDashboardPage(model: DashboardModel): string {
  const charts = model.datasets.flatMap(allCharts)
  const style = `${UPLOT_CSS}\n${DASHBOARD_CSS}`
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(UPLOT_JS)} ${sha256(DASHBOARD_CLIENT_JS)}`,
    `style-src ${sha256(style)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'"
  ].join('; ')
  const title = `labelgate: label quality of ${shortRef(model.ref)}`
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${e(title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    header(model),
    '<main>',
    ...model.datasets.map((d, i) => datasetSection(d, i)),
    footer(model),
    '</main>',
    `<script type="application/json" id="dashboard-data">${jsonForScript({ charts })}</script>`,
    `<script>${UPLOT_JS}</script>`,
    `<script>${DASHBOARD_CLIENT_JS}</script>`,
    '</body>',
    '</html>',
    ''
  ].join('\n')
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

function allCharts(d: DatasetView): LineChart[] {
  return [
    ...d.metricCharts,
    ...(d.annotatorChart ? [d.annotatorChart] : []),
    ...(d.annotatorWeekChart ? [d.annotatorWeekChart] : []),
    ...(d.classChart ? [d.classChart] : []),
    ...(d.slices?.columns.flatMap((c) => c.charts) ?? []),
    ...(d.model?.charts ?? [])
  ]
}

function header(model: DashboardModel): string {
  const links = model.datasets
    .map(
      (d, i) =>
        `<a href="#dataset-${i}">${e(d.name)} ${verdictMark(d.passed)}</a>`
    )
    .join('')
  return [
    '<header class="page">',
    `<h1>Label quality: ${e(shortRef(model.ref))}</h1>`,
    `<p>History of ${e(shortRef(model.ref))}; checks at ${e(shortRef(model.head))}. Generated ${e(model.generated)} by labelgate ${e(model.version)}.</p>`,
    `<nav class="datasets" aria-label="Datasets">${links}</nav>`,
    '</header>'
  ].join('\n')
}

function verdictMark(passed: boolean | null): string {
  if (passed === null) return ''
  return passed
    ? '<span class="verdict pass">✓ passed</span>'
    : '<span class="verdict fail">✗ failed</span>'
}

function datasetSection(d: DatasetView, index: number): string {
  const counts = d.counts
    ? `${d.counts.items} items, ${d.counts.annotators} annotators, ${d.counts.annotations} annotations, ${d.counts.reference_items} reference items at head.`
    : ''
  const span =
    d.versions.length > 0
      ? `${d.versions.length} version${d.versions.length === 1 ? '' : 's'} from ${e(day(d.versions[0]!.date))} to ${e(day(d.versions.at(-1)!.date))}.`
      : 'No version in the history.'
  return [
    `<section class="dataset" id="dataset-${index}" data-dataset="${e(d.name)}">`,
    `<h2>${e(d.name)} ${verdictMark(d.passed)}</h2>`,
    `<p class="muted">${counts} ${span}</p>`,
    gatesTable(d),
    '<h3>Gated metrics over time</h3>',
    metricsNote(d),
    d.metricCharts.length > 0
      ? `<div class="grid">${d.metricCharts.map((c) => figure(c, d)).join('\n')}</div>`
      : '',
    ...(d.slices ? ['<h3>Slices</h3>', slices(d.slices, d)] : []),
    '<h3>Annotators</h3>',
    annotatorSection(d),
    '<h3>Class shares over time</h3>',
    d.classChart
      ? figure(d.classChart, d)
      : '<p class="muted">No annotations recorded.</p>',
    '<h3>Confusion matrix and pairwise agreement at head</h3>',
    `<div class="grid">${heatmap(d.confusion, noConfusion(d.type))}${heatmap(d.pairwise, 'No annotator pair shares two items at head.')}</div>`,
    '<h3>Most disputed items</h3>',
    disputed(d),
    '<h3>Latest problems</h3>',
    problems(d),
    ...(d.model
      ? ['<h3>Label quality against model quality</h3>', model(d.model, d)]
      : []),
    '</section>'
  ].join('\n')
}

/** Why there is no confusion matrix: no reference labels, or a type without one. */
function noConfusion(type: DatasetView['type']): string {
  if (type === 'category')
    return 'No reference labels at head: no confusion matrix.'
  const figures = type === 'multi_label' ? 'per-label' : 'per-class'
  return `A ${type} dataset has no confusion matrix: its ${figures} figures against the reference are in the JSON report.`
}

/** Says why the charted metrics were chosen when no gate chose them. */
function metricsNote(d: DatasetView): string {
  const names = d.metricCharts.map((c) => c.metric).join(' and ')
  switch (d.metricSource) {
    case 'gates':
      return ''
    case 'defaults':
      return `<p class="muted" data-field="metric-source">No gate names a dataset metric: the ${e(d.type)} defaults, ${e(names)}.</p>`
    case 'fallback':
      return `<p class="muted" data-field="metric-source">No gate names a dataset metric and the ${e(d.type)} defaults were not recorded: ${e(names)}, the first ${e(d.type)} metric recorded.</p>`
    case 'none':
      return `<p class="muted" data-field="metric-source">No dataset metric is gated and the history records no ${e(d.type)} metric: no chart.</p>`
  }
}

function day(iso: string): string {
  return iso.slice(0, 10)
}

function gatesTable(d: DatasetView): string {
  if (d.gates.length === 0) return '<p class="muted">No gate in the config.</p>'
  const rows = d.gates.map(
    (g) =>
      `<tr><td>${e(g.metric)}${g.annotator !== undefined ? ` (${e(g.annotator)})` : ''}</td><td>${e(g.bound)}</td><td class="num">${e(String(g.threshold))}</td><td class="num">${e(formatMetricValue(g.metric, g.value, 1))}</td><td class="status-${e(g.status)}">${e(g.status)}</td></tr>`
  )
  return [
    '<details open><summary>Gates at head</summary>',
    '<div class="scroll"><table class="gates"><thead><tr><th>metric</th><th>bound</th><th class="num">threshold</th><th class="num">value</th><th>status</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table></div></details>'
  ].join('\n')
}

/** A chart and, under it, the same numbers as a table. */
function figure(chart: LineChart, d: DatasetView): string {
  const note = chart.thresholds.length
    ? ` Dashed red line${chart.thresholds.length > 1 ? 's' : ''}: the gate's bound (${chart.thresholds.map((t) => e(t.label)).join(', ')}).`
    : ''
  // Only when some point has an interval: a metric recorded without one
  // (the structured types' agreement) draws no band.
  const band = chart.series.some((s) => s.low?.some((v) => v !== null))
    ? ' Shaded: the 95% interval.'
    : ''
  return [
    '<figure class="chart">',
    `<figcaption>${e(chart.title)}</figcaption>`,
    `<div class="plot" id="${chart.id}" role="img" aria-label="${e(`Line chart: ${chart.title}. The table below has every value.`)}"></div>`,
    `<p class="note">${e(`${chart.series.length} line${chart.series.length === 1 ? '' : 's'} over ${chart.x.length} ${chart.xTitle === 'week' ? 'weeks' : 'versions'}.`)}${note}${band}</p>`,
    `<details><summary>Table</summary>${chartTable(chart, d)}</details>`,
    '</figure>'
  ].join('\n')
}

function chartTable(chart: LineChart, d: DatasetView): string {
  const value = (v: number | null | undefined, axis?: string): string =>
    axis === 'y2'
      ? formatCoefficient(v, 4)
      : chart.percent
        ? formatPercent(v, 2)
        : formatCoefficient(v, 4)
  const head: string[] = [
    '<th class="num">#</th>',
    `<th>${chart.xTitle}</th>`,
    ...(chart.xTitle === 'commit' ? ['<th>date</th>'] : [])
  ]
  for (const s of chart.series) {
    head.push(`<th class="num">${e(s.label)}</th>`)
    if (s.low) head.push('<th class="num">95% interval</th>')
    if (s.n) head.push('<th class="num">n</th>')
    if (s.status) head.push('<th>gate</th>')
  }
  const rows = chart.x.map((x, i) => {
    const version =
      chart.xTitle === 'commit'
        ? d.versions[chart.versions?.[i] ?? i]
        : undefined
    const cells = [
      `<td class="num">${i + 1}</td>`,
      version
        ? `<td title="${e(version.subject)} (${e(version.author)})"><code>${e(x)}</code></td><td>${e(day(version.date))}</td>`
        : `<td>${e(x)}</td>`
    ]
    for (const s of chart.series) {
      const label = e(s.label)
      cells.push(
        `<td class="num" data-series="${label}" data-field="value">${value(s.values[i], s.axis)}</td>`
      )
      if (s.low) {
        const low = s.low[i]
        const high = s.high?.[i]
        cells.push(
          low === null ||
            low === undefined ||
            high === null ||
            high === undefined
            ? `<td class="num">${MISSING}</td>`
            : `<td class="num" data-series="${label}" data-field="ci">[${value(low)}, ${value(high)}]</td>`
        )
      }
      if (s.n) {
        const n = s.n[i]
        cells.push(
          `<td class="num" data-series="${label}" data-field="n">${n === null || n === undefined ? MISSING : n}</td>`
        )
      }
      if (s.status) {
        const status = s.status[i]
        cells.push(
          status
            ? `<td class="status-${e(status)}">${e(status)}</td>`
            : `<td class="muted">${MISSING}</td>`
        )
      }
    }
    const commit = version ? ` data-commit="${e(version.commit)}"` : ''
    return `<tr data-x="${e(x)}"${commit}>${cells.join('')}</tr>`
  })
  return `<div class="scroll"><table class="chart-table" data-chart="${chart.id}"><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`
}

/**
 * Quality by slice: per metadata column, the charts (a line per value) and
 * the latest gap of each metric between its worst and best value.
 */
function slices(view: SliceView, d: DatasetView): string {
  const at =
    view.gapsAt.source === 'head'
      ? 'at head'
      : `at ${shortRef(view.gapsAt.commit)}, the newest version with slices`
  return view.columns
    .map((c) => {
      const left = c.valuesTotal - c.drawn.length
      const drawn =
        c.valuesTotal === 0
          ? 'No version in the history has slices by this column yet.'
          : `${c.drawn.length} of ${c.valuesTotal} value${c.valuesTotal === 1 ? '' : 's'} drawn, those with the most items at the newest version${left > 0 ? `; ${left} left out` : ''}.`
      return [
        `<section class="slices" data-column="${e(c.column)}">`,
        `<h4>By ${e(c.column)}</h4>`,
        `<p class="muted" data-field="values">${e(drawn)}</p>`,
        c.charts.length > 0
          ? `<div class="grid">${c.charts.map((chart) => figure(chart, d)).join('\n')}</div>`
          : '',
        sliceGaps(c.gaps, at),
        '</section>'
      ].join('\n')
    })
    .join('\n')
}

function sliceGaps(gaps: readonly SliceGap[], at: string): string {
  if (gaps.length === 0)
    return `<p class="muted">No gap ${e(at)} (no metric compared).</p>`
  const label = (v: string): string => e(v === '' ? EMPTY_SLICE_LABEL : v)
  const rows = gaps.map((g) => {
    const value = (v: number | null | undefined): string =>
      isPercentMetric(g.metric) ? formatPercent(v, 2) : formatCoefficient(v, 4)
    const note = g.significant
      ? '<strong class="status-fail">significant</strong>'
      : e(g.reason ?? '')
    return [
      `<tr data-metric="${e(g.metric)}">`,
      `<td>${e(g.metric)}</td>`,
      `<td data-field="worst">${g.worst ? label(g.worst.value) : MISSING}</td>`,
      `<td class="num" data-field="worst-estimate">${value(g.worst?.estimate)}</td>`,
      `<td class="num" data-field="worst-n">${g.worst?.n_items ?? MISSING}</td>`,
      `<td data-field="best">${g.best ? label(g.best.value) : MISSING}</td>`,
      `<td class="num" data-field="best-estimate">${value(g.best?.estimate)}</td>`,
      `<td class="num" data-field="best-n">${g.best?.n_items ?? MISSING}</td>`,
      `<td class="num" data-field="gap">${value(g.gap)}</td>`,
      g.ci
        ? `<td class="num" data-field="ci">[${value(g.ci.low)}, ${value(g.ci.high)}]</td>`
        : `<td class="num">${MISSING}</td>`,
      `<td class="num" data-field="p">${g.p_value === null || g.p_value === undefined ? MISSING : formatCoefficient(g.p_value, 4)}</td>`,
      `<td class="num" data-field="groups">${g.groups_compared}</td>`,
      `<td>${note}</td>`,
      '</tr>'
    ].join('')
  })
  return [
    `<p class="muted">Gap ${e(at)}: the best value's estimate minus the worst's (a distance), among the values with enough items.</p>`,
    '<div class="scroll"><table class="slice-gaps"><thead><tr><th>metric</th><th>worst</th><th class="num">estimate</th><th class="num">items</th><th>best</th><th class="num">estimate</th><th class="num">items</th><th class="num">gap</th><th class="num">interval</th><th class="num">p</th><th class="num">values compared</th><th></th></tr></thead><tbody>',
    ...rows,
    '</tbody></table></div>'
  ].join('\n')
}

function annotatorSection(d: DatasetView): string {
  const parts: string[] = []
  if (d.annotatorChart) parts.push(figure(d.annotatorChart, d))
  else
    parts.push(
      '<p class="muted">No annotator accuracy over time (no reference items).</p>'
    )
  if (d.annotatorWeekChart) parts.push(figure(d.annotatorWeekChart, d))
  if (d.annotatorRows.length > 0) {
    const rows = d.annotatorRows.map((r) => {
      const decline = r.decline
      return `<tr data-annotator="${e(r.annotator)}"><td>${e(r.annotator)}</td><td class="num">${formatPercent(r.first, 2)}</td><td class="num">${formatPercent(r.last, 2)}</td><td class="num">${r.n ?? MISSING}</td><td class="num">${decline && decline.p_value !== null ? formatCoefficient(decline.p_value, 4) : MISSING}</td><td>${decline?.significant ? '<strong class="status-fail">fell significantly</strong>' : ''}</td></tr>`
    })
    parts.push(
      [
        `<details><summary>Every annotator (${d.annotatorRows.length}${d.annotatorsTotal > d.annotatorRows.length ? ` of ${d.annotatorsTotal}` : ''}), falling first</summary>`,
        '<div class="scroll"><table class="annotators"><thead><tr><th>annotator</th><th class="num">first accuracy</th><th class="num">last accuracy</th><th class="num">n (last)</th><th class="num">p (fall)</th><th></th></tr></thead><tbody>',
        ...rows,
        '</tbody></table></div></details>'
      ].join('\n')
    )
  }
  return parts.join('\n')
}

/** A heatmap as a table: every cell shows its number, the shade is a class (no inline style). */
function heatmap(map: Heatmap | null, empty: string): string {
  if (map === null) return `<div><p class="muted">${e(empty)}</p></div>`
  const rowSums = map.cells.map((row) =>
    row.reduce<number>((s, v) => s + (v ?? 0), 0)
  )
  const cell = (v: number | null, r: number): string => {
    if (v === null) return `<td class="hnull">${MISSING}</td>`
    if (map.scale === 'row-share') {
      const share = rowSums[r]! > 0 ? v / rowSums[r]! : 0
      return `<td class="h${Math.min(8, Math.floor(share * 9))}" title="${formatPercent(share, 1)} of the row">${v}</td>`
    }
    const shade =
      v < 0
        ? `n${Math.min(3, 1 + Math.floor(-v * 3))}`
        : `h${Math.min(8, Math.floor(v * 9))}`
    return `<td class="${shade}">${formatCoefficient(v, 3)}</td>`
  }
  return [
    '<figure class="chart">',
    `<figcaption>${e(map.title)}</figcaption>`,
    `<div class="scroll"><table class="heatmap" data-heatmap="${map.scale === 'row-share' ? 'confusion' : 'pairwise'}">`,
    `<thead><tr><th class="corner">${e(map.rowLabel)} ↓ / ${e(map.columnLabel)} →</th>${map.columns.map((c) => `<th>${e(c)}</th>`).join('')}</tr></thead><tbody>`,
    ...map.rows.map(
      (r, i) =>
        `<tr><th>${e(r)}</th>${map.cells[i]!.map((v) => cell(v, i)).join('')}</tr>`
    ),
    '</tbody></table></div>',
    map.note ? `<p class="note">${e(map.note)}</p>` : '',
    '</figure>'
  ].join('\n')
}

function disputed(d: DatasetView): string {
  if (!d.disputed.configured) {
    return '<p class="muted">The dataset has no <code>adjudication</code> section in the config, so no item is queued for a decision.</p>'
  }
  if (d.disputed.rows.length === 0)
    return '<p class="muted">No item is queued for adjudication.</p>'
  const rows = d.disputed.rows.map(
    (r) =>
      `<tr><td>${e(r.item)}</td><td>${e(r.reasons.join(', '))}</td><td>${r.majority === null ? '<em>tie</em>' : e(r.majority)}</td><td class="num">${formatPercent(r.majority_share, 1)}</td><td>${r.reference === null ? MISSING : e(r.reference)}</td><td>${e(
        Object.entries(r.labels)
          .map(([a, l]) => `${a}: ${l}`)
          .join('; ')
      )}</td></tr>`
  )
  return [
    `<p class="muted">${d.disputed.rows.length} of ${d.disputed.total} queued items, the least agreed first.</p>`,
    '<div class="scroll"><table class="disputed"><thead><tr><th>item</th><th>reasons</th><th>plurality</th><th class="num">share</th><th>reference</th><th>labels</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table></div>'
  ].join('\n')
}

function problems(d: DatasetView): string {
  if (d.problems.total === 0)
    return '<p class="muted">No data problem at head.</p>'
  const rows = d.problems.rows.map((p) => {
    // An error already at the base of the change does not fail: shown apart.
    const severity =
      p.pre_existing === true
        ? '<td class="sev-warning">error, already at the base</td>'
        : `<td class="sev-${e(p.severity)}">${e(p.severity)}</td>`
    return `<tr>${severity}<td><code>${e(p.file)}:${p.line}</code></td><td>${e(p.message)}</td></tr>`
  })
  return [
    `<p class="muted">${d.problems.rows.length} of ${d.problems.total}, worst first.</p>`,
    '<div class="scroll"><table class="problems"><thead><tr><th>severity</th><th>where</th><th>problem</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table></div>'
  ].join('\n')
}

function model(view: ModelView, d: DatasetView): string {
  const rows = view.correlations.map(
    (c) =>
      `<tr data-label="${e(c.label)}" data-model="${e(c.model)}"><td>${e(c.label)}</td><td>${e(c.model)}</td><td class="num" data-field="rho">${c.result.rho === null ? MISSING : formatCoefficient(c.result.rho, 3)}</td><td class="num">${c.result.n}</td><td class="muted">${e(c.result.reason ?? '')}</td></tr>`
  )
  const stale = view.stale.filter(Boolean).length
  return [
    `<p class="muted">Spearman's rank correlation over the versions where both are defined. ${stale > 0 ? `At ${stale} version${stale === 1 ? '' : 's'} the model metrics file is older than the labels (the model was not yet evaluated on them).` : ''}</p>`,
    '<div class="scroll"><table class="correlations"><thead><tr><th>label metric</th><th>model metric</th><th class="num">rank correlation ρ</th><th class="num">versions</th><th></th></tr></thead><tbody>',
    ...rows,
    '</tbody></table></div>',
    `<div class="grid">${view.charts.map((c) => figure(c, d)).join('\n')}</div>`
  ].join('\n')
}

function footer(model: DashboardModel): string {
  return [
    '<footer>',
    `<p>labelgate ${e(model.version)}. Numbers are the JSON history's and report's; every chart has a table under it. Charts drawn with uPlot ${e(UPLOT_VERSION)}.</p>`,
    `<details><summary>uPlot licence</summary><pre>${UPLOT_LICENSE.split('\n').map(e).join('\n')}</pre></details>`,
    '</footer>'
  ].join('\n')
}
