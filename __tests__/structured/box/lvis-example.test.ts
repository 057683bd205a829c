import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseReport } from '../../../src/action/report-schema.js'
import type { Report } from '../../../src/report/types.js'
import { shortMetricLabel } from '../../../src/render/shared/metric-labels.js'
import { git, runCli } from '../../helpers/run-cli.js'

jest.setTimeout(60_000)

// examples/boxes: 200 COCO val2017 images that LVIS annotated twice (rounds
// r1 and r2, one COCO file, `rater_id` on each box), no reference. The
// expected values come from script/fixtures/boxes/lvis_example.py, which
// matches the boxes with scipy.optimize.linear_sum_assignment on its own.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const CONFIG = 'examples/boxes/labelgate.yml'
const DATA = 'examples/boxes/data/lvis-double.json'

interface Fixture {
  data: string
  data_sha256: string
  min_agreement: number
  expected: {
    items: number
    annotators: number
    annotations: number
    elements: number
    pairwise_box_f1_50: number
    pairwise_box_f1_50_95: number
    pairwise_box_mean_iou: number
    queued_below_min_agreement: { item: string; agreement: number }[]
    at_min_agreement: string[]
  }
}
const fixture = JSON.parse(
  readFileSync(
    path.join(ROOT, '__fixtures__/metrics/boxes/lvis-example.json'),
    'utf8'
  )
) as Fixture
const want = fixture.expected
const METRICS = [
  'pairwise_box_f1_50',
  'pairwise_box_f1_50_95',
  'pairwise_box_mean_iou'
] as const

describe('the LVIS box example (npm run demo:boxes) against an independent computation', () => {
  let repo: string
  let run: { code: number; stdout: string; stderr: string }
  let report: Report
  beforeAll(async () => {
    // The example's two files, at the same paths, in a fresh repository: the
    // demo's config names repository paths.
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-lvis-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'examples/boxes/data'), { recursive: true })
    for (const f of [CONFIG, DATA])
      copyFileSync(path.join(ROOT, f), path.join(repo, f))
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'lvis example')
    run = await runCli(repo, [
      'check',
      '--config',
      CONFIG,
      '--json',
      'report.json',
      '--adjudication',
      'out/adjudication.csv'
    ])
    // Through the report's schema, as the action reads it back.
    const parsed = parseReport(
      JSON.parse(readFileSync(path.join(repo, 'report.json'), 'utf8'))
    )
    if (!('report' in parsed)) throw new Error(parsed.error)
    report = parsed.report
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('pins the fixture to the shipped data', () => {
    expect(fixture.data).toBe(DATA)
    const bytes = readFileSync(path.join(ROOT, DATA))
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      fixture.data_sha256
    )
  })

  it('reads every image of both rounds without a problem', () => {
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const d = report.datasets[0]!
    expect(d.type).toBe('box')
    expect(d.problems).toEqual([])
    expect(d.head.counts).toMatchObject({
      items: want.items,
      annotators: want.annotators,
      annotations: want.annotations,
      reference_items: 0,
      elements: want.elements
    })
  })

  it('reports the agreement SciPy computes, in the JSON and on the terminal', () => {
    const metrics = report.datasets[0]!.head.metrics
    for (const name of METRICS) {
      expect(metrics[name]!.value).toBeCloseTo(want[name], 12)
      expect(metrics[name]!.n_items).toBe(want.items)
      // The terminal table prints three decimals: `label  in config  value  n`.
      const label = shortMetricLabel(name).replace(/[().:]/g, '\\$&')
      const printed = new RegExp(
        `^\\s+${label}\\s+${name}\\s+${want[name].toFixed(3)}\\s+${want.items}$`,
        'm'
      )
      expect(run.stdout).toMatch(printed)
    }
    // No reference in the example: the reference metrics say why they are empty.
    expect(metrics.box_f1_50!.value).toBeNull()
  })

  it('queues exactly the images whose agreement is below min_agreement', () => {
    const queue = report.datasets[0]!.adjudication!
    expect(queue.rows.map((r) => r.item).sort()).toEqual(
      want.queued_below_min_agreement.map((q) => q.item).sort()
    )
    const agreement = new Map(queue.rows.map((r) => [r.item, r.agreement]))
    for (const q of want.queued_below_min_agreement)
      expect(agreement.get(q.item)).toBeCloseTo(q.agreement, 12)
    // The rule is "below": the images whose agreement is exactly 0.5 (F1 at
    // IoU 0.5 of exactly one half, a float with no rounding) stay out.
    expect(want.at_min_agreement.length).toBeGreaterThan(0)
    for (const item of want.at_min_agreement)
      expect(agreement.has(item)).toBe(false)
    const csv = readFileSync(path.join(repo, 'out/adjudication.csv'), 'utf8')
    expect(csv.trimEnd().split('\n')).toHaveLength(
      1 + want.queued_below_min_agreement.length
    )
  })
})
