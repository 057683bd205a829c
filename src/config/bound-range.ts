import { EQUAL_TOLERANCE } from '../gates/equal-tolerance.js'
import { metricRange } from '../metrics/names.js'

/** The bounds of one gate, as the config gives them. */
interface Bounds {
  min?: number
  max?: number
  max_drop?: number
  max_decline?: number
}

type RangeProblem = { bound: keyof Bounds; message: string }

/**
 * Bounds that no value of the metric can meet, and bounds above 1 that no
 * value can breach on a metric at most 1 (on a fraction, a percentage:
 * `min: 80` for 80%). Only what the metric's range proves:
 *
 * - `min` above the largest value (1): no value passes;
 * - `max` below the smallest value (0 for fractions and for a `slice_gap.*`,
 *   a gap being never negative; none assumed for the chance-corrected
 *   coefficients, whose lower limit depends on the data): no value passes;
 * - `max` above 1, and on a fraction `max_drop` or `max_decline` above 1 (a
 *   change of a fraction is at most 1): no value fails.
 *
 * A limit itself is allowed (`min: 1`, `max: 0`), within EQUAL_TOLERANCE.
 * Metrics without a declared range are not checked; negative `max_drop` and
 * `max_decline` are refused by the gate schema already.
 */
export function boundRangeProblems(
  metric: string,
  gate: Bounds
): RangeProblem[] {
  const gap = metric.startsWith('slice_gap.')
  // annotator.drift's max_drop is a fall of accuracy.
  const range = metricRange(metric === 'annotator.drift' ? 'accuracy' : metric)
  if (range === undefined && !gap) return []
  const fraction = range?.fraction ?? false
  const hint = (x: number) => (fraction ? percentHint(x) : '')
  const what = gap
    ? `gap of ${metric.slice('slice_gap.'.length)} between slices`
    : `value ${metric} can take`
  const low = gap ? 0 : (range?.low ?? null)
  const high = gap && !fraction ? null : 1
  const problems: RangeProblem[] = []
  if (
    gate.min !== undefined &&
    high !== null &&
    gate.min > high + EQUAL_TOLERANCE
  ) {
    problems.push({
      bound: 'min',
      message: `min ${gate.min} is above ${high}, the largest ${what}: no value can pass${hint(gate.min)}`
    })
  }
  if (gate.max !== undefined) {
    if (low !== null && gate.max < low - EQUAL_TOLERANCE) {
      problems.push({
        bound: 'max',
        message: `max ${gate.max} is below ${low}, the smallest ${what}: no value can pass`
      })
    } else if (high !== null && gate.max > high + EQUAL_TOLERANCE) {
      problems.push({
        bound: 'max',
        message: `max ${gate.max} is above ${high}, the largest ${what}: the gate can never fail${hint(gate.max)}`
      })
    }
  }
  if (fraction) {
    for (const bound of ['max_drop', 'max_decline'] as const) {
      const x = gate[bound]
      if (x === undefined || x <= 1 + EQUAL_TOLERANCE) continue
      problems.push({
        bound,
        message: `${bound} ${x} is more than ${metric === 'annotator.drift' ? 'accuracy' : metric} can change (its values run from 0 to 1): the gate can never fail${hint(x)}`
      })
    }
  }
  return problems
}

/** "; bounds are fractions: 0.8, not 80" for a bound that reads as a percentage. */
function percentHint(x: number): string {
  if (x <= 1 || x > 100) return ''
  return `; bounds are fractions: ${Number((x / 100).toPrecision(12))}, not ${x}`
}
