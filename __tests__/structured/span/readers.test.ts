import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { UserError } from '../../../src/errors.js'
import { readConll } from '../../../src/structured/span/read-conll.js'
import { readLabelStudioSpans } from '../../../src/structured/span/read-label-studio-spans.js'
import { readProdigySpans } from '../../../src/structured/span/read-prodigy-spans.js'
import { readSpans, spanList } from './span-helpers.js'
import { ProblemLog } from '../../../src/formats/problem-log.js'
import { ElementTableBuilder } from '../../../src/structured/element-table.js'
import { DEFAULT_SPAN_OPTIONS } from '../../../src/structured/span/span-options.js'
import { SpanSink } from '../../../src/structured/span/span-sink.js'

const fixture = (name: string): string =>
  readFileSync(
    new URL(`../../../__fixtures__/spans/${name}`, import.meta.url),
    'utf8'
  )
const where = (p: {
  file: string
  line: number
  field?: string
  severity: string
}) => `${p.severity} ${p.file}:${p.line} ${p.field ?? ''}`

describe('CoNLL reader', () => {
  test('one file per annotator: items are sentences by ordinal, text is tokens joined by spaces', () => {
    const { builder, log } = readSpans({
      'ner/alice.conll': fixture('conll/alice.conll'),
      'ner/bob.conll': fixture('conll/bob.conll')
    })
    const t = builder.finish()
    expect(t.annotators.values).toEqual(['alice', 'bob'])
    expect(t.text.get(t.items.get('1')!)).toBe(
      'EU rejects German call to boycott British lamb .'
    )
    expect(spanList(builder)).toEqual(
      [
        '1 alice 0 2 ORG',
        '1 alice 11 17 MISC',
        '1 alice 34 41 MISC',
        '1 bob 0 2 ORG',
        '1 bob 34 41 MISC',
        '2 alice 0 15 PER',
        '2 bob 0 5 PER',
        '2 bob 6 15 PER',
        '3 alice 0 8 LOC',
        '3 bob 0 8 LOC'
      ].sort()
    )
    // bob's I-MISC without B-MISC is dropped as seqeval strict does, and warned at its line.
    const problems = log.finish()
    expect(problems.map(where)).toEqual(['warning ner/bob.conll:5 tag'])
    expect(problems[0]!.message).toContain("'I-MISC'")
  })

  test('annotator column and # id lines; BIOES detected; a B- not closed by E- is dropped with a warning', () => {
    const { builder, log } = readSpans(
      { 'dl/annotations.bioes': fixture('conll-column/annotations.bioes') },
      readConll,
      { annotatorColumn: 4 }
    )
    const t = builder.finish()
    expect(t.items.values).toEqual(['dialog-1', '1'])
    expect(t.size).toBe(4)
    expect(spanList(builder)).toEqual(
      [
        'dialog-1 1427402039 6 11 PER',
        'dialog-1 1427402040 6 9 PER',
        '1 1427402039 0 1 PER'
      ].sort()
    )
    expect(log.finish().map(where)).toEqual([
      'warning dl/annotations.bioes:21 tag'
    ])
  })

  test('a tag outside the scheme is an error read as O; a line without a tag stops the run at file:line', () => {
    const { builder, log } = readSpans(
      { 'a.conll': 'EU B-ORG\nrejects X-VERB\n' },
      readConll,
      { scheme: 'bio' }
    )
    expect(spanList(builder)).toEqual(['1 a 0 2 ORG'])
    expect(log.finish().map(where)).toEqual(['error a.conll:2 tag'])
    expect(() => readSpans({ 'b.conll': 'EU B-ORG\nlonely\n' })).toThrow(
      UserError
    )
    const thrown = (() => {
      try {
        readSpans({ 'b.conll': 'EU B-ORG\nlonely\n' })
        return null
      } catch (e) {
        return e as UserError
      }
    })()
    expect(thrown?.format()).toBe(
      "b.conll:2: field 'tag': a token line needs the token and its tag; found 1 column"
    )
  })

  test('E- in a file read as bio is an error; overlap cannot occur in BIO', () => {
    const { log } = readSpans({ 'c.conll': 'a S-PER\n' }, readConll, {
      scheme: 'bio'
    })
    expect(log.finish().map((p) => p.message)).toEqual([
      "tag 'S-PER' is not a bio tag (O, B-X, I-X); read as O"
    ])
  })
})

describe('Label Studio labels reader', () => {
  test('spans, annotators, a cancelled annotation, and problems at the annotation line with the field', () => {
    const { builder, log } = readSpans(
      { 'ls/export.json': fixture('label-studio.json') },
      readLabelStudioSpans,
      { categories: ['PER', 'ORG', 'LOC', 'MISC'] }
    )
    expect(spanList(builder)).toEqual(
      [
        '101 alice@example.org 0 2 ORG',
        '101 alice@example.org 11 17 MISC',
        '101 alice@example.org 34 41 MISC',
        '101 bob@example.org 0 2 ORG',
        '101 bob@example.org 11 22 MISC',
        '102 alice@example.org 0 15 PER'
      ].sort()
    )
    const problems = log.finish()
    expect(problems.map(where)).toEqual([
      'error ls/export.json:87 result[0].value.text',
      'error ls/export.json:87 result[1].value.end',
      'error ls/export.json:87 result[2].value.label',
      'warning ls/export.json:60 was_cancelled'
    ])
    expect(problems[0]!.message).toBe(
      "span [0, 5) says its text is 'Petre' but the item's text there is 'Peter'"
    )
    expect(problems[1]!.message).toBe(
      'span [6, 40) lies outside the text (length 15)'
    )
    expect(problems[2]!.message).toBe("entity type 'PERSON' is not a category")
  })

  test('overlap: forbid makes a second overlapping span an error', () => {
    const doc = JSON.stringify([
      {
        id: 1,
        data: { text: 'New York City' },
        annotations: [
          {
            completed_by: 1,
            result: [
              { type: 'labels', value: { start: 0, end: 8, labels: ['LOC'] } },
              { type: 'labels', value: { start: 4, end: 13, labels: ['LOC'] } }
            ]
          }
        ]
      }
    ])
    expect(
      readSpans({ 'x.json': doc }, readLabelStudioSpans).log.finish()
    ).toEqual([])
    const forbid = readSpans({ 'x.json': doc }, readLabelStudioSpans, {
      overlap: 'forbid'
    })
    expect(forbid.log.finish().map((p) => [p.field, p.message])).toEqual([
      [
        'result[1].value.start',
        "span [4, 13) 'LOC' overlaps span [0, 8) of the same annotation (line 1); the dataset forbids overlap (span.overlap: forbid)"
      ]
    ])
    expect(spanList(forbid.builder)).toEqual(['1 1 0 8 LOC'])
  })
})

describe('Prodigy / spaCy spans reader', () => {
  test('accept, reject, ignore, code points converted to UTF-16, tokens kept', () => {
    const { builder, log, sink } = readSpans(
      { 'db-out.jsonl': fixture('prodigy.jsonl') },
      readProdigySpans
    )
    expect(spanList(builder)).toEqual(
      [
        '-1405921151 news_ner-alice 0 5 ORG',
        '-1405921151 news_ner-alice 27 31 GPE',
        '-1405921151 news_ner-alice 44 54 MONEY',
        '-1405921151 news_ner-bob 0 5 ORG',
        '-1405921151 news_ner-bob 27 39 GPE',
        '-1405921151 news_ner-bob 45 54 MONEY',
        // 🍕 is one code point and two UTF-16 units: offsets after it move by one.
        '883311234 news_ner-alice 16 23 ORG',
        '883311234 news_ner-alice 27 33 GPE'
      ].sort()
    )
    const t = builder.finish()
    const text = t.text.get(t.items.get('883311234')!)!
    expect(text.slice(16, 23)).toBe("Luigi's")
    expect(
      Array.from(sink.tokens.get(t.items.get('-1405921151')!)!).slice(0, 4)
    ).toEqual([0, 5, 6, 8])
    expect(log.finish().map(where)).toEqual([
      'error db-out.jsonl:6 spans[0].end',
      'error db-out.jsonl:7 answer',
      'warning db-out.jsonl:4 answer',
      'warning db-out.jsonl:5 answer'
    ])
  })

  test('the same item with another text is an error naming the first place', () => {
    const a = JSON.stringify({
      text: 'one',
      _input_hash: 5,
      _annotator_id: 'a',
      spans: []
    })
    const b = JSON.stringify({
      text: 'two',
      _input_hash: 5,
      _annotator_id: 'b',
      spans: []
    })
    const { log } = readSpans({ 'p.jsonl': `${a}\n${b}\n` }, readProdigySpans)
    expect(log.finish().map((p) => `${p.line} ${p.message}`)).toEqual([
      "2 item '5' has another text here than at p.jsonl:1; offsets would not be comparable, so this annotation is left out"
    ])
  })

  test('a reference (gold) file needs no annotator; an annotation file does', () => {
    const gold = JSON.stringify({
      text: 'Ann met Bob',
      _input_hash: 7,
      spans: [{ start: 0, end: 3, label: 'PER' }]
    })
    const files = { 'gold.jsonl': `${gold}\n` }
    const log = new ProblemLog()
    const builder = new ElementTableBuilder('span')
    const sink = new SpanSink(builder, log, DEFAULT_SPAN_OPTIONS, {
      reference: true
    })
    readProdigySpans(
      new TextEncoder().encode(files['gold.jsonl']),
      0,
      'gold.jsonl',
      sink
    )
    sink.finish()
    expect(log.finish()).toEqual([])
    const table = builder.finish()
    expect(table.size).toBe(1)
    expect(table.annotator[0]).toBe(-1)
    // Read as annotations, the same line lacks its annotator.
    const asRatings = readSpans(files, readProdigySpans)
    expect(asRatings.log.finish().map((p) => `${p.line} ${p.field}`)).toEqual([
      '1 _session_id'
    ])
  })
})
