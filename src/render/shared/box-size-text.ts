import type { BoxSizeShiftReport } from '../../report/types.js'
import {
  formatChiSquare,
  formatCoefficient,
  formatCount,
  formatCountOf,
  formatShare,
  MISSING
} from './format-number.js'

/** The COCO area ranges the buckets stand for, as one reads them. */
export const BOX_SIZE_RANGES =
  'COCO area ranges: small < 32² px², medium 32² to < 96², large ≥ 96²'

/**
 * The parts of the "Box sizes" line of a box dataset with a base, plain text
 * apart from `escape` (the renderer's, applied to every bucket name, since
 * the report is read back from JSON): the statistics (`testName` names the
 * chi-square test of the change's boxes against the unchanged ones), the buckets' counts
 * and shares base → head, and the boxes of unknown size. Null when neither
 * side has a box with a size.
 */
export function boxSizeText(
  shift: BoxSizeShiftReport,
  escape: (text: string) => string,
  testName = 'chi-square'
): { statistics: string; buckets: string; unknown: string | null } | null {
  const sum = (values: number[]): number => values.reduce((t, n) => t + n, 0)
  const baseTotal = sum(shift.base)
  const headTotal = sum(shift.head)
  if (baseTotal === 0 && headTotal === 0) return null
  const js = shift.jensen_shannon
  const distance =
    js.value === null
      ? `${MISSING} (${escape(js.reason ?? 'undefined')})`
      : formatCoefficient(js.value)
  const test =
    shift.chi_square === null
      ? `${testName} not applicable`
      : `${testName} ${formatChiSquare(shift.chi_square)}`
  const buckets = shift.labels
    .map((name, k) => {
      const b = shift.base[k] ?? 0
      const h = shift.head[k] ?? 0
      return `${escape(name)} ${formatCount(b)} → ${formatCount(h)} (${formatShare(b, baseTotal)} → ${formatShare(h, headTotal)})`
    })
    .join(' · ')
  const u = shift.unknown_size
  const unknown =
    u.base + u.head > 0
      ? `${formatCountOf(u.base, 'box', 'boxes')} → ${formatCountOf(u.head, 'box', 'boxes')} of images of unknown size are in no range`
      : null
  return {
    statistics: `Jensen-Shannon distance ${distance} · ${test}`,
    buckets,
    unknown
  }
}
