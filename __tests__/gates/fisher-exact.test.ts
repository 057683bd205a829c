import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { fisherExactLess } from '../../src/governance/fisher-exact.js'
import { proportionDropTest } from '../../src/governance/proportion-drop-test.js'
import { twoProportionZTest } from '../../src/governance/two-proportion-z.js'

interface Case {
  x1: number
  n1: number
  x2: number
  n2: number
  p: number
}

const fixture = JSON.parse(
  readFileSync(
    new URL('../../__fixtures__/gates/fisher-exact.json', import.meta.url),
    'utf8'
  )
) as { fisher_less: Case[] }

describe('fisherExactLess (SciPy fisher_exact, alternative="less")', () => {
  it.each(fixture.fisher_less.map((c) => [c.x1, c.n1, c.x2, c.n2, c.p]))(
    '%i/%i against %i/%i',
    (x1, n1, x2, n2, p) => {
      const actual = fisherExactLess(x1!, n1!, x2!, n2!)
      expect(actual).not.toBeNull()
      expect(Math.abs(actual! - p!)).toBeLessThanOrEqual(
        1e-9 * Math.max(p!, 1e-300)
      )
    }
  )

  it('is undefined for an empty sample', () => {
    expect(fisherExactLess(0, 0, 3, 5)).toBeNull()
    expect(fisherExactLess(1, 2, 0, 0)).toBeNull()
  })
})

describe('proportionDropTest', () => {
  it('never uses the z-test on n = 1 (one wrong rating is no evidence)', () => {
    // The z-test would say p < 0.001 here.
    expect(twoProportionZTest(0, 1, 40, 40)!.pValue).toBeLessThan(0.001)
    const t = proportionDropTest(0, 1, 40, 40)!
    expect(t.test).toBe('fisher-exact')
    expect(t.z).toBeNull()
    expect(t.pValue).toBeCloseTo(1 / 41, 12)
  })

  it('switches to the z-test exactly when every expected count reaches 5', () => {
    // n1 = 10, n2 = 10, 10 successes of 20: every expected count is 5.
    expect(proportionDropTest(3, 10, 7, 10)!.test).toBe('z')
    // 9 successes of 20: the smallest expected count is 4.5.
    expect(proportionDropTest(2, 10, 7, 10)!.test).toBe('fisher-exact')
    expect(proportionDropTest(2, 10, 7, 10)!.pValue).toBeCloseTo(
      fisherExactLess(2, 10, 7, 10)!,
      15
    )
  })

  it('gives p = 1 when nothing can have fallen', () => {
    expect(proportionDropTest(5, 5, 40, 40)).toEqual({
      test: 'fisher-exact',
      z: null,
      pValue: 1
    })
  })
})
