import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { ProblemLog } from '../../../src/formats/problem-log.js'
import { ElementTableBuilder } from '../../../src/structured/element-table.js'
import { readLabelStudioSpans } from '../../../src/structured/span/read-label-studio-spans.js'
import { DEFAULT_SPAN_OPTIONS } from '../../../src/structured/span/span-options.js'
import { SpanSink } from '../../../src/structured/span/span-sink.js'
import { spanMetrics } from '../../../src/structured/span/span-metrics.js'

// examples/spans: PICO participant spans, 191 abstracts, crowd workers and one expert.
const read = (name: string) =>
  new Uint8Array(
    readFileSync(
      new URL(`../../../examples/spans/data/${name}`, import.meta.url)
    )
  )

describe('the PICO example (real crowd spans with an expert reference)', () => {
  const builder = new ElementTableBuilder('span')
  const log = new ProblemLog()
  readLabelStudioSpans(
    read('crowd.json'),
    0,
    'crowd.json',
    new SpanSink(builder, log, DEFAULT_SPAN_OPTIONS)
  )
  const refBuilder = new ElementTableBuilder('span', builder)
  const refLog = new ProblemLog()
  readLabelStudioSpans(
    read('reference.json'),
    0,
    'reference.json',
    new SpanSink(refBuilder, refLog, DEFAULT_SPAN_OPTIONS)
  )
  const table = builder.finish()
  const ref = refBuilder.finish()
  const reference = { ...ref, annotator: new Int32Array(ref.size).fill(-1) }
  const m = spanMetrics(table, reference, new Map(), {
    resamples: 200,
    seed: 'pico'
  })

  test('reads every abstract and annotation', () => {
    expect(table.items.size).toBe(191)
    expect(table.size).toBe(1165)
    expect(new Set(table.annotator).size).toBe(91)
    expect(refLog.finish()).toEqual([])
  })

  test('metrics are defined and ordered as expected for crowd spans', () => {
    const v = (n: keyof typeof m.metrics) => m.metrics[n].value!
    for (const n of Object.keys(m.metrics) as (keyof typeof m.metrics)[])
      expect(m.metrics[n].value).not.toBeNull()
    // Crowd workers rarely agree on exact PICO boundaries; overlap is far higher.
    expect(v('pairwise_span_f1_overlap')).toBeGreaterThan(
      v('pairwise_span_f1_strict')
    )
    expect(v('span_f1_overlap')).toBeGreaterThan(v('span_f1_strict'))
    expect(m.metrics.span_f1_strict.n_items).toBe(191)
    expect(m.metrics.span_f1_strict.n).toBe(1165)
    // Every reported figure carries its bootstrap interval around it.
    for (const x of Object.values(m.metrics)) {
      expect(x.ci!.low).toBeLessThanOrEqual(x.value!)
      expect(x.ci!.high).toBeGreaterThanOrEqual(x.value!)
    }
    expect(log.finish().filter((p) => p.severity === 'error')).toEqual([])
  })
})
