import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parseReport } from '../../src/action/report-schema.js'

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
