import { describe, expect, it } from '@jest/globals'
import { formatOf } from '../../src/formats/format-of.js'
import { userError } from './helpers.js'

describe('formatOf', () => {
  it.each([
    ['data/a.csv', 'csv'],
    ['data/a.CSV', 'csv'],
    ['a.tsv', 'tsv'],
    ['a.tab', 'tsv'],
    ['x/y.v2.jsonl', 'jsonl'],
    ['a.ndjson', 'jsonl'],
    ['a.json', 'json']
  ])('%s is %s', (path, format) => {
    expect(formatOf(path)).toBe(format)
  })

  it('prefers the configured format', () => {
    expect(formatOf('labels.txt', 'tsv')).toBe('tsv')
    expect(formatOf('labels.csv', 'jsonl')).toBe('jsonl')
  })

  it.each(['labels.txt', 'data.csv/labels', '.csv'])(
    'refuses %s without a configured format',
    (path) => {
      expect(userError(() => formatOf(path))).toBe(
        `${path}: cannot tell the format from the file name; set format: to one of csv, tsv, jsonl, json, label-studio, label-studio-min, label-studio-csv, prodigy, conll, parquet, coco, yolo`
      )
    }
  )
})
