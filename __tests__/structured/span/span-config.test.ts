import { describe, expect, test } from '@jest/globals'
import { loadConfig } from '../../../src/config/load-config.js'
import { UserError } from '../../../src/errors.js'
import { spanOptionsOf } from '../../../src/structured/span/span-config.js'

const config = (lines: string[]) =>
  ['version: 1', 'datasets:', '  - name: ner', ...lines, ''].join('\n')
const failure = (text: string): string => {
  try {
    loadConfig(text, 'labelgate.yml')
    return ''
  } catch (e) {
    return (e as UserError).format()
  }
}

describe('span settings in the config', () => {
  test('defaults, and the settings reach the readers', () => {
    const c = loadConfig(
      config([
        '    type: span',
        '    path: a.conll',
        '    fields: { item: data.doc }'
      ]),
      'labelgate.yml'
    )
    const d = c.datasets[0]!
    expect(d.span).toBeUndefined()
    expect(spanOptionsOf(d, d.fields)).toEqual({
      overlap: 'allow',
      scheme: 'auto',
      textField: 'text',
      itemField: 'data.doc'
    })
    const s = loadConfig(
      config([
        '    type: span',
        '    path: a.conll',
        '    span: { overlap: forbid, scheme: bioes, annotator_column: 4, tag_column: 3 }'
      ]),
      'labelgate.yml'
    ).datasets[0]!
    expect(spanOptionsOf(s, s.fields)).toMatchObject({
      overlap: 'forbid',
      scheme: 'bioes',
      annotatorColumn: 4,
      tagColumn: 3
    })
  })

  test('span settings, format conll and a tool-format reference need the right type (exit 2 with the line)', () => {
    expect(
      failure(config(['    path: a.csv', '    span: { overlap: forbid }']))
    ).toMatch(
      /labelgate\.yml:\d+.*span settings need type: span \(this dataset's type is category\)/
    )
    expect(failure(config(['    path: a.conll', '    format: conll']))).toMatch(
      /format conll holds entity spans: it needs type: span/
    )
    expect(
      failure(
        config([
          '    path: a.csv',
          '    reference: { path: g.jsonl, format: prodigy }'
        ])
      )
    ).toMatch(/reference labels of a category dataset are plain records/)
    expect(
      failure(
        config([
          '    type: span',
          '    path: a.conll',
          '    span: { overlap: sometimes }'
        ])
      )
    ).toMatch(/overlap/)
  })
})

describe('a Label Studio reference, by dataset type', () => {
  const reference = (type: string, extra = '') =>
    config([
      `    type: ${type}`,
      '    path: a.json',
      '    format: label-studio',
      `    reference: { path: expert.json, format: label-studio${extra} }`
    ])

  test("a span dataset's is the expert's export, read whole: no ground_truth", () => {
    expect(failure(reference('span'))).toBe('')
    expect(failure(reference('span', ', ground_truth: true'))).toMatch(
      /labelgate\.yml:\d+:\d+: .*ground_truth applies to category datasets/
    )
  })

  test("a category dataset's is the export's starred annotations: ground_truth needed", () => {
    expect(failure(reference('category'))).toMatch(
      /labelgate\.yml:\d+:\d+: .*set ground_truth: true/
    )
    expect(failure(reference('category', ', ground_truth: true'))).toBe('')
  })
})
