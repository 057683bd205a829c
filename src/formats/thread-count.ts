import { UserError } from '../errors.js'

/**
 * How many threads read large CSV and TSV files: `--threads N` (the action's
 * `threads` input), else the LABELGATE_THREADS environment variable, else
 * every core. N counts the main thread, which reads the file and merges what
 * the N - 1 workers parse; 1 reads on the main thread alone.
 */
export function threadCount(
  given: number | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cores: number
): number {
  if (given !== undefined) return given
  const text = env.LABELGATE_THREADS?.trim()
  if (text !== undefined && text !== '') {
    const n = Number(text)
    if (!/^\d+$/.test(text) || !(n >= 1)) {
      throw new UserError(`'${text}' is not a positive whole number`, {
        field: 'LABELGATE_THREADS'
      })
    }
    return n
  }
  return Math.max(1, cores)
}
