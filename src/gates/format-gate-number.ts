/** Gate messages show proportions of the reference metrics as percents, coefficients to 3 places. */
export function formatGateNumber(metric: string, value: number): string {
  const name = metric.replace(/^(changed|annotator)\./, '')
  if (
    name === 'accuracy' ||
    name === 'error_rate' ||
    name.endsWith('_accuracy') ||
    name === 'percent_agreement'
  ) {
    return `${(value * 100).toFixed(1)}%`
  }
  return value.toFixed(3)
}
