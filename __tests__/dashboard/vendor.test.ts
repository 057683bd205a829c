import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
// @ts-expect-error: a plain script without types
import { TARGET, uplotAssets } from '../../script/vendor/uplot.mjs'

describe('the vendored uPlot', () => {
  it('is what `npm run vendor` writes from the installed package', () => {
    expect(readFileSync(TARGET as string, 'utf8')).toBe(
      (uplotAssets as () => string)()
    )
  })
})
