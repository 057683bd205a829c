/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { History } from '../../src/history/types.js'
import type { Report } from '../../src/report/types.js'
import { runCli } from '../helpers/run-cli.js'
import { cellNumber, visit } from './browser.js'
import { makeHistoryFixture, type HistoryFixture } from './history-fixture.js'

let fixture: HistoryFixture
let out: string

beforeAll(async () => {
  fixture = await makeHistoryFixture(4)
  out = await mkdtemp(path.join(tmpdir(), 'labelgate-report-'))
})

afterAll(async () => {
  await rm(fixture.repo, { recursive: true, force: true })
  await rm(out, { recursive: true, force: true })
})

describe('labelgate report --html', () => {
  it('computes the history and the head check, and writes a site whose tables show them', async () => {
    const site = path.join(out, 'site')
    const run = await runCli(fixture.repo, [
      'report',
      '--html',
      site,
      '--no-cache'
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/index\.html: 1 dataset, 4 versions, \d+ charts/)
    const history = JSON.parse(
      await readFile(path.join(site, 'history.json'), 'utf8')
    ) as History
    const report = JSON.parse(
      await readFile(path.join(site, 'report.json'), 'utf8')
    ) as Report
    // The head report is the check at the last commit, as check --head gives it.
    expect(report.head).toBe(fixture.commits.at(-1))
    expect(report.datasets[0]!.head.metrics).toEqual(
      fixture.reports.at(-1)!.datasets[0]!.head.metrics
    )
    const records = history.datasets[0]!.versions
    expect(records.map((r) => r.commit)).toEqual(fixture.commits)

    const { visit: seen, result } = await visit(
      path.join(site, 'index.html'),
      (page) =>
        page.evaluate(() =>
          [...document.querySelectorAll('table.chart-table')].map((t) => ({
            title: t.closest('figure')!.querySelector('figcaption')!
              .textContent,
            values: [...t.querySelectorAll('td[data-field=value]')].map(
              (td) => td.textContent ?? ''
            )
          }))
        )
    )
    expect(seen.errors).toEqual([])
    expect(seen.requests).toEqual([])
    const alpha = result.find((t) => t.title === 'krippendorff_alpha')!
    const shown = alpha.values.map(cellNumber)
    const json = records.map((r) => r.metrics.krippendorff_alpha!.value!)
    expect(shown).toHaveLength(4)
    shown.forEach((v, i) =>
      expect(Math.abs(v! - json[i]!)).toBeLessThanOrEqual(0.5e-4 + 1e-12)
    )
  })

  it('draws a history file given with --history', async () => {
    const site = path.join(out, 'from-file')
    const file = path.join(out, 'history.json')
    await writeFile(file, JSON.stringify(fixture.history))
    const run = await runCli(fixture.repo, [
      'report',
      '--html',
      site,
      '--history',
      file
    ])
    expect(run.code).toBe(0)
    const html = await readFile(path.join(site, 'index.html'), 'utf8')
    // The fixture's history has model metrics: the correlation table is there.
    expect(html).toContain('class="correlations"')
  })

  it('exits 2 with one line for a file that is not a history, writing nothing', async () => {
    const site = path.join(out, 'never')
    const file = path.join(out, 'report-not-history.json')
    await writeFile(file, JSON.stringify(fixture.reports[0]))
    const run = await runCli(fixture.repo, [
      'report',
      '--html',
      site,
      '--history',
      file
    ])
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain('is not a labelgate history')
    await expect(readFile(path.join(site, 'index.html'))).rejects.toThrow()
  })

  it('needs --html and rejects options of other commands', async () => {
    const none = await runCli(fixture.repo, ['report'])
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/report needs --html DIR/)
    const foreign = await runCli(fixture.repo, [
      'report',
      '--html',
      out,
      '--base',
      'HEAD~1'
    ])
    expect(foreign.code).toBe(2)
    expect(foreign.stderr).toMatch(/--base is not an option of report/)
    const misplaced = await runCli(fixture.repo, ['check', '--html', out])
    expect(misplaced.code).toBe(2)
    expect(misplaced.stderr).toMatch(/--html is an option of report/)
  })
})
