import { describe, expect, it } from '@jest/globals'
import { computeReference } from '../../src/metrics/reference.js'
import {
  buildRatings,
  expectReferenceMatches,
  loadFixture,
  readPlainCsv,
  ROOT
} from './established-helper.js'

/** Real crowdsourced sets, copied from the shared datasets with their README. */
function loadReal(name: string) {
  const fixture = loadFixture(`real-${name}.json`)
  const data = fixture.data as { annotations: string; gold: string }
  const rows = readPlainCsv(`${ROOT}${data.annotations}`, [
    'item_id',
    'annotator',
    'label'
  ])
  const gold = readPlainCsv(`${ROOT}${data.gold}`, ['item_id', 'label'])
  const { ratings, reference } = buildRatings(
    rows,
    fixture.categories,
    fixture.level,
    gold,
    undefined,
    false
  )
  return { fixture, rows, ratings, reference }
}

/** Items whose top label count is shared by two labels. */
function tiedItems(rows: string[][]): number {
  const counts = new Map<string, Map<string, number>>()
  for (const [item, , label] of rows) {
    const c = counts.get(item) ?? new Map<string, number>()
    c.set(label, (c.get(label) ?? 0) + 1)
    counts.set(item, c)
  }
  let ties = 0
  for (const c of counts.values()) {
    const sorted = [...c.values()].sort((a, b) => b - a)
    if (sorted.length > 1 && sorted[0] === sorted[1]) ties++
  }
  return ties
}

// Zhang, Chen, Zhou, Jordan, "Spectral Methods Meet EM: A Provably Optimal
// Algorithm for Crowdsourcing", NIPS 2014 (JMLR 17, 2016), Table 2: majority
// voting error 24.07% on Bird (bluebirds) and 10.31% on RTE. Their vote breaks
// ties at random, so its expected error counts a tie as half wrong; ours
// counts a tie as wrong, hence the tie correction below.
describe.each([
  ['bluebirds', 108, 39, 0.2407],
  ['snow_rte', 800, 164, 0.1031]
])('real data: %s', (name, nItems, nAnnotators, publishedVoteError) => {
  const { fixture, rows, ratings, reference } = loadReal(name)
  const result = computeReference(ratings, reference)

  it('has the counts its README states', () => {
    expect(ratings.nItems).toBe(nItems)
    expect(ratings.nAnnotators).toBe(nAnnotators)
    expect(reference.size).toBe(nItems)
    expect(result.referenceItems).toBe(nItems)
  })

  it('matches sklearn and statsmodels', () => {
    expectReferenceMatches(fixture, result, ratings.annotatorIds)
  })

  it('reproduces the published majority-vote error', () => {
    const vote = result.metrics.majority_vote_accuracy.value as number
    const ties = tiedItems(rows)
    expect(1 - (vote * nItems + ties / 2) / nItems).toBeCloseTo(
      publishedVoteError,
      4
    )
  })
})
