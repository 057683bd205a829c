import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { shortenMiddle } from '../../src/util/shorten.js'
import { runCli } from '../helpers/run-cli.js'

// Annotator ids that share a long prefix (vendor e-mail addresses) were cut
// at the end to the same text in every table, so two people read as one.
jest.setTimeout(60_000)

const ONE = 'vendor-team-annotator-with-a-long-name-0001@example.com'
const TWO = 'vendor-team-annotator-with-a-long-name-0002@example.com'

describe('shortenMiddle', () => {
  it('keeps the start and the end, at most max code points', () => {
    expect(shortenMiddle(ONE, 40)).toBe(
      'vendor-team-annotato…me-0001@example.com'
    )
    expect(Array.from(shortenMiddle(ONE, 40))).toHaveLength(40)
    expect(shortenMiddle(ONE, 40)).not.toBe(shortenMiddle(TWO, 40))
    expect(shortenMiddle('short', 40)).toBe('short')
    expect(shortenMiddle('😀'.repeat(50), 9)).toBe(
      '😀'.repeat(4) + '…' + '😀'.repeat(4)
    )
  })
})

describe('annotators whose ids share a long prefix', () => {
  let dir: string
  let terminal: string
  let markdown: string
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-long-ids-'))
    writeFileSync(
      path.join(dir, 'labelgate.yml'),
      [
        'version: 1',
        'datasets:',
        '  - name: toy',
        '    path: labels.csv',
        '    categories: [neg, pos]',
        '    reference: { path: gold.csv }',
        '    gates:',
        '      annotator.accuracy: { min: 0.9 }',
        ''
      ].join('\n')
    )
    const rows = ['item_id,annotator,label']
    const gold = ['item_id,label']
    for (let i = 0; i < 10; i++) {
      gold.push(`i${i},pos`)
      rows.push(`i${i},${ONE},pos`, `i${i},${TWO},${i < 5 ? 'neg' : 'pos'}`)
    }
    writeFileSync(path.join(dir, 'labels.csv'), rows.join('\n') + '\n')
    writeFileSync(path.join(dir, 'gold.csv'), gold.join('\n') + '\n')
    const r = await runCli(dir, ['check', '--markdown', 'r.md'], {
      COLUMNS: '100'
    })
    if (r.code !== 1) throw new Error(`exit ${r.code}: ${r.stderr}`)
    terminal = r.stdout
    markdown = readFileSync(path.join(dir, 'r.md'), 'utf8')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('tells them apart in the terminal tables and gate rows', () => {
    const rows = terminal
      .split('\n')
      .filter((l) => l.includes('vendor-team-annota'))
    expect(rows.some((l) => l.includes('0001@example.com'))).toBe(true)
    expect(rows.some((l) => l.includes('0002@example.com'))).toBe(true)
    expect(terminal).toMatch(
      /FAIL +Accuracy per annotator · vendor-team-annotato…me-0002@example\.com/
    )
  })

  it('tells them apart in the comment', () => {
    const rows = markdown.split('\n').filter((l) => l.includes('vendor\\-team'))
    // The pairwise table: both ids in one row, cut in the middle. (An @ is
    // followed by a zero-width space, so that it mentions no one.)
    const pair = rows.find((l) => l.includes('…me\\-0001@'))
    expect(pair).toContain('…me\\-0002@')
  })
})
