import { UserError } from '../errors.js'

/**
 * How many threads read large CSV and TSV files: `--threads N` (the action's
 * `threads` input), else the LABELGATE_THREADS environment variable, else 1.
 * N counts the main thread, which reads the file and merges what the N - 1
 * workers parse; 1 reads on the main thread alone.
 *
 * Not every core by default: on the 2-core machine measured, two threads
 * read 10^6 items slower than one (docs/performance.md): the main thread's
 * merge (interning every piece's distinct ids into the one code space) costs
 * about half of a single-thread read, and a piece parsed apart from the
 * others costs more than in one pass.
 */
/** More threads than this is a typo, not a machine: each is a worker. */
export const MAX_THREADS = 64

export function threadCount(
  given: number | undefined,
  env: Readonly<Record<string, string | undefined>>
): number {
  if (given !== undefined) return atMost(given, 'threads')
  const text = env.LABELGATE_THREADS?.trim()
  if (text !== undefined && text !== '') {
    const n = Number(text)
    if (!/^\d+$/.test(text) || !(n >= 1)) {
      throw new UserError(`'${text}' is not a positive whole number`, {
        field: 'LABELGATE_THREADS'
      })
    }
    return atMost(n, 'LABELGATE_THREADS')
  }
  return 1
}

function atMost(n: number, field: string): number {
  if (n > MAX_THREADS) {
    throw new UserError(
      `${n} threads is more than the ${MAX_THREADS} allowed`,
      {
        field
      }
    )
  }
  return n
}
