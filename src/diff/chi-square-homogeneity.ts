import { regularizedGammaQ } from './regularized-gamma.js'

export interface ChiSquareTest {
  statistic: number
  df: number
  p_value: number
}

/**
 * Pearson's chi-square test of homogeneity (Pearson 1900; Agresti,
 * Categorical Data Analysis, 3rd ed., section 3.2.1) on an R × C table of
 * counts, without continuity correction, as scipy's
 * `chi2_contingency(table, correction=False)`:
 * X² = Σ (O_ij − E_ij)² / E_ij with E_ij = R_i C_j / N,
 * df = (R − 1)(C − 1), p = P(χ²_df ≥ X²) = Q(df / 2, X² / 2).
 *
 * Columns with a zero total carry no information and would give E = 0, so
 * they are dropped. Null (no test) when a row is empty or fewer than two rows
 * or columns remain: there is then no distribution to compare.
 */
export function chiSquareHomogeneity(
  table: readonly (readonly number[])[]
): ChiSquareTest | null {
  const nRows = table.length
  if (nRows < 2) return null
  const nColumns = Math.max(...table.map((row) => row.length))
  const rowTotal = table.map((row) => row.reduce((s, o) => s + o, 0))
  const columnTotal = new Array<number>(nColumns).fill(0)
  for (const row of table) row.forEach((o, j) => (columnTotal[j]! += o))
  if (rowTotal.some((t) => !(t > 0))) return null
  const columns = [...columnTotal.keys()].filter((j) => columnTotal[j]! > 0)
  if (columns.length < 2) return null
  const total = rowTotal.reduce((s, t) => s + t, 0)

  let statistic = 0
  for (let i = 0; i < nRows; i++) {
    for (const j of columns) {
      const expected = (rowTotal[i]! * columnTotal[j]!) / total
      const residual = (table[i]![j] ?? 0) - expected
      statistic += (residual * residual) / expected
    }
  }
  const df = (nRows - 1) * (columns.length - 1)
  return { statistic, df, p_value: regularizedGammaQ(df / 2, statistic / 2) }
}
