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

// CLI runs on real repositories, on a machine that may be busy: a timeout
// would remove the repository while the CLI still runs in it.
jest.setTimeout(60_000)

const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: toy',
  '    path: data/labels.csv',
  '    categories: [neg, pos]',
  '    reference: { path: data/gold.csv }',
  '    adjudication: { tie_break: senior, senior: [lead] }',
  '    qc_sample: { size: 6 }',
  '    gates:',
  '      label_shift: { max_jsd: 0.5 }',
  '      annotator.drift: { max_drop: 0.3, min_items: 3 }',
  ''
].join('\n')

// Base: 8 items, annotators a and b agree with the gold everywhere.
const base: string[] = ['item_id,annotator,label']
const gold: string[] = ['item_id,label']
for (let i = 1; i <= 8; i++) {
  const label = i % 2 === 0 ? 'neg' : 'pos'
  base.push(`i${i},a,${label}`, `i${i},b,${label}`)
  gold.push(`i${i},${label}`)
}
for (let i = 9; i <= 12; i++) gold.push(`i${i},pos`)

describe('governance through the CLI on a real git history', () => {
  let repo: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-gov-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    writeFileSync(path.join(repo, 'data/labels.csv'), base.join('\n') + '\n')
    writeFileSync(path.join(repo, 'data/gold.csv'), gold.join('\n') + '\n')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    // The change: four new items; a and b split on them (ties), and b is
    // wrong on every one; the lead annotator rated i9 and i10.
    const head = [...base]
    for (let i = 9; i <= 12; i++) head.push(`i${i},a,pos`, `i${i},b,neg`)
    head.push('i9,lead,pos', 'i10,lead,neg')
    writeFileSync(path.join(repo, 'data/labels.csv'), head.join('\n') + '\n')
    git(repo, 'commit', '-q', '-am', 'batch 2')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('writes the adjudication queue with ties and the senior tie-breaker', async () => {
    const r = await runCli(repo, [
      'check',
      '--base',
      'HEAD~1',
      '--adjudication',
      'out/queue.csv',
      '--json',
      'out/r.json'
    ])
    expect(r.stderr).toBe('')
    const lines = readFileSync(path.join(repo, 'out/queue.csv'), 'utf8')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe(
      'item,reason,majority,majority_share,reference,decision,decided_by,a,b,lead'
    )
    // i9: a pos, b neg, lead pos: plurality pos (2/3), no tie; lead not needed.
    // i10: a pos, b neg, lead neg: plurality neg (2/3) against the gold pos.
    // i11, i12: 1-1 ties, no senior rating: undecided.
    const byItem = Object.fromEntries(
      lines.slice(1).map((l) => [l.split(',')[0], l])
    )
    expect(Object.keys(byItem).sort()).toEqual(['i10', 'i11', 'i12'])
    expect(byItem.i10).toBe(
      'i10,disagrees_with_reference,neg,0.6666666666666666,pos,,,pos,neg,neg'
    )
    expect(byItem.i11).toBe('i11,tie,,0.5,pos,,,pos,neg,')
    const report = JSON.parse(
      readFileSync(path.join(repo, 'out/r.json'), 'utf8')
    )
    const d = report.datasets[0]
    expect(d.adjudication).toMatchObject({
      scope: 'changed',
      total: 3,
      counts: { tie: 2, disagrees_with_reference: 1 }
    })
    // Drift: b was right on all 8 base items and wrong on all 4 new ones.
    const b = d.annotator_drift.find(
      (row: { annotator: string }) => row.annotator === 'b'
    )
    expect(b.base.value).toBe(1)
    expect(b.changed.value).toBe(0)
    expect(b.drop).toBe(1)
    const driftGates = d.gates.filter(
      (g: { metric: string }) => g.metric === 'annotator.drift'
    )
    expect(
      driftGates.map((g: { annotator: string; status: string }) => [
        g.annotator,
        g.status
      ])
    ).toEqual([
      ['a', 'pass'],
      ['b', 'fail'],
      // lead is new: no base accuracy to drop from.
      [undefined, 'not_applicable']
    ])
    expect(driftGates[2].message).toBe(
      '1 annotator without reference items on one side, not judged: lead (none at the base)'
    )
    const shift = d.gates.find(
      (g: { metric: string }) => g.metric === 'label_shift'
    )
    expect(shift).toMatchObject({ bound: 'max_jsd', status: 'pass' })
    expect(shift.value).toBeCloseTo(d.label_shift.jensen_shannon.value, 12)
    expect(r.code).toBe(1)
  })

  it('draws the same QC sample on two runs of the same commit, stratified', async () => {
    const one = await runCli(repo, [
      'check',
      '--base',
      'HEAD~1',
      '--head',
      'HEAD',
      '--qc-sample',
      'out/qc1.csv',
      '--quiet'
    ])
    const two = await runCli(repo, [
      'check',
      '--base',
      'HEAD~1',
      '--head',
      'HEAD',
      '--qc-sample',
      'out/qc2.csv',
      '--quiet'
    ])
    // The run fails (annotator b's drift); quiet prints only that gate.
    expect(one.stderr).toMatch(
      /^[^\n]*labelgate\.yml: error: \[toy\] gate annotator\.drift \[b\] fail: [^\n]*\n$/
    )
    expect(two.stderr).toBe(one.stderr)
    const first = readFileSync(path.join(repo, 'out/qc1.csv'), 'utf8')
    expect(readFileSync(path.join(repo, 'out/qc2.csv'), 'utf8')).toBe(first)
    const rows = first.trim().split('\r\n').slice(1)
    // The change added 10 annotations in 4 (label, annotator) strata; 6 are
    // sampled, with at least one from each stratum.
    expect(rows).toHaveLength(6)
    const strata = new Set(rows.map((r) => r.split(',').slice(1, 3).join('/')))
    expect(strata).toEqual(new Set(['a/pos', 'b/neg', 'lead/pos', 'lead/neg']))
  })

  it('says so when --adjudication is asked for but not configured', async () => {
    writeFileSync(
      path.join(repo, 'plain.yml'),
      CONFIG.replace(/ {4}adjudication:.*\n/, '')
    )
    const r = await runCli(repo, [
      'check',
      '--config',
      'plain.yml',
      '--adjudication',
      'out/none.csv',
      '--quiet'
    ])
    expect(r.stderr).toContain('no dataset has an adjudication section')
  })
})
