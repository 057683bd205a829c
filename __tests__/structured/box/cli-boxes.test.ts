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
  '    reference: { path: gold/boxes.json }',
  '    adjudication: { scope: all, min_agreement: 0.6 }',
  '    gates:',
  '      pairwise_box_f1_50: { min: 0.9 }',
  '      box_f1_50: { min: 0.8, max_drop: 0.1 }',
  '      annotator.accuracy: { min: 0.7 }',
  '      changed.box_mean_iou: { min: 0.9 }',
  ''
].join('\n')

type Box = [string, number, number, number, number]

/** A COCO file of two 640 x 480 images. */
function coco(boxes: Record<'img1.jpg' | 'img2.jpg', Box[]>): string {
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

const AGREED = {
  'img1.jpg': [
    ['car', 100, 100, 100, 100],
    ['person', 300, 100, 50, 100]
  ] as Box[],
  'img2.jpg': [['car', 10, 10, 50, 50]] as Box[]
}

describe('labelgate check on a box dataset (COCO files in a real git repository)', () => {
  let repo: string
  let baseSha: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-box-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data/boxes'), { recursive: true })
    mkdirSync(path.join(repo, 'gold'))
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    writeFileSync(path.join(repo, 'data/boxes/alice.json'), coco(AGREED))
    writeFileSync(path.join(repo, 'data/boxes/bob.json'), coco(AGREED))
    writeFileSync(path.join(repo, 'gold/boxes.json'), coco(AGREED))
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    baseSha = git(repo, 'rev-parse', 'HEAD')
    // The head: bob's car on img1 moves 50 px right (IoU 1/3 with the others).
    writeFileSync(
      path.join(repo, 'data/boxes/bob.json'),
      coco({
        ...AGREED,
        'img1.jpg': [
          ['car', 150, 100, 100, 100],
          ['person', 300, 100, 50, 100]
        ]
      })
    )
    git(repo, 'commit', '-q', '-am', 'head')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('reports the box metrics, the diff, the slice, the gates and the queue', async () => {
    const json = path.join(repo, 'report.json')
    const md = path.join(repo, 'comment.md')
    const { code, stdout, stderr } = await runCli(repo, [
      'check',
      '--base',
      baseSha,
      '--json',
      json,
      '--markdown',
      md
    ])
    expect(stderr).toBe('')
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report
    const d = report.datasets[0]!
    expect(d.type).toBe('box')
    expect(d.head.counts).toMatchObject({
      items: 2,
      annotators: 2,
      annotations: 4,
      reference_items: 2,
      elements: 6
    })
    // Base: everyone agrees.
    expect(d.base!.metrics.pairwise_box_f1_50!.value).toBe(1)
    expect(d.base!.metrics.box_f1_50!.value).toBe(1)
    // Head: img1 has 4 boxes and 1 match, img2 2 boxes and 1 match: F1 = 2 * 2 / 6.
    expect(d.head.metrics.pairwise_box_f1_50!.value).toBeCloseTo(4 / 6, 12)
    expect(d.head.metrics.pairwise_box_mean_iou!.value).toBe(1)
    // Against the reference: 5 of 6 boxes matched on each side.
    expect(d.head.metrics.box_precision_50!.value).toBeCloseTo(5 / 6, 12)
    expect(d.head.metrics.box_recall_50!.value).toBeCloseTo(5 / 6, 12)
    expect(d.head.metrics.box_f1_50!.value).toBeCloseTo(5 / 6, 12)
    expect(d.head.metrics.box_f1_50_95!.value).toBeCloseTo(5 / 6, 12)
    // Per class: car 3 of 4 matched each way (F1 0.75), person all (F1 1).
    expect(d.head.metrics.box_macro_f1_50!.value).toBeCloseTo(0.875, 12)
    expect(d.head.annotators.bob!.accuracy.value).toBeCloseTo(2 / 3, 12)
    expect(d.head.annotators.alice!.accuracy.value).toBe(1)
    expect(d.relabeled).toEqual([
      {
        item: 'img1.jpg',
        annotator: 'bob',
        from: '{car [100 100 100 100], person [300 100 50 100]}',
        to: '{car [150 100 100 100], person [300 100 50 100]}'
      }
    ])
    // The slice: bob's img1 is the one changed annotation: 1 match of 2 and 2.
    expect(d.changed!.metrics.box_f1_50!.value).toBe(0.5)
    const gate = (m: string) => d.gates.find((g) => g.metric === m)!
    expect(gate('pairwise_box_f1_50').status).toBe('fail')
    expect(
      d.gates
        .filter((g) => g.metric === 'box_f1_50')
        .map((g) => [g.bound, g.status])
    ).toEqual([
      ['min', 'pass'],
      ['max_drop', 'fail']
    ])
    expect(gate('changed.box_mean_iou').status).toBe('pass')
    expect(d.annotator_accuracy).toMatch(/box F1 at IoU 0.5/)
    // Adjudication: img1 agrees at min(F1 0.5, mean IoU 1) = 0.5 < 0.6.
    expect(d.adjudication!.rows.map((r) => r.item)).toEqual(['img1.jpg'])
    expect(d.adjudication!.rows[0]!.disagreeing).toEqual([
      'alice: car [100 100 100 100] has no match at IoU 0.5 in bob',
      'bob: car [150 100 100 100] has no match at IoU 0.5 in alice'
    ])
    expect(code).toBe(1)
    const parsed = parseReport(JSON.parse(readFileSync(json, 'utf8')))
    expect('report' in parsed && parsed.report).toEqual(report)
    const comment = readFileSync(md, 'utf8')
    expect(comment).toContain('pairwise_box_f1_50')
    expect(comment).toContain('street')
    expect(stdout).toContain('box_f1_50')
  })

  it('stops with one line naming the file and line of a broken COCO file (exit 2)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-box-bad-'))
    try {
      mkdirSync(path.join(dir, 'data/boxes'), { recursive: true })
      mkdirSync(path.join(dir, 'gold'))
      writeFileSync(path.join(dir, 'labelgate.yml'), CONFIG)
      writeFileSync(path.join(dir, 'gold/boxes.json'), coco(AGREED))
      writeFileSync(
        path.join(dir, 'data/boxes/alice.json'),
        '{\n "images": [\n'
      )
      const { code, stderr } = await runCli(dir, ['check', '--head', dir])
      expect(code).toBe(2)
      expect(stderr).toMatch(/^[^\n]*data\/boxes\/alice\.json:3/)
      expect(stderr.trim().split('\n')).toHaveLength(1)
      expect(stderr).not.toMatch(/\bat .*\.ts:\d+/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('reports a box outside the image at its file:line and fails (exit 1)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-box-out-'))
    try {
      mkdirSync(path.join(dir, 'data/boxes'), { recursive: true })
      mkdirSync(path.join(dir, 'gold'))
      writeFileSync(path.join(dir, 'labelgate.yml'), CONFIG)
      writeFileSync(path.join(dir, 'gold/boxes.json'), coco(AGREED))
      writeFileSync(path.join(dir, 'data/boxes/bob.json'), coco(AGREED))
      writeFileSync(
        path.join(dir, 'data/boxes/alice.json'),
        coco({ ...AGREED, 'img2.jpg': [['car', 600, 10, 50, 50]] })
      )
      const json = path.join(dir, 'r.json')
      const { code } = await runCli(dir, [
        'check',
        '--head',
        dir,
        '--json',
        json
      ])
      expect(code).toBe(1)
      const report = JSON.parse(readFileSync(json, 'utf8')) as Report
      expect(report.datasets[0]!.problems).toEqual([
        expect.objectContaining({
          severity: 'error',
          file: 'data/boxes/alice.json',
          field: 'bbox',
          message:
            'box [600, 10, 50, 50] (x, y, w, h) reaches outside the 640 x 480 image'
        })
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
