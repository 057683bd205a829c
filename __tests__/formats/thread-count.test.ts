import { describe, expect, it } from '@jest/globals'
import { isUserError } from '../../src/errors.js'
import { MAX_THREADS, threadCount } from '../../src/formats/thread-count.js'

describe('threadCount', () => {
  it('takes --threads, then LABELGATE_THREADS, then 1', () => {
    expect(threadCount(3, { LABELGATE_THREADS: '2' })).toBe(3)
    expect(threadCount(undefined, { LABELGATE_THREADS: '2' })).toBe(2)
    expect(threadCount(undefined, {})).toBe(1)
  })

  it('allows exactly the maximum and refuses one more, from either source', () => {
    expect(threadCount(MAX_THREADS, {})).toBe(MAX_THREADS)
    expect(
      threadCount(undefined, { LABELGATE_THREADS: String(MAX_THREADS) })
    ).toBe(MAX_THREADS)
    for (const run of [
      () => threadCount(MAX_THREADS + 1, {}),
      () =>
        threadCount(undefined, { LABELGATE_THREADS: String(MAX_THREADS + 1) })
    ]) {
      let error: unknown
      try {
        run()
      } catch (e) {
        error = e
      }
      expect(isUserError(error)).toBe(true)
      expect((error as Error).message).toContain(`${MAX_THREADS + 1} threads`)
    }
  })
})
