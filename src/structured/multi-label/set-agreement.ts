import {
  bootstrapStream,
  poisson,
  withBootstrapInterval
} from '../../metrics/bootstrap.js'
import type { IntervalOptions } from '../../metrics/interval-options.js'
import {
  defined,
  undefinedMetric,
  type MetricResult,
  type PairwiseAgreement
} from '../../metrics/result.js'
import type { ElementTable } from '../element-table.js'
import type { LabelAgreement } from '../structured-kind.js'
import { rowsByItem } from '../table-rows.js'
import {
  jaccardDistance,
  masiDistance,
  type SetDistance
} from './set-distance.js'

/** Row r's label codes (ascending, each once, as the readers store them). */
export function labelSet(table: ElementTable, r: number): Int32Array {
  return table.label.subarray(table.start[r]!, table.start[r + 1]!)
}

/** Items with at least two annotations: the pairable units of Krippendorff's alpha. */
export interface Units {
  /** Per unit, its rows: `rows[start[u] .. start[u + 1])`. */
  start: Int32Array
  rows: Int32Array
  /** Per row of `rows`, the code of its set among `sets`. */
  value: Int32Array
  /** Distinct sets. */
  sets: Int32Array[]
  /** Pairable annotations holding each distinct set. */
  count: Float64Array
}

export function pairableUnits(table: ElementTable): Units {
  const groups = rowsByItem(table)
  const starts: number[] = [0]
  const rows: number[] = []
  const value: number[] = []
  const ids = new Map<string, number>()
  const sets: Int32Array[] = []
  const counts: number[] = []
  for (let i = 0; i + 1 < groups.start.length; i++) {
    const from = groups.start[i]!
    const to = groups.start[i + 1]!
    if (to - from < 2) continue
    for (let k = from; k < to; k++) {
      const r = groups.rows[k]!
      const set = labelSet(table, r)
      const key = set.join(',')
      let id = ids.get(key)
      if (id === undefined) {
        id = sets.length
        ids.set(key, id)
        sets.push(set)
        counts.push(0)
      }
      counts[id]!++
      rows.push(r)
      value.push(id)
    }
    starts.push(rows.length)
  }
  return {
    start: Int32Array.from(starts),
    rows: Int32Array.from(rows),
    value: Int32Array.from(value),
    sets,
    count: Float64Array.from(counts)
  }
}

/**
 * Krippendorff's alpha with a set distance (Krippendorff 2011, any number of
 * annotators, missing annotations allowed; units with fewer than two
 * annotations are not pairable): alpha = 1 − D_o / D_e with
 * D_o = (1/n) Σ_u 1/(m_u − 1) Σ_{i≠j in u} d(v_i, v_j) and
 * D_e = 1/(n(n − 1)) Σ_{c,k} n_c n_k d(c, k) over the distinct sets. With
 * every annotator on every item this is NLTK's `AnnotationTask.alpha()`.
 * D_e is O(distinct sets²). Bootstrap: items resampled (Poisson weights) for
 * D_o with D_e held at its full-sample value (Hayes & Krippendorff 2007).
 */
export function setAlpha(
  units: Units,
  distance: SetDistance,
  name: string,
  intervals: IntervalOptions
): MetricResult {
  const nUnits = units.start.length - 1
  if (nUnits === 0) {
    return undefinedMetric('no item has two or more annotations', {
      n_items: 0,
      n: 0
    })
  }
  const n = units.rows.length
  const perUnit = new Float64Array(nUnits)
  let observed = 0
  for (let u = 0; u < nUnits; u++) {
    const from = units.start[u]!
    const to = units.start[u + 1]!
    let sum = 0
    for (let i = from; i < to; i++) {
      for (let j = i + 1; j < to; j++) {
        const a = units.value[i]!
        const b = units.value[j]!
        if (a !== b) sum += 2 * distance(units.sets[a]!, units.sets[b]!)
      }
    }
    perUnit[u] = sum / (to - from - 1)
    observed += perUnit[u]!
  }
  let expected = 0
  const { sets, count } = units
  for (let c = 0; c < sets.length; c++) {
    for (let k = c + 1; k < sets.length; k++) {
      expected += 2 * count[c]! * count[k]! * distance(sets[c]!, sets[k]!)
    }
  }
  const extra = { n_items: nUnits, n }
  if (expected === 0) {
    return undefinedMetric(
      'every annotation holds the same set: no variation to measure agreement against',
      extra
    )
  }
  const de = expected / (n * (n - 1))
  const result = defined(1 - observed / n / de, extra)
  if (intervals.method !== 'bootstrap' || result.value === null) return result
  const next = bootstrapStream(intervals, name)
  const replicates = new Float64Array(intervals.resamples)
  for (let b = 0; b < intervals.resamples; b++) {
    let o = 0
    let m = 0
    for (let u = 0; u < nUnits; u++) {
      const w = poisson(next, 1)
      if (w === 0) continue
      o += w * perUnit[u]!
      m += w * (units.start[u + 1]! - units.start[u]!)
    }
    replicates[b] = m === 0 ? NaN : 1 - o / m / de
  }
  return withBootstrapInterval(result, replicates)
}

export function masiAlpha(
  units: Units,
  intervals: IntervalOptions
): MetricResult {
  return setAlpha(units, masiDistance, 'masi_alpha', intervals)
}

export function jaccardAlpha(
  units: Units,
  intervals: IntervalOptions
): MetricResult {
  return setAlpha(units, jaccardDistance, 'jaccard_alpha', intervals)
}

/**
 * Per label, the annotations' yes/no decisions: binary Krippendorff's alpha
 * over the pairable units, and the mean over annotator pairs of Cohen's kappa
 * on the items both annotated (NLTK's `kappa()` with complete data). Also the
 * annotator-pair table: shared items, the share of them with identical sets
 * (`percent_agreement`) and the mean MASI agreement 1 − d (`similarity`).
 */
export function perLabelAgreement(
  table: ElementTable,
  units: Units
): { perLabel: LabelAgreement[]; pairwise: PairwiseAgreement[] } {
  const nLabels = table.labels.size
  const positives = new Float64Array(nLabels)
  const used = new Uint8Array(nLabels)
  for (let r = 0; r < table.size; r++) {
    for (let e = table.start[r]!; e < table.start[r + 1]!; e++) {
      positives[table.label[e]!]!++
      used[table.label[e]!] = 1
    }
  }
  const nUnits = units.start.length - 1
  const n = units.rows.length
  // Binary alpha: Σ_u 2 p (m − p) / (m − 1) and Σ_u p per label.
  const disagreement = new Float64Array(nLabels)
  const pairablePositives = new Float64Array(nLabels)
  const p = new Float64Array(nLabels)
  const touched: number[] = []
  // Annotator pairs: per pair, shared items, identical sets, MASI sum and
  // per label n11, n10 (first has it), n01.
  const pairs = new Map<
    number,
    { items: number; same: number; masi: number; cells: Float64Array }
  >()
  const nAnnotators = table.annotators.size
  for (let u = 0; u < nUnits; u++) {
    const from = units.start[u]!
    const to = units.start[u + 1]!
    const m = to - from
    for (let k = from; k < to; k++) {
      const r = units.rows[k]!
      for (let e = table.start[r]!; e < table.start[r + 1]!; e++) {
        const l = table.label[e]!
        if (p[l] === 0) touched.push(l)
        p[l]!++
      }
    }
    for (const l of touched) {
      disagreement[l]! += (2 * p[l]! * (m - p[l]!)) / (m - 1)
      pairablePositives[l]! += p[l]!
      p[l] = 0
    }
    touched.length = 0
    for (let i = from; i < to; i++) {
      for (let j = i + 1; j < to; j++) {
        let ri = units.rows[i]!
        let rj = units.rows[j]!
        if (table.annotator[ri]! > table.annotator[rj]!) [ri, rj] = [rj, ri]
        const key = table.annotator[ri]! * nAnnotators + table.annotator[rj]!
        let pair = pairs.get(key)
        if (pair === undefined) {
          pair = {
            items: 0,
            same: 0,
            masi: 0,
            cells: new Float64Array(nLabels * 3)
          }
          pairs.set(key, pair)
        }
        const a = labelSet(table, ri)
        const b = labelSet(table, rj)
        pair.items++
        const d = masiDistance(a, b)
        if (d === 0) pair.same++
        pair.masi += 1 - d
        let x = 0
        let y = 0
        while (x < a.length || y < b.length) {
          if (y >= b.length || (x < a.length && a[x]! < b[y]!)) {
            pair.cells[a[x++]! * 3 + 1]!++
          } else if (x >= a.length || b[y]! < a[x]!) {
            pair.cells[b[y++]! * 3 + 2]!++
          } else {
            pair.cells[a[x]! * 3]!++
            x++
            y++
          }
        }
      }
    }
  }
  const perLabel: LabelAgreement[] = []
  table.labels.values.forEach((label, l) => {
    if (used[l] === 0) return
    let alpha: MetricResult
    const P = pairablePositives[l]!
    const extra = { n_items: nUnits, n }
    if (nUnits === 0)
      alpha = undefinedMetric('no item has two or more annotations', extra)
    else if (P === 0 || P === n) {
      alpha = undefinedMetric(
        P === 0
          ? 'no annotation of a shared item holds the label'
          : 'every annotation of a shared item holds the label',
        extra
      )
    } else {
      const de = (2 * P * (n - P)) / (n * (n - 1))
      alpha = defined(1 - disagreement[l]! / n / de, extra)
    }
    let sum = 0
    let defined_ = 0
    for (const pair of pairs.values()) {
      if (pair.items < 2) continue
      const n11 = pair.cells[l * 3]!
      const n10 = pair.cells[l * 3 + 1]!
      const n01 = pair.cells[l * 3 + 2]!
      const N = pair.items
      const n00 = N - n11 - n10 - n01
      const a1 = (n11 + n10) / N
      const b1 = (n11 + n01) / N
      const pe = a1 * b1 + (1 - a1) * (1 - b1)
      if (pe >= 1) continue
      sum += ((n11 + n00) / N - pe) / (1 - pe)
      defined_++
    }
    const kappa =
      defined_ === 0
        ? undefinedMetric(
            'no annotator pair shares two items with both answers for the label',
            { n_items: nUnits }
          )
        : defined(sum / defined_, { n_items: nUnits, n: defined_ })
    perLabel.push({
      label,
      n_items: nUnits,
      positives: positives[l]!,
      alpha,
      kappa
    })
  })
  const pairwise: PairwiseAgreement[] = []
  for (const [key, pair] of pairs) {
    if (pair.items < 2) continue
    pairwise.push({
      a: table.annotators.value(Math.floor(key / nAnnotators)),
      b: table.annotators.value(key % nAnnotators),
      n_items: pair.items,
      kappa: null,
      percent_agreement: pair.same / pair.items,
      similarity: pair.masi / pair.items
    })
  }
  return { perLabel, pairwise }
}
