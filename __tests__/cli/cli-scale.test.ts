import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runCli } from '../helpers/run-cli.js'

// Large taxonomies and large crowds on real files, sized for CI: the results
// are exact and the reports small, which a K×K allocation or an uncapped
// section would not give (20,000² cells is 3.2 GB of float64).

let dir: string
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-scale-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Version {
  metrics: Record<string, { value: number | null }>
  annotators: Record<string, { accuracy: { value: number | null } }>
  pairwise: { a: string; b: string; kappa: number | null }[]
  classes: { label: string }[]
  distribution: Record<string, number>
  confusion: {
    labels: string[]
    matrix: number[][]
    top_cells?: [string, string, number][]
    capped?: Record<string, number>
  } | null
  capped?: Record<string, { total: number; shown: number }>
}

async function check(
  name: string,
  categories: string[] | null,
  rows: string[],
  gold: string[],
  extra: string[] = []
): Promise<{ code: number; version: Version; bytes: number }> {
  const folder = path.join(dir, name)
  const { mkdirSync } = await import('node:fs')
  mkdirSync(folder)
  writeFileSync(
    path.join(folder, 'a.csv'),
    ['item_id,annotator,label', ...rows].join('\n') + '\n'
  )
  writeFileSync(
    path.join(folder, 'gold.csv'),
    ['item_id,label', ...gold].join('\n') + '\n'
  )
  writeFileSync(
    path.join(folder, 'labelgate.yml'),
    [
      'version: 1',
      'datasets:',
      '  - name: d',
      '    path: a.csv',
      ...(categories === null
        ? []
        : [`    categories: [${categories.join(', ')}]`]),
      '    reference: { path: gold.csv }'
    ].join('\n') + '\n'
  )
  const r = await runCli(folder, [
    'check',
    '--config',
    'labelgate.yml',
    '--json',
    'r.json',
    '--quiet',
    ...extra
  ])
  const file = path.join(folder, 'r.json')
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    datasets: { head: Version }[]
  }
  return {
    code: r.code,
    version: report.datasets[0]!.head,
    bytes: statSync(file).size
  }
}

describe('20,000 declared categories, 4 annotations', () => {
  const rows = ['i1,a,c1', 'i1,b,c2', 'i2,a,c3', 'i2,b,c3']
  const gold = ['i1,c1', 'i2,c3']
  const many = Array.from({ length: 20_000 }, (_, k) => `c${k}`)

  it('gives the same agreement as the categories in use, and AC1 with q = 20,000', async () => {
    const big = await check('k20000', many, rows, gold)
    const small = await check('k3', ['c1', 'c2', 'c3'], rows, gold)
    for (const name of [
      'percent_agreement',
      'krippendorff_alpha',
      'cohen_kappa',
      'scott_pi',
      'fleiss_kappa',
      'accuracy',
      'majority_vote_accuracy'
    ])
      expect(big.version.metrics[name]).toEqual(small.version.metrics[name])
    // irrCAC's AC1 by hand: pa = 1/2, π = (1/4, 1/4, 1/2), p_e = Σπ(1 − π)/(q − 1).
    const pe = (0.1875 + 0.1875 + 0.25) / (20_000 - 1)
    expect(big.version.metrics.gwet_ac1!.value).toBeCloseTo(
      (0.5 - pe) / (1 - pe),
      14
    )
    expect(small.version.metrics.gwet_ac1!.value).toBeCloseTo(
      (0.5 - 0.625 / 2) / (1 - 0.625 / 2),
      14
    )
  })

  it('writes a small report: the confusion over the labels in use, capped sections with totals', async () => {
    const big = await check('k20000-report', many, rows, gold)
    expect(big.code).toBe(0)
    // 1,000 class rows and 1,000 labels: about 0.2 MB (the dense matrix: 20,000² cells).
    expect(big.bytes).toBeLessThan(300_000)
    const confusion = big.version.confusion!
    expect(confusion.labels).toEqual(['c1', 'c2', 'c3'])
    expect(confusion.matrix).toEqual([
      [1, 1, 0],
      [0, 0, 0],
      [0, 0, 2]
    ])
    expect(confusion.top_cells).toEqual([['c1', 'c2', 1]])
    expect(confusion.capped).toEqual({
      labels: 20_000,
      labels_shown: 3,
      cells: 3,
      annotations: 4,
      annotations_outside: 0
    })
    expect(big.version.capped!.classes).toMatchObject({
      total: 20_000,
      shown: 1000
    })
    expect(big.version.classes.map((c) => c.label).slice(0, 3)).toEqual([
      'c0',
      'c1',
      'c2'
    ])
    expect(big.version.capped!.distribution).toMatchObject({
      total: 20_000,
      shown: 1000
    })
    expect(big.version.distribution.c3).toBe(2)
  })

  it('keeps the full K×K shape at 50 categories and below', async () => {
    const fifty = Array.from({ length: 50 }, (_, k) => `c${k}`)
    const r = await check('k50', fifty, rows, gold)
    expect(r.version.confusion!.labels).toEqual(fifty)
    expect(r.version.confusion!.matrix).toHaveLength(50)
    expect(r.version.confusion!.matrix[1]![2]).toBe(1)
    expect(r.version.confusion!.capped).toBeUndefined()
    expect(r.version.capped).toBeUndefined()
  })
})

describe('1,100 annotators, 50 of them on the same two items', () => {
  // Items s0, s1: 50 raters each (1,225 pairs). Items u0..u1049: one rater
  // each; the raters of u0..u4 are wrong (accuracy 0).
  const rows: string[] = []
  const gold = ['s0,x', 's1,y']
  for (let a = 0; a < 50; a++)
    rows.push(`s0,p${a},x`, `s1,p${a},${a === 7 ? 'x' : 'y'}`)
  for (let u = 0; u < 1050; u++) {
    gold.push(`u${u},x`)
    rows.push(`u${u},q${u},${u < 5 ? 'y' : 'x'}`)
  }

  it('lists the 1,000 lowest-accuracy annotators and 1,000 lowest-kappa pairs, with totals', async () => {
    const r = await check('crowd', null, rows, gold)
    expect(r.version.capped!.annotators).toMatchObject({
      total: 1100,
      shown: 1000
    })
    expect(r.version.capped!.pairwise).toMatchObject({
      total: 1225,
      shown: 1000
    })
    const ids = Object.keys(r.version.annotators)
    expect(ids).toHaveLength(1000)
    for (const id of ['q0', 'q1', 'q2', 'q3', 'q4', 'p7'])
      expect(ids).toContain(id)
    // The 49 pairs with p7 are the only ones that disagree.
    expect(
      r.version.pairwise.filter((p) => p.a === 'p7' || p.b === 'p7')
    ).toHaveLength(49)
  })

  it('lists everything with --full-report', async () => {
    const r = await check('crowd-full', null, rows, gold, ['--full-report'])
    expect(Object.keys(r.version.annotators)).toHaveLength(1100)
    expect(r.version.pairwise).toHaveLength(1225)
    expect(r.version.capped).toBeUndefined()
  })
})
