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
import type { Report } from '../../src/report/types.js'
import { renderMarkdown } from '../../src/render/markdown/render-markdown.js'
import { renderTerminal } from '../../src/render/terminal/render-terminal.js'
import { runCli } from '../helpers/run-cli.js'
import { loadReport } from '../report/report-fixtures.js'

jest.setTimeout(60_000)

/** A slice value that tries Markdown, HTML, a table break and terminal escapes. */
const HOSTILE = '<img src=x onerror=alert(1)>|**x**\u001b[31mred\u0007\r\nnext'

const truth = (i: number): string => (i % 2 === 0 ? 'pos' : 'neg')

/**
 * Ten slice values of 40 items each (more than the table's eight rows), the
 * hostile one the worst (annotators wrong on 40% of its items).
 */
function labels(): string {
  const values = [HOSTILE, ...'abcdefghi'.split('').map((c) => `v-${c}`)]
  const lines: string[] = []
  values.forEach((value, s) => {
    for (let i = 0; i < 40; i++) {
      for (let j = 0; j < 3; j++) {
        const wrongShare = s === 0 ? 16 : s
        const wrong = (i + j * 13) % 40 < wrongShare
        lines.push(
          JSON.stringify({
            item_id: `s${s}-${i}`,
            annotator: `a${j}`,
            label: wrong ? (truth(i) === 'pos' ? 'neg' : 'pos') : truth(i),
            source: value
          })
        )
      }
    }
  })
  return lines.join('\n') + '\n'
}

function gold(): string {
  const rows = ['item_id,label']
  for (let s = 0; s < 10; s++)
    for (let i = 0; i < 40; i++) rows.push(`s${s}-${i},${truth(i)}`)
  return rows.join('\n') + '\n'
}

describe('Quality by slice in the comment and the terminal', () => {
  let dir: string
  let report: Report
  let stdout: string
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-slice-render-'))
    mkdirSync(path.join(dir, 'data'))
    writeFileSync(path.join(dir, 'data/labels.jsonl'), labels())
    writeFileSync(path.join(dir, 'gold.csv'), gold())
    writeFileSync(
      path.join(dir, 'labelgate.yml'),
      [
        'version: 1',
        'datasets:',
        '  - name: toy',
        '    path: data/labels.jsonl',
        '    categories: [neg, pos]',
        '    reference: { path: gold.csv }',
        '    slices: [source]',
        '    gates:',
        '      slice_gap.accuracy: { max: 0.05 }',
        '      slice.accuracy: { min: 0.8 }',
        ''
      ].join('\n')
    )
    const r = await runCli(dir, ['check', '--json', 'report.json'])
    if (r.code !== 1 || r.stderr !== '')
      throw new Error(`check: exit ${r.code}: ${r.stderr}`)
    stdout = r.stdout
    report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps the value as written in the JSON and names it the worst', () => {
    const d = report.datasets[0]!
    expect(d.slices!.groups.map((g) => g.value)).toContain(HOSTILE)
    const gap = d.gates.find((g) => g.metric === 'slice_gap.accuracy')!
    expect(gap.status).toBe('fail')
    expect(gap.slice).toEqual({ column: 'source', value: HOSTILE })
  })

  it('escapes the value in the comment and shows at most eight rows', () => {
    const body = renderMarkdown(report)
    expect(body).not.toContain('<img')
    expect(body).not.toContain('\u001b')
    expect(body).not.toContain('\u0007')
    expect(body).not.toContain('**x**')
    expect(body).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;')
    const section = body.slice(body.indexOf('**Quality by slice**'))
    const table = section
      .split('\n')
      .filter((l) => l.startsWith('| source') || l.startsWith('| ❌ source'))
    expect(table).toHaveLength(8)
    // Worst first: the hostile value (60%) heads the table, failing.
    expect(table[0]).toMatch(/^\| ❌ source \| &lt;img/)
    // Each row keeps its six cells: the value's pipe is escaped.
    expect(table[0]!.split(/(?<!\\)\|/).length - 2).toBe(6)
    expect(section).toContain('and 2 more slice values')
    expect(section).toMatch(/- Gap by source: \d+\.\d\spp, best v\\-a /)
    // The failing gates name the worst slice in the verdict.
    expect(body).toMatch(
      /❌ Accuracy gap between slices: by source, worst &lt;img/
    )
  })

  it('cleans the value in the terminal and stays within 100 columns', () => {
    for (const out of [stdout, renderTerminal(report, { color: false })]) {
      expect(out).not.toContain('\u001b')
      expect(out).not.toContain('\u0007')
      expect(out).not.toContain('\r')
      const lines = out.split('\n')
      const start = lines.findIndex((l) => l.includes('Quality by slice'))
      expect(start).toBeGreaterThan(0)
      const section = lines.slice(start, start + 16)
      for (const l of section) expect([...l].length).toBeLessThanOrEqual(100)
      expect(section.join('\n')).toContain('source=<img src=x')
      expect(section.join('\n')).toMatch(/Gap by source: \d+\.\d\spp/)
    }
  })
})

describe('the verdict counts the slices a grouped reason stands for', () => {
  it('names how many slices and columns fail, not just the worst one', () => {
    // Two failing slice.accuracy rows and two failing slice_gap.accuracy
    // rows: the heading counts 4 gates, so the lines under it must not read
    // as one failure each.
    const body = renderMarkdown(loadReport('slices'))
    expect(body).toContain('## ❌ labelgate failed: 4 gates')
    expect(body).toContain(
      '❌ Accuracy per slice: 2 slices, worst language=de: 80.0%'
    )
    expect(body).toContain(
      '❌ Accuracy gap between slices: 2 slice columns, widest by language, worst de: 10.0'
    )
  })

  it('names a single failing slice without a count', () => {
    const report = loadReport('slices')
    const d = report.datasets[0]!
    d.gates = d.gates.filter(
      (g) => !(g.status === 'fail' && g.slice?.column === 'source')
    )
    const body = renderMarkdown(report)
    expect(body).toContain('❌ Accuracy per slice: language=de: 80.0%')
    expect(body).not.toContain('1 slices')
  })
})
