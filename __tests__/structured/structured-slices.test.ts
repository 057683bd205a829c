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

const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => from + k)

// Two annotators on 64 items, both right (aᵢ = bᵢ = 4 each) or both wrong
// (aᵢ = 0, bᵢ = 4 each) on the same items. lang=en: items 0-31, 24 right,
// F1 = 0.75; lang=de: items 32-63, 16 right, F1 0.5; the gap is exactly
// 0.25. Per item (both annotations summed, the cluster): b = 8; en
// dᵢ = 8 − 0.75·8 = 2 or −6, Σd² = 24·4 + 8·36 = 384; de dᵢ = ±4, Σd² = 512;
// v = Σd² / (32 · 31 · 8²) (Cochran 1977, eq. 6.13), so se_en = √(384/63488),
// se_de = √(512/63488); z = 0.25 / √(896/63488) = 2.1044, two-sided
// p = 0.035342077035654076 (scipy.stats.norm.sf(z) · 2). One comparison, so
// no Bonferroni factor.
const SE_EN = Math.sqrt(384 / 63488)
const SE_DE = Math.sqrt(512 / 63488)
const P = 0.035342077035654076

const right = (item: number) => (item < 32 ? item % 4 !== 3 : item % 2 === 0)

/** `labelgate check` of the folder: its one dataset's report (and no stderr). */
async function checkedDataset(repo: string) {
  const r = await runCli(repo, [
    'check',
    '--head',
    repo,
    '--json',
    path.join(repo, 'report.json')
  ])
  expect(r.stderr).toBe('')
  return (
    JSON.parse(readFileSync(path.join(repo, 'report.json'), 'utf8')) as Report
  ).datasets[0]!
}

function task(item: number, who: string, good: boolean): string {
  return JSON.stringify({
    text: 'ab cd ef',
    _input_hash: item,
    _annotator_id: who,
    answer: 'accept',
    meta: { lang: item < 32 ? 'en' : 'de' },
    spans: good
      ? [
          { start: 0, end: 2, label: 'PER' },
          { start: 3, end: 5, label: 'ORG' }
        ]
      : [
          { start: 0, end: 2, label: 'ORG' },
          { start: 6, end: 8, label: 'PER' }
        ]
  })
}

const config = (gates: string[]) =>
  [
    'version: 1',
    'datasets:',
    '  - name: ner',
    '    type: span',
    '    path: data/*.jsonl',
    '    categories: [PER, ORG]',
    '    reference: { path: gold/gold.jsonl }',
    '    slices: [lang]',
    '    gates:',
    ...gates.map((g) => `      ${g}`),
    ''
  ].join('\n')

describe('slices on a span dataset (Prodigy JSONL, meta.lang, in a real git repository)', () => {
  let repo: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-span-slices-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'gold'))
    mkdirSync(path.join(repo, 'out'))
    writeFileSync(path.join(repo, '.gitignore'), 'out/\nrun.yml\n')
    writeFileSync(
      path.join(repo, 'gold/gold.jsonl'),
      range(0, 64)
        .map((i) => task(i, 'gold', true))
        .join('\n') + '\n'
    )
    for (const who of ['a', 'b'])
      writeFileSync(
        path.join(repo, `data/${who}.jsonl`),
        range(0, 64)
          .map((i) => task(i, who, right(i)))
          .join('\n') + '\n'
      )
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'labels')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  async function check(gates: string[]) {
    writeFileSync(path.join(repo, 'run.yml'), config(gates))
    const r = await runCli(repo, [
      'check',
      '--config',
      'run.yml',
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
      dataset: (JSON.parse(text) as Report).datasets[0]!,
      markdown: readFileSync(path.join(repo, 'out/body.md'), 'utf8')
    }
  }

  it('reports each value with the item-level interval, and the gap with its test', async () => {
    const { dataset } = await check(['slice_gap.span_f1_strict: { max: 0.25 }'])
    const slices = dataset.slices!
    expect(slices.groups.map((g) => [g.value, g.counts.items])).toEqual([
      ['de', 32],
      ['en', 32]
    ])
    const [de, en] = slices.groups
    const f1 = (g: typeof de) => g!.metrics.span_f1_strict!
    expect(f1(en).value).toBe(0.75)
    expect(f1(en).n_items).toBe(32)
    expect(f1(en).se).toBeCloseTo(SE_EN, 14)
    expect(f1(en).ci!.method).toBe('linearized')
    expect(f1(en).ci!.low).toBeCloseTo(0.75 - 1.959963984540054 * SE_EN, 9)
    expect(f1(de).value).toBe(0.5)
    expect(f1(de).se).toBeCloseTo(SE_DE, 14)
    // Precision and recall are ratios too (2 annotated spans, 2 reference).
    expect(en!.metrics.span_precision_strict!.se).toBeCloseTo(SE_EN, 14)
    const gap = slices.gaps.find(
      (g) => g.column === 'lang' && g.metric === 'span_f1_strict'
    )!
    expect(gap.gap).toBe(0.25)
    expect(gap.worst!.value).toBe('de')
    expect(gap.test).toBe('Wald z')
    expect(gap.p_value! / P).toBeCloseTo(1, 9)
    expect(gap.comparisons).toBe(1)
    // A gap of exactly max passes.
    const gate = dataset.gates.find(
      (g) => g.metric === 'slice_gap.span_f1_strict'
    )!
    expect(gate.status).toBe('pass')
  })

  it('a gap beyond max fails only when significant', async () => {
    const fails = await check(['slice_gap.span_f1_strict: { max: 0.2 }'])
    expect(
      fails.dataset.gates.find((g) => g.metric === 'slice_gap.span_f1_strict')!
        .status
    ).toBe('fail')
    expect(fails.code).toBe(1)
    expect(fails.markdown).toMatch(/Quality by slice/)
    const noise = await check([
      'slice_gap.span_f1_strict: { max: 0.2, significance: 0.01 }'
    ])
    const gate = noise.dataset.gates.find(
      (g) => g.metric === 'slice_gap.span_f1_strict'
    )!
    expect(gate.status).toBe('pass')
    expect(noise.code).toBe(0)
  })

  it('slice bounds: a value equal to min passes; min_items counts items', async () => {
    const equal = await check([
      'slice.span_f1_strict: { min: 0.5, min_items: 32 }'
    ])
    expect(
      equal.dataset.gates
        .filter((g) => g.metric === 'slice.span_f1_strict')
        .map((g) => g.status)
    ).toEqual(['pass'])
    const above = await check([
      'slice.span_f1_strict: { min: 0.51, min_items: 32 }'
    ])
    const failing = above.dataset.gates.filter(
      (g) => g.metric === 'slice.span_f1_strict' && g.status === 'fail'
    )
    expect(failing.map((g) => g.slice?.value)).toEqual(['de'])
    const few = await check([
      'slice.span_f1_strict: { min: 0.51, min_items: 33 }'
    ])
    expect(
      few.dataset.gates
        .filter((g) => g.metric === 'slice.span_f1_strict')
        .map((g) => g.status)
    ).toEqual(['too_few_items'])
  })
})

describe('slices on other structured files', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-structured-slices-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('CoNLL files carry no slice column: one line naming the file, exit 2', async () => {
    const repo = path.join(dir, 'conll')
    mkdirSync(path.join(repo, 'data'), { recursive: true })
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      [
        'version: 1',
        'datasets:',
        '  - name: ner',
        '    type: span',
        '    path: data/*.conll',
        '    slices: [lang]',
        ''
      ].join('\n')
    )
    writeFileSync(path.join(repo, 'data/a.conll'), 'EU B-ORG\nrejects O\n')
    const r = await runCli(repo, ['check', '--head', repo])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(
      /data\/a\.conll\) carries no slice columns; type span reads them from label-studio, prodigy and jsonl files/
    )
    expect(r.stderr).toMatch(/datasets\.ner\.slices/)
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/)
  })

  it('a CSV file without the slice column: one line naming file and column, exit 2', async () => {
    const repo = path.join(dir, 'missing')
    mkdirSync(path.join(repo, 'data'), { recursive: true })
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      [
        'version: 1',
        'datasets:',
        '  - name: tags',
        '    type: multi_label',
        '    path: data/*.csv',
        '    categories: [joy, fear]',
        '    slices: [source]',
        ''
      ].join('\n')
    )
    writeFileSync(
      path.join(repo, 'data/a.csv'),
      'item_id,annotator,label\ni1,a,joy\n'
    )
    const r = await runCli(repo, ['check', '--head', repo])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('data/a.csv')
    expect(r.stderr).toContain("'source'")
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/)
  })

  it('multi_label CSV: subset accuracy per value with the item-level interval', async () => {
    const repo = path.join(dir, 'tags')
    mkdirSync(path.join(repo, 'data'), { recursive: true })
    mkdirSync(path.join(repo, 'gold'), { recursive: true })
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      [
        'version: 1',
        'datasets:',
        '  - name: tags',
        '    type: multi_label',
        '    path: data/*.csv',
        '    categories: [joy, fear]',
        '    reference: { path: gold/gold.csv }',
        '    slices: [source]',
        ''
      ].join('\n')
    )
    writeFileSync(
      path.join(repo, 'gold/gold.csv'),
      ['item_id,label', ...range(0, 8).map((i) => `i${i},joy|fear`), ''].join(
        '\n'
      )
    )
    // source=web: items 0-3, annotators a and b; a right on all four, b on
    // items 0 and 1 only. Per item (the cluster): exact = 2, 2, 1, 1 of
    // n = 2: R = 6/8 = 0.75, dᵢ = 0.5, 0.5, −0.5, −0.5, Σd² = 1,
    // v = 1 / (4 · 3 · 2²) = 1/48. source=app: items 4-7, everyone right.
    const rows = [
      'item_id,annotator,label,source',
      ...range(0, 4).map((i) => `i${i},a,joy|fear,web`),
      ...range(0, 4).map((i) => `i${i},b,${i < 2 ? 'joy|fear' : 'joy'},web`),
      ...range(4, 8).map((i) => `i${i},a,joy|fear,app`),
      ''
    ]
    writeFileSync(path.join(repo, 'data/a.csv'), rows.join('\n'))
    const d = await checkedDataset(repo)
    const [app, web] = d.slices!.groups
    expect(app!.value).toBe('app')
    expect(app!.metrics.subset_accuracy!.value).toBe(1)
    // Every item right: a linearized se of 0, so no zero-width interval is
    // claimed; the Wilson interval of a proportion 1 on its m items instead,
    // whose lower end is m / (m + z²), and the Agresti–Coull se.
    const sa = app!.metrics.subset_accuracy!
    const m = sa.n_items!
    const z = 1.959963984540054
    expect(sa.ci!.method).toBe('wilson')
    expect(sa.ci!.low).toBeCloseTo(m / (m + z * z), 12)
    expect(sa.ci!.high).toBe(1)
    const pt = (m + 2) / (m + 4)
    expect(sa.se).toBeCloseTo(Math.sqrt((pt * (1 - pt)) / (m + 4)), 14)
    expect(web!.metrics.subset_accuracy!.value).toBe(0.75)
    expect(web!.metrics.subset_accuracy!.se).toBeCloseTo(Math.sqrt(1 / 48), 14)
    expect(web!.metrics.subset_accuracy!.ci!.method).toBe('linearized')
    const gap = d.slices!.gaps.find((g) => g.metric === 'subset_accuracy')!
    // Fewer than min_items 30 items per value: no gap is computed.
    expect(gap.gap).toBeNull()
  })
})

describe('slices on a box dataset (COCO, a key of the image record)', () => {
  let repo: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-box-slices-'))
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'gold'))
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  // Every image: car [0 0 10 10] and person [20 20 10 10]; a bad annotation
  // draws both 100 px away. source=phone: images 0-3, 0 and 1 right.
  const coco = (good: (k: number) => boolean) =>
    JSON.stringify({
      images: range(0, 8).map((k) => ({
        id: k + 1,
        file_name: `img${k}.jpg`,
        width: 640,
        height: 480,
        source: k < 4 ? 'phone' : 'camera'
      })),
      annotations: range(0, 8).flatMap((k) =>
        [
          [1, 0, 0],
          [2, 20, 20]
        ].map(([category, x, y], j) => ({
          id: 2 * k + j + 1,
          image_id: k + 1,
          category_id: category,
          bbox: [x! + (good(k) ? 0 : 100), y! + (good(k) ? 0 : 100), 10, 10],
          iscrowd: 0
        }))
      ),
      categories: ['car', 'person'].map((name, k) => ({ id: k + 1, name }))
    })

  it('box F1 per value with the item-level interval', async () => {
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      [
        'version: 1',
        'datasets:',
        '  - name: street',
        '    type: box',
        '    path: data/*.json',
        '    categories: [car, person]',
        '    reference: { path: gold/gold.json }',
        '    slices: [source]',
        ''
      ].join('\n')
    )
    writeFileSync(
      path.join(repo, 'gold/gold.json'),
      coco(() => true)
    )
    writeFileSync(
      path.join(repo, 'data/x.json'),
      coco((k) => k >= 4 || k < 2)
    )
    const d = await checkedDataset(repo)
    const [camera, phone] = d.slices!.groups
    expect(camera!.value).toBe('camera')
    expect(camera!.metrics.box_f1_50!.value).toBe(1)
    // phone: per image (4, 4), (4, 4), (0, 4), (0, 4): F1 0.5, dᵢ = ±2,
    // v = 16 / (4 · 3 · 4²) = 1/12.
    expect(phone!.metrics.box_f1_50!.value).toBe(0.5)
    expect(phone!.metrics.box_f1_50!.se).toBeCloseTo(Math.sqrt(1 / 12), 14)
    expect(phone!.metrics.box_precision_50!.se).toBeCloseTo(
      Math.sqrt(1 / 12),
      14
    )
    // The matched boxes fit exactly: mean IoU 1 on the two images with a
    // match (the others hold no matched pair and say nothing about it), a
    // linearized se of 0, and the Agresti–Coull se on those 2 instead:
    // p̃ = 4/6, se² = (2/3)(1/3)/6 = 1/27.
    expect(phone!.metrics.box_mean_iou!.value).toBe(1)
    expect(phone!.metrics.box_mean_iou!.se).toBeCloseTo(Math.sqrt(1 / 27), 14)
  })
})
