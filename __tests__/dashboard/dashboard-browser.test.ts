/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildDashboardModel } from '../../src/dashboard/dashboard-model.js'
import { renderDashboardPage } from '../../src/render/html/render-dashboard.js'
import { cellNumber, visit, type PageVisit } from './browser.js'
import {
  HOSTILE_ANNOTATOR,
  makeHistoryFixture,
  type HistoryFixture
} from './history-fixture.js'
import type { History } from '../../src/history/types.js'
import type { Report } from '../../src/report/types.js'
import type { SliceReport } from '../../src/slices/slice-report.js'
import { makeSliceReport } from '../helpers/slice-report-fixture.js'

/** What the test reads from the page. */
interface PageData {
  plots: { id: string; canvases: number; width: number; inked: number }[]
  drawn: number
  tables: {
    title: string
    rows: { x: string; commit: string | null; cells: Record<string, string> }[]
  }[]
  heatmaps: Record<string, string[][]>
  correlations: { label: string; model: string; rho: string }[]
  slices: {
    column: string
    values: string
    gaps: { metric: string; cells: Record<string, string> }[]
  }[]
  images: number
  text: string
  csp: string | null
}

let fixture: HistoryFixture
/** The fixture's history and head report with slices added (below). */
let history: History
let head: Report
let dir: string
let page: { visit: PageVisit; result: PageData }

/** Half a unit in the last shown place: 2 decimals of a percent, 4 of a coefficient. */
const ROUNDING = 0.5e-4 + 1e-12

beforeAll(async () => {
  fixture = await makeHistoryFixture(6)
  ;({ history, head } = withSlices(fixture.history, fixture.reports.at(-1)!))
  dir = await mkdtemp(path.join(tmpdir(), 'labelgate-dash-site-'))
  const model = buildDashboardModel(history, head, '2026-12-01T00:00:00Z')
  const file = path.join(dir, 'index.html')
  await writeFile(file, renderDashboardPage(model))
  page = await visit(
    file,
    (p) =>
      p.evaluate(() => {
        const text = (el: Element | null): string => el?.textContent ?? ''
        return {
          plots: [...document.querySelectorAll('.plot')].map((el) => {
            const canvases = [...el.querySelectorAll('canvas')]
            // Pixels drawn (not transparent) on the chart's canvas.
            let inked = 0
            const c = canvases[0]
            if (c) {
              const px = c
                .getContext('2d')!
                .getImageData(0, 0, c.width, c.height).data
              for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) inked++
            }
            return {
              id: el.id,
              canvases: canvases.length,
              width: c?.width ?? 0,
              inked
            }
          }),
          drawn: Number(document.body.getAttribute('data-charts-drawn')),
          tables: [...document.querySelectorAll('table.chart-table')].map(
            (t) => ({
              title: text(t.closest('figure')!.querySelector('figcaption')),
              rows: [...t.querySelectorAll('tbody tr')].map((tr) => ({
                x: tr.getAttribute('data-x')!,
                commit: tr.getAttribute('data-commit'),
                cells: Object.fromEntries(
                  [...tr.querySelectorAll('td[data-series]')].map((td) => [
                    `${td.getAttribute('data-series')}|${td.getAttribute('data-field')}`,
                    text(td)
                  ])
                )
              }))
            })
          ),
          heatmaps: Object.fromEntries(
            [...document.querySelectorAll('table.heatmap')].map((t) => [
              t.getAttribute('data-heatmap')!,
              [...t.querySelectorAll('tbody tr')].map((tr) =>
                [...tr.querySelectorAll('th, td')].map(text)
              )
            ])
          ),
          correlations: [
            ...document.querySelectorAll('table.correlations tbody tr')
          ].map((tr) => ({
            label: tr.getAttribute('data-label')!,
            model: tr.getAttribute('data-model')!,
            rho: text(tr.querySelector('[data-field=rho]'))
          })),
          slices: [...document.querySelectorAll('section.slices')].map(
            (section) => ({
              column: section.getAttribute('data-column')!,
              values: text(section.querySelector('[data-field=values]')),
              gaps: [
                ...section.querySelectorAll('table.slice-gaps tbody tr')
              ].map((tr) => ({
                metric: tr.getAttribute('data-metric')!,
                cells: Object.fromEntries(
                  [...tr.querySelectorAll('td[data-field]')].map((td) => [
                    td.getAttribute('data-field')!,
                    text(td)
                  ])
                )
              }))
            })
          ),
          images: document.querySelectorAll('img').length,
          text: document.body.textContent ?? '',
          csp:
            document
              .querySelector('meta[http-equiv="Content-Security-Policy"]')
              ?.getAttribute('content') ?? null
        }
      }),
    { screenshot: process.env.DASHBOARD_SCREENSHOT }
  )
})

afterAll(async () => {
  await rm(fixture.repo, { recursive: true, force: true })
  await rm(dir, { recursive: true, force: true })
})

describe('the dashboard in headless Chromium, opened from file://', () => {
  it('logs no error and requests nothing', () => {
    expect(page.visit.errors).toEqual([])
    expect(page.visit.requests).toEqual([])
  })

  it('allows no network source and no inline script but its own', () => {
    expect(page.result.csp).toMatch(/^default-src 'none'; script-src 'sha256-/)
    expect(page.result.csp).not.toContain('unsafe-inline')
  })

  it('draws every chart', () => {
    const plots = page.result.plots
    // 2 gated metrics, annotators, class shares, one model metric, and the
    // 2 headline metrics by each of 2 slice columns.
    expect(plots).toHaveLength(9)
    expect(page.result.drawn).toBe(plots.length)
    for (const p of plots) {
      expect(p.canvases).toBeGreaterThan(0)
      expect(p.width).toBeGreaterThan(300)
      expect(p.inked).toBeGreaterThan(1000)
    }
  })

  it('shows the history JSON numbers in the metric tables', () => {
    const records = history.datasets[0]!.versions
    for (const metric of ['krippendorff_alpha', 'accuracy']) {
      const table = page.result.tables.find((t) => t.title === metric)!
      expect(table.rows.map((r) => r.commit)).toEqual(
        records.map((r) => r.commit)
      )
      table.rows.forEach((row, i) => {
        const m = records[i]!.metrics[metric]!
        expect(m.value).not.toBeNull()
        expect(
          Math.abs(cellNumber(row.cells[`${metric}|value`]!)! - m.value!)
        ).toBeLessThanOrEqual(ROUNDING)
        const [low, high] = row.cells[`${metric}|ci`]!.replace(/[[\]]/g, '')
          .split(', ')
          .map(cellNumber)
        expect(Math.abs(low! - m.ci!.low)).toBeLessThanOrEqual(ROUNDING)
        expect(Math.abs(high! - m.ci!.high)).toBeLessThanOrEqual(ROUNDING)
        expect(Number(row.cells[`${metric}|n`])).toBe(m.n_items ?? m.n)
      })
    }
  })

  it('shows every drawn annotator and class share as in the JSON', () => {
    const d = history.datasets[0]!
    const annotators = page.result.tables.find((t) =>
      t.title.startsWith('Annotator accuracy')
    )!
    // Shown minus JSON per annotator and version; null where either is missing.
    const gaps = d.annotators.map((trend) =>
      annotators.rows.map((row, i) => {
        const shown = cellNumber(row.cells[`${trend.annotator}|value`]!)
        const json = trend.by_version[i]?.value ?? null
        return shown === null || json === null
          ? shown === json
          : Math.abs(shown - json) <= ROUNDING
      })
    )
    expect(gaps.flat().every((ok) => ok)).toBe(true)
    // 3 annotators at 6 versions, the hostile one at the last 3.
    const shown = annotators.rows.flatMap((row) =>
      Object.values(row.cells).filter((t) => cellNumber(t) !== null)
    )
    expect(shown).toHaveLength(21)
    const shares = page.result.tables.find((t) =>
      t.title.startsWith('Class shares')
    )!
    shares.rows.forEach((row, i) => {
      for (const [label, share] of Object.entries(
        d.versions[i]!.class_shares
      )) {
        expect(
          Math.abs(cellNumber(row.cells[`${label}|value`]!)! - share)
        ).toBeLessThanOrEqual(ROUNDING)
      }
    })
  })

  it('shows the head report’s confusion counts and pairwise kappas', () => {
    const head = fixture.reports.at(-1)!.datasets[0]!.head
    const confusion = page.result.heatmaps.confusion!
    expect(confusion.map((r) => r[0])).toEqual(head.confusion!.labels)
    expect(confusion.map((r) => r.slice(1).map(Number))).toEqual(
      head.confusion!.matrix
    )
    const pairwise = page.result.heatmaps.pairwise!
    const names = pairwise.map((r) => r[0]!)
    for (const p of head.pairwise) {
      const cell = pairwise[names.indexOf(p.a)]![names.indexOf(p.b) + 1]!
      expect(Math.abs(cellNumber(cell)! - p.kappa!)).toBeLessThanOrEqual(5e-4)
    }
    expect(head.pairwise.length).toBeGreaterThan(3)
  })

  it('gives the rank correlation of label and model metrics', () => {
    // f1 falls by 0.02 every other version, alpha and accuracy fall: rho > 0.
    expect(page.result.correlations.map((c) => c.model)).toEqual(['f1', 'f1'])
    for (const c of page.result.correlations) {
      expect(cellNumber(c.rho)).toBeGreaterThan(0.5)
    }
  })

  it('shows each slice value’s metrics as in the history JSON, from the first version with slices on', () => {
    const records = history.datasets[0]!.versions
    const sliced = records.slice(SLICED_FROM)
    for (const column of ['language', 'source']) {
      for (const metric of ['krippendorff_alpha', 'accuracy']) {
        const table = page.result.tables.find(
          (t) => t.title === `${metric} by ${column}`
        )!
        expect(table.rows.map((r) => r.commit)).toEqual(
          sliced.map((r) => r.commit)
        )
        // Per cell: shown as in the JSON ('—' where the value has no group).
        const cells = table.rows.flatMap((row, i) =>
          Object.entries(row.cells).map(([key, text]) => {
            const [label, field] = key.split('|') as [string, string]
            const value = label === '(empty)' ? '' : label
            const m = sliced[i]!.slices!.groups.find(
              (g) => g.column === column && g.value === value
            )?.metrics[metric]
            if (field === 'n') return text === String(m?.n_items ?? '—')
            const shown = cellNumber(text)
            return m === undefined || m.value === null
              ? shown === null
              : shown !== null && Math.abs(shown - m.value) <= ROUNDING
          })
        )
        expect(cells.every((ok) => ok)).toBe(true)
        const compared = table.rows.flatMap((row) =>
          Object.entries(row.cells).filter(
            ([key, text]) => key.endsWith('|value') && cellNumber(text) !== null
          )
        ).length
        expect(compared).toBeGreaterThan(sliced.length)
      }
    }
  })

  it('draws the values with the most items and says how many were left out', () => {
    const [language, source] = page.result.slices
    expect(language!.column).toBe('language')
    expect(language!.values).toBe(
      '8 of 10 values drawn, those with the most items at the newest version; 2 left out.'
    )
    expect(source!.values).toBe(
      '2 of 2 values drawn, those with the most items at the newest version.'
    )
    const table = page.result.tables.find(
      (t) => t.title === 'accuracy by language'
    )!
    const labels = Object.keys(table.rows[0]!.cells)
      .filter((k) => k.endsWith('|value'))
      .map((k) => k.split('|')[0])
    // The two smallest languages (sv, ar: 5 and 4 items) are left out.
    expect(labels).not.toContain('sv')
    expect(labels).not.toContain('ar')
    expect(labels).toContain('(empty)')
  })

  it('shows the head check’s gap per metric as in the report JSON', () => {
    const gaps = head.datasets[0]!.slices!.gaps
    for (const column of page.result.slices) {
      const own = gaps.filter((g) => g.column === column.column)
      expect(column.gaps.map((g) => g.metric)).toEqual(own.map((g) => g.metric))
      column.gaps.forEach((row, i) => {
        const g = own[i]!
        const near = (text: string | undefined, json: number | null) => {
          const shown = cellNumber(text ?? '—')
          return shown === null || json === null
            ? shown === json
            : Math.abs(shown - json) <= ROUNDING
        }
        expect(near(row.cells.gap, g.gap)).toBe(true)
        expect(
          near(row.cells['worst-estimate'], g.worst?.estimate ?? null)
        ).toBe(true)
        expect(near(row.cells['best-estimate'], g.best?.estimate ?? null)).toBe(
          true
        )
        expect(row.cells['worst-n']).toBe(String(g.worst?.n_items ?? '—'))
        expect(row.cells.groups).toBe(String(g.groups_compared))
        expect(near(row.cells.p, g.p_value ?? null)).toBe(true)
      })
    }
  })

  it('keeps a hostile annotator id and slice value as text', () => {
    expect(page.result.images).toBe(0)
    expect(page.result.text).toContain(HOSTILE_ANNOTATOR)
    expect(page.result.text).toContain(HOSTILE_SLICE)
  })
})

/** Versions from this index on have slices (the config named them from there). */
const SLICED_FROM = 2
const HOSTILE_SLICE = '<img src=y onerror=alert(2)>'

/**
 * The fixture's history and head report with slices as a check would report
 * them (built by hand: no check computes them yet): 10 languages (the empty
 * value among them, the two smallest left out of the charts) and 2 sources
 * (one a hostile string), from version 3 on.
 */
function withSlices(
  base: History,
  report: Report
): { history: History; head: Report } {
  const slices = (version: number): SliceReport =>
    makeSliceReport({
      columns: {
        language: [
          '',
          'en',
          'de',
          'fr',
          'es',
          'it',
          'pt',
          'nl',
          'sv',
          'ar'
        ].map((value, j) => ({ value, items: 40 - 4 * j })),
        source: [
          { value: 'vendor_a', items: 25 },
          { value: HOSTILE_SLICE, items: 15 }
        ]
      },
      metrics: ['krippendorff_alpha', 'accuracy', 'error_rate'],
      version
    })
  const d = base.datasets[0]!
  const versions = d.versions.map((r, k) =>
    k < SLICED_FROM ? r : { ...r, slices: slices(k) }
  )
  return {
    history: { ...base, datasets: [{ ...d, versions }] },
    head: {
      ...report,
      datasets: [
        { ...report.datasets[0]!, slices: slices(versions.length - 1) }
      ]
    }
  }
}
