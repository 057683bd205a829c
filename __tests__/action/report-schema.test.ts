import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseReport } from '../../src/action/report-schema.js'
import { runCli } from '../helpers/run-cli.js'
import { SCENARIOS } from '../render/scenarios.js'

const FIXTURES = path.join(process.cwd(), '__fixtures__', 'report')
/** A report fixture, loosely typed so that tests can break it. */
interface Loose {
  [key: string]: unknown
  datasets: { name: unknown; gates: { value: unknown; status: unknown }[] }[]
}
const load = (name: string): Loose =>
  JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Loose

describe('parseReport (the report the fork pattern posts)', () => {
  it.each(readdirSync(FIXTURES).filter((f) => f.endsWith('.json')))(
    'accepts the report fixture %s whole',
    (name) => {
      const raw = load(name)
      const parsed = parseReport(raw)
      // Nothing is dropped (sections newer than the fixture default to empty).
      expect('report' in parsed && parsed.report).toMatchObject(raw)
    }
  )

  it('drops keys the renderer does not read', () => {
    const raw = { ...load('passing.json'), extra: '<img src=x>' }
    const parsed = parseReport(raw)
    expect('report' in parsed && 'extra' in parsed.report).toBe(false)
  })

  it.each([
    [
      'another schema',
      (r: Loose) => (r.schema = 'labelgate-report/9'),
      /^schema:/
    ],
    ['a string verdict', (r: Loose) => (r.passed = 'true'), /^passed:/],
    [
      'a string where a number is rendered',
      (r: Loose) => (r.datasets[0].gates[0].value = '<b>1</b>'),
      /^datasets\.0\.gates\.0\.value:/
    ],
    [
      'an unknown gate status',
      (r: Loose) => (r.datasets[0].gates[0].status = 'pwned'),
      /^datasets\.0\.gates\.0\.status:/
    ],
    [
      'a string over 10,000 characters',
      (r: Loose) => (r.datasets[0].name = 'x'.repeat(10_001)),
      /^datasets\.0\.name:/
    ],
    [
      'no datasets list',
      (r: Loose) => delete (r as Partial<Loose>).datasets,
      /^datasets:/
    ]
  ])('refuses %s, naming where', (_, change, where) => {
    const raw = load('failing.json')
    change(raw)
    const parsed = parseReport(raw)
    expect('error' in parsed && parsed.error).toMatch(where)
  })

  it('accepts a string of exactly 10,000 characters', () => {
    const raw = load('failing.json')
    raw.datasets[0].name = 'x'.repeat(10_000)
    expect('report' in parseReport(raw)).toBe(true)
  })
})

// The poster rebuilds the comment from what this schema keeps, so a field the
// report gains and the schema lacks silently changes the posted comment (the
// drift test's name was dropped that way once). A real report and every
// renderer scenario must come through whole.
describe('parseReport keeps every field a real report has', () => {
  it('the governance example with a base (drift, label shift, slice, gates)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'labelgate-report-'))
    try {
      const out = path.join(dir, 'report.json')
      await runCli(process.cwd(), [
        'check',
        '--config',
        'examples/governance/labelgate.yml',
        '--base',
        'examples/governance/before',
        '--head',
        'examples/governance/after',
        '--quiet',
        '--json',
        out
      ])
      const raw = JSON.parse(readFileSync(out, 'utf8')) as Loose
      const parsed = parseReport(raw)
      expect('report' in parsed && parsed.report).toEqual(raw)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it.each(Object.keys(SCENARIOS))('the renderer scenario %s', (name) => {
    const raw = JSON.parse(JSON.stringify(SCENARIOS[name]!())) as Loose
    const parsed = parseReport(raw)
    // Nothing dropped (sections a scenario leaves out default to null).
    expect('report' in parsed && parsed.report).toMatchObject(raw)
  })
})
