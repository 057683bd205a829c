import { buildJsonSchema } from './json-schema.js'

type Json = Record<string, unknown>

/** The command that rewrites docs/config.md; named in the file and in the drift test. */
export const CONFIG_REFERENCE_COMMAND = 'npm run schema'

/**
 * docs/config.md: every config key with its type, default, allowed values and
 * description, and every metric a gate may name. Rendered from the same JSON
 * Schema as schema/labelgate.schema.json (itself built from the zod schema),
 * so the reference cannot say something the validator does not check; a test
 * fails when the committed file differs. Unformatted Markdown: the caller runs
 * it through prettier so that the committed file passes `format:check`.
 */
export function buildConfigReference(): string {
  const schema = buildJsonSchema()
  const definitions = (schema.definitions ?? {}) as Record<string, Json>
  const root = props(schema)
  const dataset = ((root.datasets as Json).items ?? {}) as Json
  const datasetProps = props(dataset)
  const gates = datasetProps.gates as Json
  const gate = definitions.gate ?? {}
  const qcForms = (datasetProps.qc_sample as Json).anyOf as Json[]

  const out: string[] = [
    '# Config reference',
    '',
    `<!-- Generated from src/config/schema.ts by \`${CONFIG_REFERENCE_COMMAND}\`; do not edit by hand. -->`,
    '',
    String(schema.description ?? ''),
    'Validate it in an editor with the JSON Schema: put',
    '`# yaml-language-server: $schema=' +
      String(schema.$id) +
      '` on the first line.',
    'A key not listed here is an error naming its file, line and field.',
    'How gates are judged is in [gates.md](gates.md); the metrics are defined in [metrics.md](metrics.md).',
    '',
    '## Top level',
    '',
    ...table(schema),
    '## `datasets[]`',
    '',
    String(dataset.description ?? ''),
    '',
    ...table(dataset)
  ]
  const sections: [string, Json][] = [
    ['datasets[].fields', datasetProps.fields as Json],
    ['datasets[].reference', datasetProps.reference as Json],
    [
      'datasets[].reference.fields',
      props(datasetProps.reference as Json).fields as Json
    ],
    ['datasets[].multi_label', datasetProps.multi_label as Json],
    ['datasets[].span', datasetProps.span as Json],
    ['datasets[].box', datasetProps.box as Json],
    ['datasets[].bootstrap', datasetProps.bootstrap as Json],
    ['datasets[].adjudication', datasetProps.adjudication as Json],
    ['datasets[].lineage', datasetProps.lineage as Json],
    ['datasets[].consensus', datasetProps.consensus as Json],
    ['datasets[].model_metrics', datasetProps.model_metrics as Json],
    [
      'datasets[].model_metrics.row',
      props(datasetProps.model_metrics as Json).row as Json
    ]
  ]
  for (const [path, node] of sections) {
    out.push(
      `## \`${path}\``,
      '',
      String(node.description ?? ''),
      '',
      ...table(node)
    )
  }
  out.push(
    '## `datasets[].qc_sample`',
    '',
    String((datasetProps.qc_sample as Json).description ?? ''),
    'Give one of the two forms.',
    ''
  )
  qcForms.forEach((form, i) => {
    out.push(
      `### Form ${i + 1}: \`${String((form.required as string[])[0])}\``,
      '',
      ...table(form)
    )
  })
  out.push(
    '## `datasets[].gates.<metric>`',
    '',
    String(gates.description ?? ''),
    String(gate.description ?? ''),
    'A gate needs at least one of `min`, `max`, `max_drop` or `max_jsd`.',
    '',
    ...table(gate),
    '### Gate metrics',
    '',
    'The keys of `gates`: any other is an error.',
    '',
    '| metric | description |',
    '| --- | --- |',
    ...Object.entries(props(gates)).map(
      ([metric, node]) =>
        `| \`${metric}\` | ${cell(String(node.description ?? ''))} |`
    ),
    ''
  )
  return out.join('\n')
}

function props(node: Json): Record<string, Json> {
  return (node.properties ?? {}) as Record<string, Json>
}

/** One row per key of an object schema. */
function table(node: Json): string[] {
  const required = new Set((node.required ?? []) as string[])
  const rows = Object.entries(props(node)).map(([key, child]) =>
    [
      `\`${key}\``,
      typeOf(child),
      required.has(key) ? 'required' : defaultOf(child),
      allowed(child),
      cell(String(child.description ?? ''))
    ].join(' | ')
  )
  return [
    '| key | type | default | allowed | description |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
    ''
  ]
}

function typeOf(node: Json): string {
  if (node.anyOf !== undefined) return 'object (one of two forms)'
  const t = node.type
  if (Array.isArray(t)) return t.join(' or ')
  if (t === 'array') {
    const items = (node.items ?? {}) as Json
    return `list of ${typeOf(items)}`
  }
  return typeof t === 'string' ? t : 'any'
}

function defaultOf(node: Json): string {
  if (node.default === undefined) return '—'
  if (
    node.default !== null &&
    typeof node.default === 'object' &&
    !Array.isArray(node.default)
  ) {
    return Object.keys(node.default).length === 0 ? '`{}`' : 'see below'
  }
  return code(JSON.stringify(node.default))
}

/** Allowed values and bounds, as the schema states them. */
function allowed(node: Json): string {
  const parts: string[] = []
  if (node.const !== undefined) parts.push(code(JSON.stringify(node.const)))
  if (Array.isArray(node.enum)) {
    parts.push(node.enum.map((v) => code(String(v))).join(', '))
  }
  if (typeof node.minimum === 'number') parts.push(`≥ ${node.minimum}`)
  if (typeof node.exclusiveMinimum === 'number') {
    parts.push(`> ${node.exclusiveMinimum}`)
  }
  if (typeof node.maximum === 'number') parts.push(`≤ ${node.maximum}`)
  if (typeof node.exclusiveMaximum === 'number') {
    parts.push(`< ${node.exclusiveMaximum}`)
  }
  if (typeof node.minLength === 'number' && node.minLength > 0) {
    parts.push('non-empty')
  }
  if (typeof node.pattern === 'string')
    parts.push(`matches ${code(node.pattern)}`)
  if (typeof node.minItems === 'number' && node.minItems > 0) {
    parts.push(
      `at least ${node.minItems} item${node.minItems === 1 ? '' : 's'}`
    )
  }
  if (node.type === 'array') {
    const inner = allowed((node.items ?? {}) as Json)
    if (inner !== '') parts.push(`each ${inner}`)
  }
  return parts.length === 0 ? '' : parts.join('; ')
}

function code(text: string): string {
  // A value may be a pipe or a tab (delimiter:): shown escaped, as a
  // Markdown table cell and a reader need them.
  return `\`${text.replace(/\|/g, '\\|').replace(/\t/g, '<tab>')}\``
}

/** Text fit for a Markdown table cell: pipes escaped, one line. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ')
}
