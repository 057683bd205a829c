/**
 * Each annotator's accuracy (span or box F1) as a ratio of sums over their
 * annotations: row r of the judged table, when it annotates a reference item
 * (`judged[r] === 1`), adds `numerator[r]` (2 × matched elements) and
 * `denominator[r]` (the annotation's elements + the reference's). Kept per
 * annotation, that is per item, so that a variance can be taken over items
 * (`ratioEstimate`) rather than over correlated elements.
 */
export interface AccuracyTerms {
  numerator: Float64Array
  denominator: Float64Array
  judged: Uint8Array
}

export function emptyAccuracyTerms(rows: number): AccuracyTerms {
  return {
    numerator: new Float64Array(rows),
    denominator: new Float64Array(rows),
    judged: new Uint8Array(rows)
  }
}
