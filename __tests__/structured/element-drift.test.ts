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
import { parseReport } from '../../src/action/report-schema.js'
import type { Report } from '../../src/report/types.js'
import { git, runCli } from '../helpers/run-cli.js'

jest.setTimeout(60_000)

// Both fixtures below give annotator a, per item, a = 2·matched and
// b = annotated + reference elements of (4, 4) at the base (20 items, F1 1)
// and, in the change, (4, 4) on 10 items and (0, 4) on 10: F1 40/80 = 0.5,
// a drop of exactly 0.5. By hand (Cochran 1977, eq. 6.13): at the base every
// dᵢ = aᵢ − R bᵢ is 0, so v = 0, and the test takes the Agresti–Coull
// standard error of 20 perfect items instead: p̃ = 22/24 = 11/12,
// se² = p̃ (1 − p̃) / 24 = 11/3456. In the change dᵢ = ±2, Σd² = 80, b̄ = 4,
// v = 80 / (20 · 19 · 4²) = 1/76. z = −0.5 / √(1/76 + 11/3456) = −3.9114;
// p = Φ(z) = 4.587862237189129e-05 (scipy.stats.norm.cdf). Annotator b
// goes the other way: 0.5 at the base (the same (4, 4)/(0, 4) mix), 1 in
// the change: a rise, p > 0.5, never flagged.
const Z = -0.5 / Math.sqrt(1 / 76 + 11 / 3456)
const P = 4.587862237189129e-5

const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => from + k)

const config = (type: 'span' | 'box', gate: string) =>
  [
    'version: 1',
    'datasets:',
    '  - name: d',
    `    type: ${type}`,
    type === 'span' ? '    path: data/*.jsonl' : '    path: data/*.json',
    type === 'span'
      ? '    categories: [PER, ORG]'
      : '    categories: [car, person]',
    type === 'span'
      ? '    reference: { path: gold/gold.jsonl }'
      : '    reference: { path: gold/gold.json }',
    '    gates:',
    `      annotator.drift: ${gate}`,
    ''
  ].join('\n')

/** Runs `check --base` with the config `gate` and returns the report. */
async function check(
  repo: string,
  base: string,
  type: 'span' | 'box',
  gate: string
): Promise<{ code: number; report: Report; markdown: string }> {
  writeFileSync(path.join(repo, 'run.yml'), config(type, gate))
  const r = await runCli(repo, [
    'check',
    '--config',
    'run.yml',
    '--base',
    base,
    '--json',
    'out/report.json',
    '--markdown',
    'out/body.md'
  ])
  expect(r.stderr).toBe('')
  const text = readFileSync(path.join(repo, 'out/report.json'), 'utf8')
  const parsed = parseReport(JSON.parse(text))
  expect('report' in parsed).toBe(true)
  return {
    code: r.code,
    report: JSON.parse(text) as Report,
    markdown: readFileSync(path.join(repo, 'out/body.md'), 'utf8')
  }
}

/** The common expectations on the two rows (a fell by 0.5, b rose by 0.5). */
function expectRows(report: Report) {
  const d = report.datasets[0]!
  const [a, b] = d.annotator_drift
  expect(a!.annotator).toBe('a')
  expect(a!.base).toMatchObject({ value: 1, n: 20, n_items: 20, se: 0 })
  expect(a!.changed.value).toBe(0.5)
  expect(a!.changed.n).toBe(20)
  expect(a!.changed.se).toBeCloseTo(Math.sqrt(1 / 76), 14)
  // Head: 20 items (4, 4) + 10 (4, 4) + 10 (0, 4): 120 / 160.
  expect(a!.head.value).toBeCloseTo(0.75, 14)
  expect(a!.head.n).toBe(40)
  expect(a!.drop).toBe(0.5)
  expect(a!.test).toBe('cluster-z')
  expect(a!.z).toBeCloseTo(Z, 12)
  expect(a!.p_value! / P).toBeCloseTo(1, 9)
  expect(a!.flagged).toBe(true)
  expect(a!.kappa_base.value).toBeNull()
  expect(a!.kappa_head.reason).toMatch(/one category per item/)
  expect(b!.annotator).toBe('b')
  expect(b!.base.value).toBe(0.5)
  expect(b!.changed.value).toBe(1)
  expect(b!.drop).toBe(-0.5)
  expect(b!.z).toBeCloseTo(-Z, 12)
  expect(b!.p_value).toBeGreaterThan(0.5)
  expect(b!.flagged).toBe(false)
  // The report's per-annotator accuracy is the same F1.
  expect(d.head.annotators.a!.accuracy.value).toBeCloseTo(0.75, 14)
  return d
}

describe('annotator.drift on a span dataset (Prodigy JSONL in a real git repository)', () => {
  let repo: string
  let base: string
  // Text "ab cd ef": gold spans [0, 2) PER and [3, 5) ORG on every item.
  const task = (item: number, who: string, good: boolean) =>
    JSON.stringify({
      text: 'ab cd ef',
      _input_hash: item,
      _annotator_id: who,
      answer: 'accept',
      spans: good
        ? [
            { start: 0, end: 2, label: 'PER' },
            { start: 3, end: 5, label: 'ORG' }
          ]
        : // Two spans, both wrong: 0 matched of 2 + 2 elements.
          [
            { start: 0, end: 2, label: 'ORG' },
            { start: 6, end: 8, label: 'PER' }
          ]
    })
  const lines = (list: string[]) => list.join('\n') + '\n'

  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-span-drift-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'gold'))
    mkdirSync(path.join(repo, 'out'))
    writeFileSync(path.join(repo, '.gitignore'), 'out/\nrun.yml\n')
    writeFileSync(
      path.join(repo, 'gold/gold.jsonl'),
      // The Prodigy reader asks every task for an annotator, gold included.
      lines(range(0, 40).map((i) => task(i, 'gold', true)))
    )
    writeFileSync(
      path.join(repo, 'data/a.jsonl'),
      lines(range(0, 20).map((i) => task(i, 'a', true)))
    )
    writeFileSync(
      path.join(repo, 'data/b.jsonl'),
      lines(range(0, 20).map((i) => task(i, 'b', i % 2 === 0)))
    )
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    base = git(repo, 'rev-parse', 'HEAD')
    writeFileSync(
      path.join(repo, 'data/a.jsonl'),
      lines([
        ...range(0, 20).map((i) => task(i, 'a', true)),
        ...range(20, 40).map((i) => task(i, 'a', i % 2 === 0))
      ])
    )
    writeFileSync(
      path.join(repo, 'data/b.jsonl'),
      lines([
        ...range(0, 20).map((i) => task(i, 'b', i % 2 === 0)),
        ...range(20, 40).map((i) => task(i, 'b', true))
      ])
    )
    git(repo, 'commit', '-q', '-am', 'head')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('flags the annotator whose span F1 fell, with the item-level test; the gate fails', async () => {
    const r = await check(repo, base, 'span', '{ max_drop: 0.49 }')
    const d = expectRows(r.report)
    expect(r.code).toBe(1)
    const gates = d.gates.filter((g) => g.metric === 'annotator.drift')
    expect(gates.map((g) => [g.annotator, g.status])).toEqual([
      ['a', 'fail'],
      ['b', 'pass']
    ])
    // Numbers and their units are joined by no-break spaces.
    expect(gates[0]!.message!.replace(/\u00a0/g, ' ')).toMatch(
      /^a: strict span F1 100\.0% at the base → 50\.0% in the change \(Δ -50\.0 pp, max drop 49\.0 pp, one-sided item-level z-test p < 0\.001\)/
    )
    expect(r.markdown).toMatch(
      /\(one-sided item-level z-test of strict span F1 in this change against the base\)/
    )
    expect(r.markdown).toMatch(
      /\n\| ⚠️ a \| 100\.0% \(20\) \| 50\.0% \(20\) \|/
    )
  })

  it('a drop of exactly max_drop passes', async () => {
    const r = await check(repo, base, 'span', '{ max_drop: 0.5 }')
    const gates = r.report.datasets[0]!.gates.filter(
      (g) => g.metric === 'annotator.drift'
    )
    expect(gates.map((g) => [g.annotator, g.status])).toEqual([
      ['a', 'pass'],
      ['b', 'pass']
    ])
    expect(r.code).toBe(0)
  })

  it('min_items counts items: exactly 20 is judged, 21 is too few', async () => {
    const judged = await check(
      repo,
      base,
      'span',
      '{ max_drop: 0.1, min_items: 20, significance: 0.05 }'
    )
    const a = judged.report.datasets[0]!.gates.find(
      (g) => g.metric === 'annotator.drift' && g.annotator === 'a'
    )!
    expect(a.status).toBe('fail')
    expect(a.message).toMatch(/significant at 0\.05/)
    const tooFew = await check(
      repo,
      base,
      'span',
      '{ max_drop: 0.1, min_items: 21 }'
    )
    const d = tooFew.report.datasets[0]!
    expect(
      d.gates.filter((g) => g.metric === 'annotator.drift').map((g) => g.status)
    ).toEqual(['too_few_items'])
    // The row's flag follows the drift analysis' default min_items (20)
    // unless the gate sets another.
    expect(d.annotator_drift[0]!.flagged).toBe(false)
    expect(tooFew.code).toBe(0)
  })
})

describe('annotator.drift on a box dataset (COCO files in a real git repository)', () => {
  let repo: string
  let base: string
  // Every image: gold car [0 0 10 10] and person [20 20 10 10]; a bad
  // annotation draws both 100 px away (no match at IoU 0.5).
  const coco = (items: number[], good: (item: number) => boolean) => {
    const names = ['car', 'person']
    let id = 0
    return JSON.stringify({
      images: items.map((k) => ({
        id: k + 1,
        file_name: `img${k}.jpg`,
        width: 640,
        height: 480
      })),
      annotations: items.flatMap((k) => {
        const shift = good(k) ? 0 : 100
        return [
          [1, 0, 0],
          [2, 20, 20]
        ].map(([category, x, y]) => ({
          id: ++id,
          image_id: k + 1,
          category_id: category,
          bbox: [x! + shift, y! + shift, 10, 10],
          iscrowd: 0
        }))
      }),
      categories: names.map((name, k) => ({ id: k + 1, name }))
    })
  }

  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-box-drift-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'gold'))
    mkdirSync(path.join(repo, 'out'))
    writeFileSync(path.join(repo, '.gitignore'), 'out/\nrun.yml\n')
    writeFileSync(
      path.join(repo, 'gold/gold.json'),
      coco(range(0, 40), () => true)
    )
    writeFileSync(
      path.join(repo, 'data/a.json'),
      coco(range(0, 20), () => true)
    )
    writeFileSync(
      path.join(repo, 'data/b.json'),
      coco(range(0, 20), (k) => k % 2 === 0)
    )
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    base = git(repo, 'rev-parse', 'HEAD')
    writeFileSync(
      path.join(repo, 'data/a.json'),
      coco(range(0, 40), (k) => k < 20 || k % 2 === 0)
    )
    writeFileSync(
      path.join(repo, 'data/b.json'),
      coco(range(0, 40), (k) => k >= 20 || k % 2 === 0)
    )
    git(repo, 'commit', '-q', '-am', 'head')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('flags the annotator whose box F1 fell; min_items counts images, not boxes', async () => {
    const r = await check(repo, base, 'box', '{ max_drop: 0.1 }')
    const d = expectRows(r.report)
    expect(r.code).toBe(1)
    expect(
      d.gates
        .filter((g) => g.metric === 'annotator.drift')
        .map((g) => [g.annotator, g.status])
    ).toEqual([
      ['a', 'fail'],
      ['b', 'pass']
    ])
    expect(r.markdown).toMatch(
      /item-level z-test of box F1 at IoU 0\.5 in this change/
    )
    // 20 images hold 80 boxes on both sides: 21 images is too few.
    const tooFew = await check(
      repo,
      base,
      'box',
      '{ max_drop: 0.1, min_items: 21 }'
    )
    expect(
      tooFew.report.datasets[0]!.gates.filter(
        (g) => g.metric === 'annotator.drift'
      ).map((g) => g.status)
    ).toEqual(['too_few_items'])
  })
})
