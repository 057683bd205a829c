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
  images: number
  text: string
  csp: string | null
}

let fixture: HistoryFixture
let dir: string
let page: { visit: PageVisit; result: PageData }

/** Half a unit in the last shown place: 2 decimals of a percent, 4 of a coefficient. */
const ROUNDING = 0.5e-4 + 1e-12

beforeAll(async () => {
  fixture = await makeHistoryFixture(6)
  dir = await mkdtemp(path.join(tmpdir(), 'labelgate-dash-site-'))
  const model = buildDashboardModel(
    fixture.history,
    fixture.reports.at(-1)!,
    '2026-12-01T00:00:00Z'
  )
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
    // 2 gated metrics, annotators, class shares, one model metric.
    expect(plots).toHaveLength(5)
    expect(page.result.drawn).toBe(plots.length)
    for (const p of plots) {
      expect(p.canvases).toBeGreaterThan(0)
      expect(p.width).toBeGreaterThan(300)
      expect(p.inked).toBeGreaterThan(1000)
    }
  })

  it('shows the history JSON numbers in the metric tables', () => {
    const records = fixture.history.datasets[0]!.versions
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
    const d = fixture.history.datasets[0]!
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

  it('keeps a hostile annotator id as text', () => {
    expect(page.result.images).toBe(0)
    expect(page.result.text).toContain(HOSTILE_ANNOTATOR)
  })
})
