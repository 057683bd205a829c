/**
 * A config path as a user reads it: `datasets[0].gates.error_rate.max`. Keys
 * that are not plain words (metric names hold dots: `changed.error_rate`) are
 * bracketed, so the path cannot be misread.
 */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (typeof segment === 'symbol') out += `[${String(segment)}]`
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment))
      out += out === '' ? segment : `.${segment}`
    else out += `[${JSON.stringify(segment)}]`
  }
  return out
}
