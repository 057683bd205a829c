import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  directReport,
  fileCase,
  shardReport,
  writeCase,
  writeShards,
  type ShardCase
} from './shard-helpers.js'

/**
 * The shard-merge path against the direct one: for every fixture, the
 * datasets of the check of 1, 2 and 5 merged parts equal (JSON, so every
 * metric value to the last bit) those of the check of the files.
 */
const repo = process.cwd()
const fixture = (p: string) => path.join(repo, p)

interface Established {
  name: string
  level: string
  categories?: string[]
  rows?: string[][]
  reference?: string[][]
}

function establishedCases(): ShardCase[] {
  const cases: ShardCase[] = []
  const dir = fixture('__fixtures__/metrics/established')
  for (const file of [
    'fleiss-complete',
    'gold',
    'many-missing',
    'ordinal-5',
    'two-complete'
  ]) {
    const f = JSON.parse(
      readFileSync(path.join(dir, `${file}.json`), 'utf8')
    ) as Established
    const options = {
      level: f.level,
      reference: f.reference,
      gates:
        '      krippendorff_alpha: { min: 0.3 }\n      cohen_kappa_quadratic: { min: 0.2 }'
    }
    cases.push(
      writeCase(`${file}-declared`, f.rows!, {
        ...options,
        categories: f.categories
      })
    )
    if (f.level === 'nominal')
      cases.push(writeCase(`${file}-used`, f.rows!, options))
  }
  const irr = JSON.parse(
    readFileSync(fixture('__fixtures__/metrics/irrcac/intervals.json'), 'utf8')
  ) as { cases: Established[] }
  for (const c of irr.cases)
    cases.push(
      writeCase(c.name.replace(/[^a-z0-9]+/gi, '-'), c.rows!, {
        level: c.level,
        categories: c.categories
      })
    )
  return cases
}

function dataCases(): ShardCase[] {
  const data = (name: string, file: string) =>
    fixture(`__fixtures__/data/${name}/${file}`)
  return [
    fileCase(
      'bluebirds',
      data('bluebirds', 'annotations.csv'),
      data('bluebirds', 'gold.csv')
    ),
    fileCase(
      'snow_rte',
      data('snow_rte', 'annotations.csv'),
      data('snow_rte', 'gold.csv')
    ),
    fileCase(
      'zheng_possent',
      data('zheng_possent', 'annotations.csv'),
      data('zheng_possent', 'gold.csv')
    ),
    fileCase(
      'zheng_product',
      data('zheng_product', 'annotations.csv'),
      data('zheng_product', 'gold.csv')
    ),
    fileCase(
      'zheng_relevance',
      data('zheng_relevance', 'annotations_dedup.csv'),
      data('zheng_relevance', 'gold.csv')
    ),
    // Ordered and numeric levels: weighted kappas, ordinal and interval alpha.
    fileCase(
      'relevance_ordinal',
      data('zheng_relevance', 'annotations_dedup.csv'),
      data('zheng_relevance', 'gold.csv'),
      { level: 'ordinal', categories: ['0', '1', '2', '3'] }
    ),
    fileCase(
      'relevance_interval',
      data('zheng_relevance', 'annotations_dedup.csv'),
      null,
      { level: 'interval' }
    )
  ]
}

async function expectSameReports(c: ShardCase, parts: number[]) {
  const direct = await directReport(c)
  for (const n of parts) {
    const files = await writeShards(c, n)
    const merged = await shardReport(c, files)
    expect({ parts: n, datasets: merged.report.datasets }).toEqual({
      parts: n,
      datasets: direct.report.datasets
    })
    const [first] = merged.report.datasets as {
      head: { counts: { annotations: number } }
    }[]
    expect(first!.head.counts.annotations).toBeGreaterThan(0)
    expect(merged.code).toBe(direct.code)
    expect(merged.report.passed).toBe(direct.report.passed)
  }
}

describe('check --stats equals check on the files', () => {
  it('on the demo config (RTE crowd labels against the expert gold)', async () => {
    await expectSameReports(
      {
        name: 'demo',
        cwd: repo,
        config: 'examples/labelgate.yml',
        out: mkdtempSync(path.join(tmpdir(), 'labelgate-shards-'))
      },
      [0, 3]
    )
  }, 60_000)

  it.each(establishedCases().map((c) => [c.name, c] as const))(
    'on the metric fixture %s, in 1, 2 and 5 parts',
    async (_name, c) => {
      await expectSameReports(c, [0, 2, 5])
    },
    60_000
  )

  it.each(dataCases().map((c) => [c.name, c] as const))(
    'on the shared dataset %s, in 1, 2 and 5 parts',
    async (_name, c) => {
      await expectSameReports(c, [0, 4])
    },
    120_000
  )
})
