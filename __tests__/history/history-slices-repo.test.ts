/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { HISTORY_CSV_COLUMNS } from '../../src/history/history-csv.js'
import type { History } from '../../src/history/types.js'
import type { Report } from '../../src/report/types.js'
import { cellNumber, visit } from '../dashboard/browser.js'
import { git, runCli } from '../helpers/run-cli.js'
import { parseCsv } from '../helpers/slice-report-fixture.js'

jest.setTimeout(180_000)

/**
 * `labelgate history` and `labelgate report --html` on a real repository whose
 * config names `slices` from its second version on: each record's `slices`
 * equals the check's at that commit, the CSV has their rows, the cache gives
 * them back, and the dashboard's slice tables show the JSON's numbers.
 */
const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: toy',
  '    path: data/labels.csv',
  '    categories: [neg, pos]',
  '    reference: { path: gold/gold.csv }',
  '    gates:',
  '      accuracy: { min: 0.5 }',
  ''
].join('\n')
const SLICED = CONFIG.replace(
  '    gates:',
  '    slices: [language, source]\n    gates:'
)

const LANGUAGES = ['en', 'de', 'fr']
const truth = (i: number): string => (i % 2 === 0 ? 'pos' : 'neg')
const flip = (l: string): string => (l === 'pos' ? 'neg' : 'pos')

/** 30 items rated by a, b and c; b errs on `wrong` of the German items. */
function rows(wrong: number): string {
  const out = ['item_id,annotator,label,language,source']
  for (let i = 0; i < 30; i++) {
    const language = LANGUAGES[i % 3]!
    const source = i < 20 ? 'vendor_a' : 'vendor_b'
    const errs = language === 'de' && Math.floor(i / 3) < wrong
    for (const [annotator, label] of [
      ['a', truth(i)],
      ['b', errs ? flip(truth(i)) : truth(i)],
      ['c', i % 7 === 0 ? flip(truth(i)) : truth(i)]
    ] as const) {
      out.push(`i${i},${annotator},${label},${language},${source}`)
    }
  }
  return out.join('\n') + '\n'
}

const GOLD =
  'item_id,label\n' +
  Array.from({ length: 30 }, (_, i) => `i${i},${truth(i)}`).join('\n') +
  '\n'

describe('history and dashboard of quality by slice on a real repository', () => {
  let repo: string
  let work: string
  const shas: string[] = []
  let history: History
  const reports: Report[] = []

  beforeAll(async () => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-slices-'))
    work = mkdtempSync(path.join(os.tmpdir(), 'labelgate-slices-out-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'gold'))
    writeFileSync(path.join(repo, 'gold/gold.csv'), GOLD)
    // Version 1 without slices; 2 adds them to the config; 3 and 4 relabel.
    for (const [v, config, wrong] of [
      [1, CONFIG, 0],
      [2, SLICED, 0],
      [3, SLICED, 3],
      [4, SLICED, 6]
    ] as const) {
      writeFileSync(path.join(repo, 'labelgate.yml'), config)
      writeFileSync(path.join(repo, 'data/labels.csv'), rows(wrong))
      git(repo, 'add', '-A')
      git(repo, 'commit', '-q', '-m', `version ${v}`)
      shas.push(git(repo, 'rev-parse', 'HEAD'))
    }
    for (const sha of shas) {
      const json = path.join(work, `check-${sha}.json`)
      const check = await runCli(repo, [
        'check',
        '--head',
        sha,
        '--json',
        json,
        '--full-report',
        '--quiet'
      ])
      if (check.code === 2) throw new Error(`check failed: ${check.stderr}`)
      reports.push(JSON.parse(readFileSync(json, 'utf8')) as Report)
    }
    const run = await runCli(repo, [
      'history',
      '--json',
      path.join(work, 'history.json'),
      '--csv',
      path.join(work, 'history.csv'),
      '--cache',
      path.join(work, 'cache')
    ])
    if (run.code !== 0 || run.stderr !== '')
      throw new Error(`history failed: ${run.stderr}`)
    history = JSON.parse(
      readFileSync(path.join(work, 'history.json'), 'utf8')
    ) as History
  })

  afterAll(() => {
    rmSync(repo, { recursive: true, force: true })
    rmSync(work, { recursive: true, force: true })
  })

  it('records at each version the slices the check reports at that commit', () => {
    const versions = history.datasets[0]!.versions
    expect(versions.map((v) => v.commit)).toEqual(shas)
    expect(versions[0]!.slices).toBeUndefined()
    versions.forEach((v, k) => {
      expect(v.error).toBeNull()
      expect(v.slices).toEqual(reports[k]!.datasets[0]!.slices)
    })
    const latest = versions[3]!.slices!
    expect(latest.columns).toEqual(['language', 'source'])
    expect(
      latest.groups.filter((g) => g.column === 'language').map((g) => g.value)
    ).toEqual(['de', 'en', 'fr'])
    // b's errors on the German items move German accuracy, not French.
    const accuracy = (k: number, value: string): number | null =>
      versions[k]!.slices!.groups.find(
        (g) => g.column === 'language' && g.value === value
      )!.metrics.accuracy!.value
    expect(accuracy(3, 'de')).toBeLessThan(accuracy(1, 'de')!)
    expect(accuracy(3, 'fr')).toBe(accuracy(1, 'fr'))
  })

  it('writes a CSV row per slice group and metric, and per gap', () => {
    const [header, ...rows] = parseCsv(
      readFileSync(path.join(work, 'history.csv'), 'utf8')
    )
    expect(header).toEqual([...HISTORY_CSV_COLUMNS])
    const col = (name: (typeof HISTORY_CSV_COLUMNS)[number]): number =>
      HISTORY_CSV_COLUMNS.indexOf(name)
    history.datasets[0]!.versions.forEach((v) => {
      const own = rows.filter((r) => r[col('commit')] === v.commit)
      const slice = own.filter((r) => r[col('metric')]!.startsWith('slice.'))
      const gaps = own.filter((r) => r[col('metric')]!.startsWith('slice_gap.'))
      const groups = v.slices?.groups ?? []
      expect(slice).toHaveLength(
        groups.reduce((n, g) => n + Object.keys(g.metrics).length, 0)
      )
      expect(gaps).toHaveLength(v.slices?.gaps.length ?? 0)
      for (const g of groups) {
        const m = g.metrics.accuracy!
        const row = slice.find(
          (r) =>
            r[col('metric')] === 'slice.accuracy' &&
            r[col('slice_column')] === g.column &&
            r[col('slice_value')] === g.value
        )!
        expect(row[col('value')]).toBe(m.value === null ? '' : String(m.value))
      }
    })
  })

  it('gives the slices back from the cache', async () => {
    const out = path.join(work, 'warm.json')
    const warm = await runCli(repo, [
      'history',
      '--json',
      out,
      '--cache',
      path.join(work, 'cache')
    ])
    expect(warm.stdout).toContain('4 versions, 0 checked, 4 from the cache')
    expect((JSON.parse(readFileSync(out, 'utf8')) as History).datasets).toEqual(
      history.datasets
    )
  })

  it('draws the slices on the dashboard with the JSON’s numbers', async () => {
    const site = path.join(work, 'site')
    const run = await runCli(repo, [
      'report',
      '--html',
      site,
      '--history',
      path.join(work, 'history.json')
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const report = JSON.parse(
      readFileSync(path.join(site, 'report.json'), 'utf8')
    ) as Report
    const { visit: seen, result } = await visit(
      path.join(site, 'index.html'),
      (page) =>
        page.evaluate(() =>
          [...document.querySelectorAll('section.slices')].map((s) => ({
            column: s.getAttribute('data-column')!,
            tables: [...s.querySelectorAll('table.chart-table')].map((t) => ({
              title: t.closest('figure')!.querySelector('figcaption')!
                .textContent,
              rows: [...t.querySelectorAll('tbody tr')].map((tr) => ({
                commit: tr.getAttribute('data-commit'),
                cells: Object.fromEntries(
                  [...tr.querySelectorAll('td[data-field=value]')].map((td) => [
                    td.getAttribute('data-series')!,
                    td.textContent ?? ''
                  ])
                )
              }))
            })),
            gaps: [...s.querySelectorAll('table.slice-gaps tbody tr')].map(
              (tr) => ({
                metric: tr.getAttribute('data-metric')!,
                gap: tr.querySelector('[data-field=gap]')!.textContent ?? ''
              })
            )
          }))
        )
    )
    expect(seen.errors).toEqual([])
    expect(seen.requests).toEqual([])
    expect(result.map((s) => s.column)).toEqual(['language', 'source'])
    const versions = history.datasets[0]!.versions
    const language = result[0]!
    const accuracy = language.tables.find(
      (t) => t.title === 'accuracy by language'
    )!
    // From the first version with slices on.
    expect(accuracy.rows.map((r) => r.commit)).toEqual(shas.slice(1))
    accuracy.rows.forEach((row, i) => {
      for (const [value, text] of Object.entries(row.cells)) {
        const json = versions[i + 1]!.slices!.groups.find(
          (g) => g.column === 'language' && g.value === value
        )!.metrics.accuracy!.value!
        expect(Math.abs(cellNumber(text)! - json)).toBeLessThanOrEqual(
          0.5e-4 + 1e-12
        )
      }
    })
    // The gaps are the head check's.
    for (const g of language.gaps) {
      const json = report.datasets[0]!.slices!.gaps.find(
        (x) => x.column === 'language' && x.metric === g.metric
      )!
      const shown = cellNumber(g.gap)
      expect(
        shown === null
          ? json.gap === null
          : Math.abs(shown - json.gap!) <= 0.5e-4 + 1e-12
      ).toBe(true)
    }
  })
})
