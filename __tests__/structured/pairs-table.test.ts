import { describe, expect, it } from '@jest/globals'
import { pairsSection } from '../../src/render/markdown/detail-tables.js'
import type { PairwiseAgreement } from '../../src/report/types.js'

const pair = (similarity: number | null): PairwiseAgreement => ({
  a: 'alice',
  b: 'bob|<b>',
  n_items: 12,
  kappa: null,
  percent_agreement: similarity === null ? 0.5 : null,
  similarity
})

/** The header row of the section's table. */
const header = (section: string | null): string =>
  section!.split('\n').find((l) => l.startsWith('| Annotator'))!

describe("the comment's pair table names each type's agreement", () => {
  it.each([
    ['span', '| Annotator | Annotator | Shared items | Span F1 (strict) |'],
    ['box', '| Annotator | Annotator | Shared items | Box F1 (IoU 0.5) |'],
    [
      'multi_label',
      '| Annotator | Annotator | Shared items | Mean 1 − MASI | Identical sets |'
    ]
  ] as const)('%s', (type, want) => {
    const section = pairsSection([pair(0.75)], 10, type)
    expect(header(section)).toBe(want)
    expect(section).toContain('0.750')
    expect(section).not.toContain('κ')
    // An annotator id is data: escaped, never a cell break or HTML.
    expect(section).not.toContain('bob|<b>')
  })

  it("category datasets keep Cohen's kappa and the agreement share", () => {
    const section = pairsSection(
      [{ ...pair(null), kappa: 0.4, similarity: undefined }],
      10
    )
    expect(header(section)).toBe(
      "| Annotator | Annotator | Shared items | Cohen's κ | Agreement |"
    )
    expect(section).toContain('0.400')
  })
})
