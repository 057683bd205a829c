import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { Format } from '../../src/config/schema.js'
import { decodeTextFile } from '../../src/config/decode-text-file.js'
import { loadConfig } from '../../src/config/load-config.js'
import { UserError } from '../../src/errors.js'
import { readAnnotationFile } from '../../src/formats/read-annotations.js'
import { readReferenceFile } from '../../src/formats/read-reference.js'
import { AnnotationTableBuilder } from '../../src/model/annotation-table.js'
import { buildRatings } from '../../src/model/build-ratings.js'
import { ReferenceTableBuilder } from '../../src/model/reference-table.js'
import type { Problem } from '../../src/model/problem.js'
import { loadLabelSchema } from '../../src/schema/label-schema.js'
import { CONTROL } from './helpers.js'

/**
 * A bounded, seeded fuzz run over the readers and the config loader: every
 * input either reads (with problems at file:line) or stops with one clean
 * UserError line. Any other exception, a stack, a control character or an
 * unbounded message fails. Seeds are fixed so a failure reproduces.
 */
const RUNS = 1000

function expectClean(run: () => void): void {
  try {
    run()
  } catch (error) {
    if (!(error instanceof UserError)) {
      throw new Error(`not a UserError: ${String(error)}`)
    }
    const line = error.format()
    expect(line).not.toMatch(CONTROL)
    expect(line).not.toContain('\n')
    expect(line.length).toBeLessThan(1700)
  }
}

function expectCleanProblems(problems: readonly Problem[]): void {
  for (const p of problems) {
    expect(p.message).not.toMatch(CONTROL)
    expect(p.message.length).toBeLessThanOrEqual(1100)
    expect(Number.isInteger(p.line) && p.line >= 1).toBe(true)
  }
}

const FIELDS = { item: 'item_id', annotator: 'annotator', label: 'label' }

// Pieces that matter to the parsers, mixed with ordinary and hostile text.
const csvUnit = fc.constantFrom(
  ',',
  '"',
  '\n',
  '\r\n',
  '\r',
  '\t',
  ' ',
  'a',
  'b',
  '1',
  '1e309',
  '-',
  'é',
  '\u0000',
  '\u001b[2J',
  '\u202e',
  '\ud800',
  '\uffff',
  'item_id',
  'annotator',
  'label',
  'item_id,annotator,label\n',
  '\ufeff'
)
const jsonUnit = fc.constantFrom(
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '"',
  '\\',
  '\\u0000',
  '\\ud800',
  'null',
  'true',
  '1e309',
  '-0',
  ' ',
  '\n',
  '"item_id"',
  '"annotator"',
  '"label"',
  '"__proto__"',
  '"a"',
  '{"item_id":"1","annotator":"a","label":"x"}',
  '\u001b',
  'é'
)
const yamlUnit = fc.constantFrom(
  'version: 1\n',
  'datasets:\n',
  '  - name: d\n',
  '    path: a.csv\n',
  '    gates:\n',
  '      accuracy: { min: 0.8 }\n',
  '    categories: [x, y]\n',
  '    level: ordinal\n',
  '- ',
  ' ',
  '\n',
  '\t',
  ':',
  '[',
  ']',
  '{',
  '}',
  '&a ',
  '*a',
  '!!str ',
  '!x ',
  '"',
  "'",
  '#',
  '|',
  '>',
  '?',
  '%YAML 1.2\n',
  '---\n',
  '__proto__',
  '<<: ',
  'a',
  '1',
  '1e309',
  '.inf',
  '\u0000',
  '\u001b[2J',
  'é'
)
const text = (unit: fc.Arbitrary<string>, max: number) =>
  fc.array(unit, { maxLength: max }).map((parts) => parts.join(''))

const bytesOf = (s: string) => new TextEncoder().encode(s)

// Raw bytes too, some of them invalid UTF-8 or UTF-16.
const rawBytes = fc.uint8Array({ maxLength: 200 })

function readAll(bytes: Uint8Array, format: Format): void {
  const builder = new AnnotationTableBuilder()
  const problems: Problem[] = []
  expectClean(() => {
    readAnnotationFile(bytes, `f.${format}`, format, FIELDS, builder, problems)
    const table = builder.finish()
    const reference = new ReferenceTableBuilder(table.items)
    readReferenceFile(bytes, `f.${format}`, format, FIELDS, reference, problems)
    for (const level of ['nominal', 'interval'] as const) {
      const built = buildRatings(
        table,
        { level, categories: level === 'nominal' ? ['x', 'a'] : undefined },
        reference.finish()
      )
      expectCleanProblems(built.problems)
    }
  })
  expectCleanProblems(problems)
}

describe('fuzz: readers', () => {
  it('CSV and TSV', () => {
    fc.assert(
      fc.property(
        fc.oneof(text(csvUnit, 40).map(bytesOf), rawBytes),
        fc.constantFrom<Format>('csv', 'tsv'),
        (bytes, format) => readAll(bytes, format)
      ),
      { seed: 20260101, numRuns: RUNS }
    )
  })

  it('JSON, JSONL, Label Studio and Prodigy', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          text(jsonUnit, 30).map(bytesOf),
          fc.json().map(bytesOf),
          rawBytes
        ),
        fc.constantFrom<Format>('json', 'jsonl', 'label-studio', 'prodigy'),
        (bytes, format) => readAll(bytes, format)
      ),
      { seed: 20260102, numRuns: RUNS }
    )
  })
})

describe('fuzz: config and label schema loaders', () => {
  it('configs', () => {
    fc.assert(
      fc.property(
        fc.oneof(text(yamlUnit, 40).map(bytesOf), rawBytes),
        (bytes) =>
          expectClean(() => loadConfig(decodeTextFile(bytes, 'c.yml'), 'c.yml'))
      ),
      { seed: 20260103, numRuns: RUNS }
    )
  })

  it('label schemas', () => {
    const schemaUnit = fc.constantFrom(
      'version: 2\n',
      'categories: [x, y]\n',
      'migrations:\n',
      '  - from: 1\n',
      '    rename: { a: x }\n',
      '    remove: [b]\n',
      '__proto__: x\n',
      '- ',
      ' ',
      '\n',
      '[',
      ']',
      '{',
      '}',
      ':',
      'x',
      '1'
    )
    fc.assert(
      fc.property(text(schemaUnit, 30), (s) =>
        expectClean(() =>
          loadLabelSchema(decodeTextFile(bytesOf(s), 's.yml'), 's.yml')
        )
      ),
      { seed: 20260104, numRuns: RUNS }
    )
  })
})
