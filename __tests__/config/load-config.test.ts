import { describe, expect, it } from '@jest/globals'
import { loadConfig } from '../../src/config/load-config.js'
import { UserError } from '../../src/errors.js'
import { fixture, fixtureNames } from './fixtures.js'

const FILE = 'labelgate.yml'

/** The one line the CLI prints for a config that cannot be loaded. */
function failure(text: string, file = FILE): UserError {
  try {
    loadConfig(text, file)
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('the config loaded, but should not have')
}

// Each invalid fixture and the exact line it prints (line 1 of each fixture is
// `# prettier-ignore`, so the config proper starts on line 2).
const EXPECTED: Record<string, string> = {
  'alias-bomb.yml':
    'labelgate.yml:4:8: invalid YAML: too many aliases (excessive alias count indicates a resource exhaustion attack)',
  'bad-format.yml':
    "labelgate.yml:6:13: field 'datasets[0].format': expected one of csv, tsv, jsonl, json, label-studio, label-studio-min, label-studio-csv, prodigy, conll, parquet, coco, yolo, got 'xlsx'",
  'bad-level.yml':
    "labelgate.yml:10:14: field 'datasets[0].level': expected one of nominal, ordinal, interval, ratio, got 'nominl'; did you mean 'nominal'?",
  'bad-name.yml':
    "labelgate.yml:4:11: field 'datasets[0].name': expected letters, digits, dot, dash and underscore, starting with a letter or digit, got 'my sentiment'",
  'bad-on-undefined.yml':
    "labelgate.yml:7:47: field 'datasets[0].gates.fleiss_kappa.on_undefined': expected one of pass, warn, fail, got 'skip'",
  'bad-severity.yml':
    "labelgate.yml:7:42: field 'datasets[0].gates.error_rate.severity': expected one of error, warning, got 'errror'; did you mean 'error'?",
  'category-not-a-value.yml':
    "labelgate.yml:6:28: field 'datasets[0].categories[1]': expected text, a number or true/false, got a list",
  'comments-only.yml':
    "labelgate.yml:1:1: the config is empty; it needs 'version: 1' and a list of 'datasets'",
  'datasets-not-a-list.yml':
    "labelgate.yml:4:3: field 'datasets': expected a list, got a mapping",
  'duplicate-category.yml':
    "labelgate.yml:7:34: field 'datasets[0].categories[3]': category 'mid' is listed twice",
  'duplicate-key.yml':
    "labelgate.yml:7:5: invalid YAML: key 'level' is set twice in one mapping",
  'duplicate-name.yml':
    "labelgate.yml:6:11: field 'datasets[1].name': dataset name 'sentiment' is used twice",
  'empty-datasets.yml':
    "labelgate.yml:3:11: field 'datasets': needs at least 1 entry",
  'empty-level.yml':
    "labelgate.yml:6:5: field 'datasets[0].level': expected one of nominal, ordinal, interval, ratio, got nothing",
  'empty.yml':
    "labelgate.yml:1:1: the config is empty; it needs 'version: 1' and a list of 'datasets'",
  'fields-not-a-mapping.yml':
    "labelgate.yml:6:13: field 'datasets[0].fields': expected a mapping, got 'item_id'",
  'fractional-min-items.yml':
    "labelgate.yml:7:44: field 'datasets[0].gates.fleiss_kappa.min_items': expected a whole number, got 2.5",
  'gate-bound-not-a-number.yml':
    "labelgate.yml:7:34: field 'datasets[0].gates.krippendorff_alpha.min': expected a number, got 'high'",
  'gate-without-bounds.yml':
    "labelgate.yml:7:27: field 'datasets[0].gates.krippendorff_alpha': a gate needs at least one of min, max, max_drop, max_decline or max_jsd",
  'interval-text-category.yml':
    "labelgate.yml:10:9: field 'datasets[0].categories[2]': an interval category must be a number, not 'many'",
  'coefficient-min-above-one.yml':
    "labelgate.yml:7:34: field 'datasets[0].gates.krippendorff_alpha.min': min 5 is above 1, the largest value krippendorff_alpha can take: no value can pass",
  'max-drop-as-percent.yml':
    "labelgate.yml:9:19: field 'datasets[0].gates.error_rate.max_drop': max_drop 2 is more than error_rate can change (its values run from 0 to 1): the gate can never fail; bounds are fractions: 0.02, not 2",
  'min-as-percent.yml':
    "labelgate.yml:7:24: field 'datasets[0].gates.accuracy.min': min 80 is above 1, the largest value accuracy can take: no value can pass; bounds are fractions: 0.8, not 80",
  'min-above-max.yml':
    'labelgate.yml:7:45: field \'datasets[0].gates["changed.error_rate"].min\': min 0.1 is above max 0.02: no value can pass',
  'missing-datasets.yml': "labelgate.yml:2:1: missing required key 'datasets'",
  'missing-path.yml':
    "labelgate.yml:4:5: field 'datasets[0]': missing required key 'path'",
  'missing-version.yml':
    "labelgate.yml:2:1: missing required key 'version'; add 'version: 1' at the top",
  'misspelt-version.yml':
    "labelgate.yml:2:1: unknown key 'verison'; did you mean 'version'?",
  'negative-max-drop.yml':
    "labelgate.yml:8:19: field 'datasets[0].gates.krippendorff_alpha.max_drop': expected a number at least 0, got -0.02",
  'not-a-mapping.yml':
    "labelgate.yml:2:1: expected a mapping with 'version: 1' and 'datasets', got a list",
  'ordinal-without-categories.yml':
    "labelgate.yml:4:5: field 'datasets[0].categories': an ordinal dataset needs its ordered categories",
  'scalar.yml':
    "labelgate.yml:2:1: expected a mapping with 'version: 1' and 'datasets', got the value \"labelgate\"",
  'tab-indent.yml.txt':
    'labelgate.yml:3:1: invalid YAML: Tabs are not allowed as indentation',
  'two-documents.yml':
    "labelgate.yml:3:1: invalid YAML: a config is one YAML document; remove the '---' separator",
  'unclosed-list.yml.txt':
    'labelgate.yml:6:5: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
  'unclosed-quote.yml.txt':
    'labelgate.yml:5:1: invalid YAML: Missing closing "quote',
  'unknown-dataset-key.yml':
    "labelgate.yml:4:5: field 'datasets[0]': unknown key 'paths'; did you mean 'path'?",
  'unknown-gate-key.yml':
    "labelgate.yml:8:9: field 'datasets[0].gates.krippendorff_alpha': unknown key 'mni'; expected one of min, max, max_drop, max_decline, window, max_jsd, severity, min_items, on_undefined, by, pre_existing, significance, column",
  'unknown-metric-far.yml':
    "labelgate.yml:7:7: field 'datasets[0].gates': unknown metric 'alpha'; a gate names one of percent_agreement, cohen_kappa, cohen_kappa_linear, cohen_kappa_quadratic, light_kappa, scott_pi, fleiss_kappa, krippendorff_alpha, gwet_ac1, accuracy, error_rate, majority_vote_accuracy, or changed.<metric>, or annotator.accuracy, annotator.drift, annotator.estimated_accuracy, annotator.spam_score, or consensus_accuracy, or label_shift",
  'unknown-metric.yml':
    "labelgate.yml:8:7: field 'datasets[0].gates': unknown metric 'krippendorf_alpha'; did you mean 'krippendorff_alpha'?",
  'unknown-reference-field.yml':
    "labelgate.yml:8:32: field 'datasets[0].reference.fields': unknown key 'annotator'; expected one of item, label",
  'unknown-root-key.yml':
    "labelgate.yml:3:1: unknown key 'dataset'; did you mean 'datasets'?",
  'unknown-tag.yml':
    "labelgate.yml:5:11: invalid YAML: unknown tag '!include'; a config is plain YAML, without custom tags",
  'unquoted-glob.yml':
    "labelgate.yml:5:11: invalid YAML: no anchor '&.csv' before the alias '*.csv'; a value that starts with '*' (a glob) needs quotes: '*.csv'",
  'version-as-text.yml':
    "labelgate.yml:2:10: field 'version': this labelgate reads config version 1, got '1'",
  'wrong-version.yml':
    "labelgate.yml:2:10: field 'version': this labelgate reads config version 1, got 2"
}

describe('loadConfig: the documented config examples', () => {
  it('loads the minimal form with every key given', () => {
    expect(loadConfig(fixture('valid/design-minimal.yml'), FILE)).toEqual({
      version: 1,
      datasets: [
        {
          name: 'sentiment',
          path: 'data/sentiment/annotations.csv',
          format: 'csv',
          fields: { item: 'item_id', annotator: 'annotator', label: 'label' },
          level: 'nominal',
          type: 'category',
          categories: ['negative', 'neutral', 'positive'],
          reference: {
            path: 'data/sentiment/gold.csv',
            fields: { item: 'item_id', label: 'label' }
          },
          gates: {
            krippendorff_alpha: {
              min: 0.8,
              severity: 'error',
              on_undefined: 'fail'
            },
            error_rate: { max: 0.05, severity: 'error', on_undefined: 'fail' }
          }
        }
      ]
    })
  })

  it('loads every gate key of the second example', () => {
    const { gates } = loadConfig(fixture('valid/design-gates.yml'), FILE)
      .datasets[0]!
    expect(gates).toEqual({
      krippendorff_alpha: {
        min: 0.8,
        max_drop: 0.02,
        severity: 'error',
        on_undefined: 'fail'
      },
      error_rate: { max: 0.05, severity: 'warning', on_undefined: 'fail' },
      'changed.error_rate': {
        max: 0.08,
        severity: 'error',
        on_undefined: 'fail'
      },
      'annotator.accuracy': {
        min: 0.85,
        min_items: 20,
        severity: 'error',
        on_undefined: 'fail'
      },
      fleiss_kappa: {
        min: 0.6,
        min_items: 50,
        severity: 'error',
        on_undefined: 'fail'
      }
    })
  })

  it.each(fixtureNames('valid'))('loads valid/%s', (name) => {
    const config = loadConfig(fixture(`valid/${name}`), FILE)
    expect(config.version).toBe(1)
    expect(config.datasets.length).toBeGreaterThan(0)
  })
})

describe('loadConfig: defaults', () => {
  const [bare] = loadConfig(fixture('valid/defaults.yml'), FILE).datasets

  it('fills in fields, level and gates, and leaves the optional keys out', () => {
    expect(bare).toEqual({
      name: 'bare',
      path: 'labels.jsonl',
      fields: { item: 'item_id', annotator: 'annotator', label: 'label' },
      level: 'nominal',
      type: 'category',
      gates: {}
    })
  })

  it('fills in the fields a partial mapping leaves out', () => {
    const [dataset] = loadConfig(
      [
        'version: 1',
        'datasets:',
        '  - name: a',
        '    path: a.csv',
        '    fields: { label: answer }',
        '    reference: { path: gold.csv, fields: { item: id } }'
      ].join('\n'),
      FILE
    ).datasets
    expect(dataset!.fields).toEqual({
      item: 'item_id',
      annotator: 'annotator',
      label: 'answer'
    })
    expect(dataset!.reference!.fields).toEqual({ item: 'id', label: 'label' })
  })

  it('keeps severity and on_undefined when given', () => {
    const gates = loadConfig(fixture('valid/everything.yml'), FILE).datasets[0]!
      .gates
    expect(gates['krippendorff_alpha']).toEqual({
      min: 0.667,
      max_drop: 0.05,
      severity: 'error',
      on_undefined: 'warn'
    })
    expect(gates['changed.accuracy']!.severity).toBe('warning')
    expect(gates['cohen_kappa_quadratic']!.on_undefined).toBe('pass')
  })

  it('reads categories written as numbers or booleans as text', () => {
    const [severity, toxicity, hours] = loadConfig(
      fixture('valid/everything.yml'),
      FILE
    ).datasets
    expect(severity!.categories).toEqual(['1', '2', '3', '4', '5'])
    expect(toxicity!.categories).toEqual(['true', 'false'])
    expect(hours!.categories).toEqual(['0', '0.5', '1', '2'])
  })
})

describe('loadConfig: errors', () => {
  it('has an expectation for every invalid fixture', () => {
    expect(fixtureNames('invalid')).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(Object.entries(EXPECTED))('invalid/%s', (name, line) => {
    expect(failure(fixture(`invalid/${name}`)).format()).toBe(line)
  })

  it('names file, line, column and field in `where`', () => {
    const error = failure(
      fixture('invalid/bad-level.yml'),
      '.github/labelgate.yml'
    )
    expect(error.where).toEqual({
      file: '.github/labelgate.yml',
      line: 10,
      column: 14,
      field: 'datasets[0].level'
    })
  })

  it('reports the problem written first when there are several', () => {
    const text = [
      'version: 1',
      'datasets:',
      '  - name: b',
      '    path: b.csv',
      '    level: ordinl',
      '  - name: a',
      '    pth: a.csv'
    ].join('\n')
    expect(failure(text).format()).toBe(
      "labelgate.yml:5:12: field 'datasets[0].level': expected one of nominal, ordinal, interval, ratio, got 'ordinl'; did you mean 'ordinal'?"
    )
  })

  it('counts lines the same with CRLF line ends', () => {
    const lines = ['version: 1', 'datasets:', '  - name: a', '    paht: a.csv']
    expect(failure(lines.join('\r\n')).format()).toBe(
      failure(lines.join('\n')).format()
    )
    expect(failure(lines.join('\r\n')).where).toMatchObject({
      line: 4,
      column: 5
    })
  })

  it('keeps the message on one line when a key holds a line break', () => {
    const text = ['version: 1', '"bad\\nkey": 1', 'datasets: []'].join('\n')
    const line = failure(text).format()
    expect(line).toBe(
      "labelgate.yml:2:1: unknown key 'bad\\nkey'; expected one of version, datasets"
    )
    expect(line).not.toContain('\n')
  })

  it('rejects brackets nested too deep instead of crashing in yaml', () => {
    const text = `version: 1\ndatasets: ${'['.repeat(100_000)}`
    expect(failure(text).format()).toBe(
      'labelgate.yml:2:75: invalid YAML: brackets nested deeper than 64 levels'
    )
  })

  it('rejects a list used as a key', () => {
    const text = ['version: 1', '? [a, b]', ': 1', 'datasets: []'].join('\n')
    expect(failure(text).format()).toBe(
      'labelgate.yml:2:3: invalid YAML: a key must be plain text, not a list'
    )
  })

  it('points into the anchor when an aliased gate is wrong', () => {
    const text = [
      'version: 1',
      'datasets:',
      '  - name: a',
      '    path: a.csv',
      '    gates: &shared',
      '      krippendorff_alpha: { min: 0.8, severty: warning }',
      '  - name: b',
      '    path: b.csv',
      '    gates: *shared'
    ].join('\n')
    expect(failure(text).format()).toBe(
      "labelgate.yml:6:39: field 'datasets[0].gates.krippendorff_alpha': unknown key 'severty'; did you mean 'severity'?"
    )
  })

  it('reads gates shared through an alias', () => {
    const text = [
      'version: 1',
      'datasets:',
      '  - name: a',
      '    path: a.csv',
      '    gates: &shared',
      '      krippendorff_alpha: { min: 0.8 }',
      '  - name: b',
      '    path: b.csv',
      '    gates: *shared'
    ].join('\n')
    const [a, b] = loadConfig(text, FILE).datasets
    expect(b!.gates).toEqual(a!.gates)
    expect(b!.gates['krippendorff_alpha']!.min).toBe(0.8)
  })

  it('gives every error as one line, never a zod dump', () => {
    for (const name of Object.keys(EXPECTED)) {
      const line = failure(fixture(`invalid/${name}`)).format()
      expect(line).not.toMatch(/\n|Invalid input|"code"/)
    }
  })
})
