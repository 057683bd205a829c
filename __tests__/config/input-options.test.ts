import { describe, expect, it } from '@jest/globals'
import { loadConfig } from '../../src/config/load-config.js'
import { UserError } from '../../src/errors.js'

const load = (dataset: string) =>
  loadConfig(
    `version: 1\ndatasets:\n  - name: d\n    path: data/a.csv\n${dataset}`,
    'labelgate.yml'
  ).datasets[0]!

function failure(dataset: string): string {
  try {
    load(dataset)
  } catch (error) {
    if (error instanceof UserError) return error.format()
    throw error
  }
  throw new Error('the config loaded, but should not have')
}

describe('config: delimiter, annotator_key, reference ground_truth', () => {
  it('takes a delimiter per dataset and per reference; a tab written three ways', () => {
    const d = load(
      '    delimiter: ";"\n    reference: { path: data/gold.csv, delimiter: "|" }\n'
    )
    expect(d.delimiter).toBe(';')
    expect(d.reference?.delimiter).toBe('|')
    expect(load('    delimiter: "\\t"\n').delimiter).toBe('\t')
    expect(load("    delimiter: '\\t'\n").delimiter).toBe('\\t')
    expect(load('    delimiter: tab\n').delimiter).toBe('tab')
  })

  it('refuses another delimiter, and a delimiter for a format that has none', () => {
    expect(failure('    delimiter: ":"\n')).toBe(
      String.raw`labelgate.yml:5:16: field 'datasets[0].delimiter': expected one of ",", ";", "\t", "|", "\\t", tab, got ':'`
    )
    expect(failure('    format: jsonl\n    delimiter: ";"\n')).toBe(
      "labelgate.yml:6:16: field 'datasets[0].delimiter': delimiter applies to csv, tsv, label-studio-csv files, not to format jsonl"
    )
  })

  it('takes annotator_key for Label Studio exports only', () => {
    expect(
      load('    format: label-studio-min\n    annotator_key: email\n')
        .annotator_key
    ).toBe('email')
    expect(failure('    format: csv\n    annotator_key: email\n')).toBe(
      "labelgate.yml:6:20: field 'datasets[0].annotator_key': annotator_key applies to Label Studio exports, not to format csv"
    )
  })

  it('takes a Label Studio reference only with ground_truth: true, and ground_truth only from Label Studio', () => {
    const d = load(
      '    format: label-studio\n    reference: { path: data/a.json, format: label-studio, ground_truth: true }\n'
    )
    expect(d.reference?.ground_truth).toBe(true)
    expect(
      failure('    reference: { path: data/a.json, format: label-studio }\n')
    ).toMatch(
      /field 'datasets\[0\]\.reference(\.ground_truth)?': a label-studio reference is the export's ground-truth annotations: set ground_truth: true$/
    )
    expect(
      failure('    reference: { path: data/gold.csv, ground_truth: true }\n')
    ).toMatch(
      /field 'datasets\[0\]\.reference\.ground_truth': ground_truth reads a Label Studio export: set format: label-studio$/
    )
  })
})
