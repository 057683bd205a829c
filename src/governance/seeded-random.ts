import { createHash } from 'node:crypto'

/** A stream of uniform 32-bit unsigned integers. */
export type Random32 = () => number

/**
 * xoshiro128** (D. Blackman and S. Vigna, "Scrambled linear pseudorandom
 * number generators", ACM TOMS 47 (2021); reference code at
 * https://prng.di.unimi.it/xoshiro128starstar.c), seeded with the first 16
 * bytes of SHA-256(seed) as four little-endian words. Why these: the output
 * must be the same on every machine and Node version for a given seed string
 * (a revision SHA), so that a reviewer can reproduce a QC sample; `Math.random`
 * cannot be seeded, and SHA-256 spreads any string over all 128 state bits
 * (xoshiro's state must not be all zero, which a hash makes practically
 * impossible; the guard below covers it anyway).
 */
export function seededRandom(seed: string): Random32 {
  const digest = createHash('sha256').update(seed, 'utf8').digest()
  return xoshiro128StarStar(
    digest.readUInt32LE(0),
    digest.readUInt32LE(4),
    digest.readUInt32LE(8),
    digest.readUInt32LE(12)
  )
}

/** xoshiro128** from an explicit 128-bit state (not all zero). */
export function xoshiro128StarStar(
  s0: number,
  s1: number,
  s2: number,
  s3: number
): Random32 {
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0
    const t = s1 << 9
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 11)
    return result
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}

const TWO_32 = 2 ** 32

/**
 * A uniform integer in [0, k), 1 <= k <= 2^32, without modulo bias: draws
 * at or above the largest multiple of k below 2^32 are rejected (at most half
 * of them, so the expected number of draws is below 2).
 */
export function randomBelow(next: Random32, k: number): number {
  const limit = TWO_32 - (TWO_32 % k)
  for (;;) {
    const x = next()
    if (x < limit) return x % k
  }
}
