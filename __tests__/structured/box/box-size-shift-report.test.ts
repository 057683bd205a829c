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
import { parseReport } from '../../../src/action/report-schema.js'
import type { Report } from '../../../src/report/types.js'
import { git, runCli } from '../../helpers/run-cli.js'

jest.setTimeout(60_000)

const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: street',
  '    type: box',
  '    path: data/boxes/*.json',
  '    categories: [car, person]',
  '    gates:',
  '      pairwise_box_f1_50: { min: 0 }',
  ''
].join('\n')

type Box = [string, number, number, number, number]

function coco(boxes: Record<string, Box[]>): string {
  const names = ['car', 'person']
  const images = Object.keys(boxes).map((file_name, k) => ({
    id: k + 1,
    file_name,
    width: 640,
    height: 480
  }))
  let id = 0
  const annotations = Object.values(boxes).flatMap((list, k) =>
    list.map(([label, ...bbox]) => ({
      id: ++id,
      image_id: k + 1,
      category_id: names.indexOf(label) + 1,
      bbox,
      iscrowd: 0
    }))
  )
  const categories = names.map((name, k) => ({ id: k + 1, name }))
  return JSON.stringify({ images, annotations, categories }, null, 1)
}

// Areas: 100 x 100 = 10,000 ≥ 96² (large); 50 x 100 and 50 x 50 in
// [32², 96²) (medium); 20 x 20 = 400 < 32² (small).
const BASE: Record<string, Box[]> = {
  'img1.jpg': [
    ['car', 100, 100, 100, 100],
    ['person', 300, 100, 50, 100]
  ],
  'img2.jpg': [
    ['car', 10, 10, 50, 50],
    ['person', 200, 200, 20, 20]
  ]
}

/** Jensen-Shannon distance in bits from its definition. */
function jsd(p: number[], q: number[]): number {
  const P = p.map((x) => x / p.reduce((a, b) => a + b))
  const Q = q.map((x) => x / q.reduce((a, b) => a + b))
  let d = 0
  P.forEach((pk, k) => {
    const m = (pk + Q[k]!) / 2
    if (pk > 0) d += (pk * Math.log2(pk / m)) / 2
    if (Q[k]! > 0) d += (Q[k]! * Math.log2(Q[k]! / m)) / 2
  })
  return Math.sqrt(d)
}

describe('box_size_shift: boxes per COCO area range, base → head', () => {
  let repo: string
  let baseSha: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-box-sizes-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data/boxes'), { recursive: true })
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    writeFileSync(path.join(repo, 'data/boxes/alice.json'), coco(BASE))
    writeFileSync(path.join(repo, 'data/boxes/bob.json'), coco(BASE))
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    baseSha = git(repo, 'rev-parse', 'HEAD')
    // bob adds a 200 x 200 car (large) to img1.
    writeFileSync(
      path.join(repo, 'data/boxes/bob.json'),
      coco({
        ...BASE,
        'img1.jpg': [...BASE['img1.jpg']!, ['car', 400, 200, 200, 200]]
      })
    )
    git(repo, 'commit', '-q', '-am', 'head')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('in the JSON report, the terminal and the comment', async () => {
    const json = path.join(repo, 'report.json')
    const md = path.join(repo, 'comment.md')
    const run = await runCli(repo, [
      'check',
      '--base',
      baseSha,
      '--json',
      json,
      '--markdown',
      md
    ])
    expect(run.stderr).toBe('')
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report
    const s = report.datasets[0]!.box_size_shift!
    expect(s.labels).toEqual(['small', 'medium', 'large'])
    expect(s.base).toEqual([2, 4, 2])
    expect(s.head).toEqual([2, 4, 3])
    // bob's img1 annotation changed: its three boxes are the change's.
    expect(s.changed).toEqual([0, 1, 2])
    expect(s.unchanged).toEqual([2, 3, 1])
    expect(s.unknown_size).toEqual({ base: 0, head: 0 })
    expect(s.jensen_shannon.value).toBeCloseTo(jsd([2, 4, 2], [2, 4, 3]), 12)
    // Pearson's homogeneity test of [[2, 3, 1], [0, 1, 2]], by hand: 2.625,
    // df 2, whose survival function is exp(−x/2).
    expect(s.chi_square!.statistic).toBeCloseTo(2.625, 12)
    expect(s.chi_square!.df).toBe(2)
    expect(s.chi_square!.p_value).toBeCloseTo(Math.exp(-2.625 / 2), 12)
    const parsed = parseReport(JSON.parse(readFileSync(json, 'utf8')))
    expect('report' in parsed && parsed.report).toEqual(report)

    expect(run.stdout).toMatch(
      /^ {4}box sizes: Jensen-Shannon distance 0\.\d{3} · chi-square χ² = 2\.63, df = 2, p = 0\.269$/m
    )
    expect(run.stdout).toContain(
      'small 2 → 2 (25.0% → 22.2%) · medium 4 → 4 (50.0% → 44.4%) · large 2 → 3 (25.0% → 33.3%)'
    )
    for (const line of run.stdout.split('\n'))
      expect(line.length).toBeLessThanOrEqual(100)
    const comment = readFileSync(md, 'utf8')
    expect(comment).toMatch(
      /^- \*\*Box sizes:\*\* small 2 → 2 \(25\.0% → 22\.2%\) · medium .* · large 2 → 3 \(25\.0% → 33\.3%\) · Jensen-Shannon distance/m
    )
  })

  it('absent for other types, null for a box dataset without a base', async () => {
    const json = path.join(repo, 'head-only.json')
    await runCli(repo, ['check', '--json', json])
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report
    expect(report.datasets[0]!.box_size_shift).toBeNull()
  })
})
