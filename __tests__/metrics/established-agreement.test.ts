import { describe, expect, it } from '@jest/globals'
import { computeAgreement } from '../../src/metrics/agreement.js'
import type { AgreementMetric } from '../../src/metrics/names.js'
import type { Level } from '../../src/model/level.js'
import {
  buildRatings,
  expectValue,
  loadFixture,
  readPlainCsv,
  ROOT,
  type EstablishedFixture
} from './established-helper.js'

interface PairExpected {
  a: string
  b: string
  n_items: number
  kappa: number | null
}

/** Fixture keys (library results) -> our metric, computed at `level`. */
const CHECKS: [string, AgreementMetric, Level][] = [
  ['krippendorff_alpha_nominal', 'krippendorff_alpha', 'nominal'], // NLTK, binary_distance
  ['krippendorff_alpha_interval', 'krippendorff_alpha', 'interval'], // NLTK, interval_distance
  ['fleiss_kappa', 'fleiss_kappa', 'nominal'], // statsmodels
  ['cohen_kappa', 'cohen_kappa', 'nominal'], // sklearn
  ['cohen_kappa_linear', 'cohen_kappa_linear', 'ordinal'], // sklearn, labels= positions
  ['cohen_kappa_quadratic', 'cohen_kappa_quadratic', 'ordinal'],
  ['scott_pi', 'scott_pi', 'nominal'], // NLTK pi, 2 annotators, complete
  ['percent_agreement', 'percent_agreement', 'nominal'], // NLTK avg_Ao, complete
  ['light_kappa', 'light_kappa', 'nominal'] // mean of sklearn pairwise kappas
]

function rowsOf(fixture: EstablishedFixture): string[][] {
  if (fixture.rows) return fixture.rows
  const data = fixture.data as { annotations: string }
  return readPlainCsv(`${ROOT}${data.annotations}`, [
    'item_id',
    'annotator',
    'label'
  ])
}

const FIXTURES = [
  'two-complete',
  'fleiss-complete',
  'many-missing',
  'ordinal-5',
  'gold',
  'real-bluebirds',
  'real-snow_rte'
]

describe.each(FIXTURES)(
  'agreement against established implementations: %s',
  (name) => {
    const fixture = loadFixture(`${name}.json`)
    const rows = rowsOf(fixture)
    const at = (level: Level) =>
      computeAgreement(
        buildRatings(
          rows,
          fixture.categories,
          level,
          [],
          level === 'interval' ? fixture.values : undefined,
          fixture.data === undefined
        ).ratings
      )
    const checks = CHECKS.filter(([key]) => key in fixture.expected)

    it.each(checks)('%s', (key, metric, level) => {
      const expected = fixture.expected[key] as number | null
      const ours = at(level).metrics[metric]
      expectValue(ours, expected)
    })

    const pairs = fixture.expected.pairwise as PairExpected[] | undefined
    if (pairs !== undefined) {
      it('pairwise Cohen kappa (sklearn, on the items both rated)', () => {
        const ours = at('nominal').pairwise
        expect(ours.map((p) => [p.a, p.b, p.n_items])).toEqual(
          pairs.map((p) => [p.a, p.b, p.n_items])
        )
        ours.forEach((p, j) => expectValue({ value: p.kappa }, pairs[j].kappa))
      })
    }
  }
)
