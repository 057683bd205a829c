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
import { git, runCli } from '../helpers/run-cli.js'

jest.setTimeout(60_000)

// 120 items; the truth is pos for every third item. Four careful annotators
// are wrong on one item in ten (each on different ones). Gold covers the
// first 12 items only, so annotators of the later items are judged without it.
const truth = (i: number): string => (i % 3 === 0 ? 'pos' : 'neg')
const flip = (l: string): string => (l === 'pos' ? 'neg' : 'pos')
const careful = ['a1', 'a2', 'a3', 'a4']

function labels(items: number, spammer: number[]): string {
  const rows = ['item_id,annotator,label']
  for (let i = 0; i < items; i++) {
    careful.forEach((a, k) => {
      if ((i + k) % 4 === 0 || (i + k) % 4 === 1) {
        rows.push(
          `i${i},${a},${(i + 3 * k) % 10 === 0 ? flip(truth(i)) : truth(i)}`
        )
      }
    })
  }
  // The new annotator answers pos whatever the item.
  for (const i of spammer) rows.push(`i${i},newcomer,pos`)
  return rows.join('\n') + '\n'
}

const gold = [
  'item_id,label',
  ...Array.from({ length: 12 }, (_, i) => `i${i},${truth(i)}`)
]

function config(gates: string[], method = 'dawid_skene'): string {
  return [
    'version: 1',
    'datasets:',
    '  - name: toy',
    '    path: data/labels.csv',
    '    categories: [neg, pos]',
    '    reference: { path: data/gold.csv }',
    `    consensus: { method: ${method}, min_posterior: 0.9 }`,
    '    adjudication: { scope: all }',
    '    gates:',
    ...gates.map((g) => `      ${g}`),
    ''
  ].join('\n')
}

const NEW_ITEMS = Array.from({ length: 20 }, (_, j) => 100 + j)

describe('truth inference (config consensus) through the CLI', () => {
  let repo: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-consensus-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      config(['annotator.estimated_accuracy: { min: 0.7, min_items: 20 }'])
    )
    writeFileSync(path.join(repo, 'data/labels.csv'), labels(100, []))
    writeFileSync(path.join(repo, 'data/gold.csv'), gold.join('\n') + '\n')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    // The change: 20 new items, and a newcomer who rated exactly min_items of them.
    writeFileSync(path.join(repo, 'data/labels.csv'), labels(120, NEW_ITEMS))
    git(repo, 'commit', '-q', '-am', 'batch 2')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('fails the newcomer the model suspects, with the evidence, and passes the careful annotators', async () => {
    const r = await runCli(repo, [
      'check',
      '--base',
      'HEAD~1',
      '--json',
      'out/r.json',
      '--markdown',
      'out/comment.md',
      '--consensus',
      'out/labels.csv',
      '--adjudication',
      'out/queue.csv'
    ])
    expect(r.code).toBe(1)
    const report = JSON.parse(
      readFileSync(path.join(repo, 'out/r.json'), 'utf8')
    )
    const ds = report.datasets[0]
    const rows = ds.gates.filter(
      (g: { metric: string }) => g.metric === 'annotator.estimated_accuracy'
    )
    const newcomer = rows.find(
      (g: { annotator?: string }) => g.annotator === 'newcomer'
    )
    // Exactly min_items (20) ratings: judged, not "too few".
    expect(newcomer.status).toBe('fail')
    expect(newcomer.n).toBe(20)
    expect(newcomer.message).toContain('no gold item')
    // The careful annotators rated items in the change too and pass.
    for (const a of careful) {
      expect(ds.head.annotators[a].estimated_accuracy.value).toBeGreaterThan(
        0.8
      )
    }
    expect(ds.head.annotators.newcomer.estimated_accuracy.value).toBeLessThan(
      0.7
    )
    expect(ds.head.consensus.method).toBe('dawid_skene')
    expect(ds.head.metrics.consensus_accuracy.n_items).toBe(12)
    const comment = readFileSync(path.join(repo, 'out/comment.md'), 'utf8')
    expect(comment).toContain('newcomer')
    expect(comment).toContain('Estimated accuracy')

    // The labels file: one row per rated item, a label and its posterior.
    const csv = readFileSync(path.join(repo, 'out/labels.csv'), 'utf8')
      .trim()
      .split('\r\n')
    expect(csv[0]).toBe('item_id,label,posterior,ratings')
    expect(csv).toHaveLength(1 + 120)
    const i3 = csv.find((line) => line.startsWith('i3,'))!.split(',')
    expect(i3[1]).toBe('pos')
    expect(Number(i3[2])).toBeGreaterThan(0.5)

    // Items the model is unsure of join the queue as low_posterior.
    const queue = readFileSync(path.join(repo, 'out/queue.csv'), 'utf8')
    const lowPosterior = ds.head.consensus.low_posterior_items
    expect(lowPosterior).toBeGreaterThan(0)
    expect(queue.split('low_posterior').length - 1).toBe(lowPosterior)
  })

  it('one rating below min_items is too few to judge', async () => {
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      config(['annotator.estimated_accuracy: { min: 0.7, min_items: 21 }'])
    )
    const r = await runCli(repo, ['check', '--json', 'out/r21.json'])
    const report = JSON.parse(
      readFileSync(path.join(repo, 'out/r21.json'), 'utf8')
    )
    const gates = report.datasets[0].gates
    expect(
      gates.some(
        (g: { status: string; annotator?: string }) =>
          g.annotator === 'newcomer'
      )
    ).toBe(false)
    expect(
      gates.find((g: { status: string }) => g.status === 'too_few_items')
        .message
    ).toContain('newcomer (20)')
    expect(r.code).toBe(0)
    git(repo, 'checkout', '-q', '--', 'labelgate.yml')
  })

  it('consensus_accuracy at exactly its min passes; a hair above fails', async () => {
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      config(['consensus_accuracy: { min: 0 }'])
    )
    await runCli(repo, ['check', '--json', 'out/v.json'])
    const value = JSON.parse(
      readFileSync(path.join(repo, 'out/v.json'), 'utf8')
    ).datasets[0].head.metrics.consensus_accuracy.value as number
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      config([`consensus_accuracy: { min: ${value} }`])
    )
    expect((await runCli(repo, ['check', '--quiet'])).code).toBe(0)
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      config([`consensus_accuracy: { min: ${value + 1e-9} }`])
    )
    expect((await runCli(repo, ['check', '--quiet'])).code).toBe(1)
    git(repo, 'checkout', '-q', '--', 'labelgate.yml')
  })

  it("MACE's spam score is lower-is-better: the constant answerer breaches max, the careful ones do not", async () => {
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      config(['annotator.spam_score: { max: 0.5 }'], 'mace')
    )
    const r = await runCli(repo, ['check', '--json', 'out/m.json'])
    expect(r.code).toBe(1)
    const gates = JSON.parse(
      readFileSync(path.join(repo, 'out/m.json'), 'utf8')
    ).datasets[0].gates as {
      annotator?: string
      status: string
      value: number
    }[]
    expect(gates.find((g) => g.annotator === 'newcomer')!.status).toBe('fail')
    for (const a of careful) {
      const g = gates.find((x) => x.annotator === a)!
      expect(g.status).toBe('pass')
      expect(g.value).toBeLessThan(0.5)
    }
    git(repo, 'checkout', '-q', '--', 'labelgate.yml')
  })

  it('a consensus gate without the model, or spam_score without MACE, is a config error at its line', async () => {
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      config(['annotator.spam_score: { max: 0.5 }'], 'dawid_skene')
    )
    const r = await runCli(repo, ['check'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /^labelgate: labelgate\.yml:\d+:\d+: .*annotator\.spam_score needs consensus method 'mace'\n$/
    )
    git(repo, 'checkout', '-q', '--', 'labelgate.yml')
  })
})
