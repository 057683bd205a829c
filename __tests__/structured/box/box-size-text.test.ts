import { describe, expect, it } from '@jest/globals'
import { boxSizeText } from '../../../src/render/shared/box-size-text.js'
import type { BoxSizeShiftReport } from '../../../src/report/types.js'

const shift = (
  base: number[],
  head: number[],
  unknown = { base: 0, head: 0 }
): BoxSizeShiftReport => ({
  labels: ['small', 'medium', 'large'],
  base,
  head,
  jensen_shannon: { value: 0.1234 },
  chi_square: null,
  unknown_size: unknown
})

describe('the box sizes line', () => {
  it('counts and shares per range, the distance, and the boxes in no range', () => {
    const t = boxSizeText(
      shift([1, 1, 2], [0, 2, 2], { base: 3, head: 1 }),
      (s) => s
    )!
    expect(t.buckets).toBe(
      'small 1 → 0 (25.0% → 0.0%) · medium 1 → 2 (25.0% → 50.0%) · large 2 → 2 (50.0% → 50.0%)'
    )
    expect(t.statistics).toBe(
      'Jensen-Shannon distance 0.123 · chi-square not applicable'
    )
    expect(t.unknown).toBe(
      '3 boxes → 1 box of images of unknown size are in no range'
    )
  })

  it('nothing to say when no box has a size (YOLO without sizes)', () => {
    expect(
      boxSizeText(shift([0, 0, 0], [0, 0, 0], { base: 4, head: 5 }), (s) => s)
    ).toBeNull()
  })

  it('range names pass through the escape (the report is read back from JSON)', () => {
    const s = { ...shift([1, 0, 0], [1, 0, 0]), labels: ['<b>', 'm', 'l'] }
    expect(boxSizeText(s, (x) => x.replace(/</g, '&lt;'))!.buckets).toMatch(
      /^&lt;b> 1/
    )
  })
})
