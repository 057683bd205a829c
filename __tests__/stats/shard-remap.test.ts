import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { runCli } from '../helpers/run-cli.js'
import type { Shard } from '../../src/stats/shard-format.js'
import { fnv1a } from '../../src/stats/write-shard.js'
import {
  directReport,
  fileCase,
  shardReport,
  writeCase,
  writeShards,
  type ShardCase
} from './shard-helpers.js'

/**
 * Shards written in different code spaces (category and annotator lists in
 * other orders, as engines that number codes their own way write them) merge
 * into the same report: codes are remapped, pair tables transposed where the
 * annotators' order flips, and the order keys restore the direct order.
 */
const repo = process.cwd()

/** The shard with its codes renumbered by `category` and `annotator` (old code -> new). */
function renumber(
  shard: Shard,
  category: (k: number) => number,
  annotator: (a: number) => number,
  keep: (index: number) => boolean
): Shard {
  const categories = [...shard.categories]
  shard.categories.forEach((c, k) => (categories[category(k)] = c))
  const values = shard.values === null ? null : shard.values.map(() => 0)
  shard.values?.forEach((v, k) => (values![category(k)] = v))
  const annotators = [...shard.annotators]
  shard.annotators.forEach((a, i) => (annotators[annotator(i)] = a))
  return {
    ...shard,
    categories,
    values,
    annotators,
    items: shard.items
      .filter((_, i) => keep(i))
      .reverse()
      .map(([id, order, ref, counts, raters]) => [
        id,
        order,
        ref === null ? null : category(ref),
        counts.map((v, e) => (e % 2 === 0 ? category(v) : v)),
        raters.map(annotator)
      ]),
    pairs: shard.pairs.map(([a, b, cells]) => [
      annotator(a),
      annotator(b),
      cells.map((v, e) => (e % 3 === 2 ? v : category(v)))
    ])
  }
}

/**
 * Two halves of a one-part shard, each renumbered its own way. Tallies and
 * pair tables stay in the first half (they add over items: only the sums
 * matter), the second holds its items only.
 */
async function remappedHalves(c: ShardCase): Promise<string[]> {
  const [file] = await writeShards(c, 0)
  const shard = JSON.parse(readFileSync(file!, 'utf8')) as Shard
  const K = shard.categories.length
  const A = shard.annotators.length
  const first = renumber(
    shard,
    (k) => K - 1 - k,
    (a) => A - 1 - a,
    (i) => i % 2 === 0
  )
  const second = renumber(
    {
      ...shard,
      annotators: shard.annotators.map((a) => ({
        ...a,
        annotations: 0,
        compared: 0,
        correct: 0
      })),
      pairs: []
    },
    (k) => (k + 1) % K,
    (a) => (a + 1) % A,
    (i) => i % 2 === 1
  )
  const out = [first, second].map((s, i) =>
    path.join(c.out ?? c.cwd, `renumbered-${i}.json`)
  )
  writeFileSync(out[0]!, JSON.stringify(first))
  writeFileSync(out[1]!, JSON.stringify(second))
  return out
}

describe('shards in different code spaces', () => {
  it('merge into the direct report (two annotators, ordinal: weighted kappas)', async () => {
    const f = JSON.parse(
      readFileSync(
        path.join(repo, '__fixtures__/metrics/established/ordinal-5.json'),
        'utf8'
      )
    ) as { rows: string[][]; categories: string[] }
    const c = writeCase('ordinal', f.rows, {
      level: 'ordinal',
      categories: f.categories,
      gates: '      cohen_kappa_quadratic: { min: 0.5 }'
    })
    const direct = await directReport(c)
    // Declared categories keep their order: renumber annotators only.
    const [file] = await writeShards(c, 0)
    const shard = JSON.parse(readFileSync(file!, 'utf8')) as Shard
    const flipped = renumber(
      shard,
      (k) => k,
      (a) => 1 - a,
      () => true
    )
    const out = path.join(c.cwd, 'flipped.json')
    writeFileSync(out, JSON.stringify(flipped))
    expect(flipped.pairs[0]![0]).toBe(1) // the table is now written b, a
    const merged = await shardReport(c, [out])
    expect(merged.report.datasets).toEqual(direct.report.datasets)
  })

  it('merge into the direct report (crowd labels with gold, undeclared categories)', async () => {
    const data = path.join(repo, '__fixtures__/data/zheng_relevance')
    const c = fileCase(
      'relevance',
      path.join(data, 'annotations_dedup.csv'),
      path.join(data, 'gold.csv')
    )
    const direct = await directReport(c)
    const merged = await shardReport(c, await remappedHalves(c))
    expect(merged.report.datasets).toEqual(direct.report.datasets)
  }, 120_000)
})

describe('a bad set of shards is one line and exit 2', () => {
  const rows = [
    ['i1', 'a', 'x'],
    ['i1', 'b', 'y'],
    ['i2', 'a', 'x'],
    ['i2', 'b', 'x']
  ]

  it('names an item that two shards hold', async () => {
    const c = writeCase('twice', rows)
    const [file] = await writeShards(c, 0)
    const run = await runCli(c.cwd, ['check', '--stats', file!, file!])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/item 'i1' is also in .*shards must partition/)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('refuses a partition with a part left out, naming the part', async () => {
    const c = writeCase(
      'missing-part',
      Array.from({ length: 20 }, (_, i) => [
        [`item-${i}`, 'a', 'x'],
        [`item-${i}`, 'b', 'y']
      ]).flat()
    )
    const files = await writeShards(c, 3)
    const run = await runCli(c.cwd, ['check', '--stats', files[0]!, files[2]!])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(
      /^labelgate: field '--stats': dataset '.*': the shards are parts of 3, and part 2\/3 is missing: .*pass every part's shard\)\n$/
    )
    const all = await runCli(c.cwd, ['check', '--stats', '--quiet', ...files])
    expect(all.code).not.toBe(2)
  })

  it('names the field of a malformed shard', async () => {
    const c = writeCase('malformed', rows)
    const [file] = await writeShards(c, 0)
    const shard = JSON.parse(readFileSync(file!, 'utf8')) as Shard
    writeFileSync(
      file!,
      JSON.stringify({ ...shard, items: [['i1', 0, null, [5, 1], [0]]] })
    )
    const run = await runCli(c.cwd, ['check', '--stats', file!])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('items[0][3][0]')
    expect(run.stderr).toContain('must be a code from 0 to 1')
    writeFileSync(file!, JSON.stringify({ ...shard, version: 2 }))
    const later = await runCli(c.cwd, ['check', '--stats', file!])
    expect(later.code).toBe(2)
    expect(later.stderr).toContain('this labelgate reads version 1')
  })

  it('names shards written under another declared category list', async () => {
    const c = writeCase('declared', rows, { categories: ['x', 'y'] })
    const [file] = await writeShards(c, 0)
    const config = path.join(c.cwd, 'labelgate.yml')
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace('["x","y"]', '["x","y","z"]')
    )
    const run = await runCli(c.cwd, ['check', '--stats', file!])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('does not have the categories')
  })

  it('refuses what shards cannot answer', async () => {
    const c = writeCase('refused', rows)
    const [file] = await writeShards(c, 0)
    const withBase = await runCli(c.cwd, [
      'check',
      '--stats',
      '--base',
      '.',
      file!
    ])
    expect(withBase.code).toBe(2)
    expect(withBase.stderr).toContain('--base needs the annotations themselves')
    const config = path.join(c.cwd, 'labelgate.yml')
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        '    gates:',
        '    intervals: bootstrap\n    gates:'
      )
    )
    for (const argv of [
      ['check', '--stats', file!],
      ['stats', '--shard', '--out', 'again.json']
    ]) {
      const run = await runCli(c.cwd, argv)
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('bootstrap intervals')
    }
    // Quality by slice reads metadata columns of the rows: not in a shard.
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        '    intervals: bootstrap\n',
        '    slices: [language]\n'
      )
    )
    const sliced = await runCli(c.cwd, ['check', '--stats', file!])
    expect(sliced.code).toBe(2)
    expect(sliced.stderr).toContain('configures slices')
    const badPart = await runCli(c.cwd, [
      'stats',
      '--shard',
      '--out',
      'x.json',
      '--part',
      '3/2'
    ])
    expect(badPart.code).toBe(2)
    expect(badPart.stderr).toContain("'3/2' is not I/N")
  })
})

describe('stats --shard', () => {
  it('says what it wrote, with counts as the report writes them', async () => {
    const c = writeCase(
      'counts',
      Array.from({ length: 600 }, (_, i) => [
        [`item-${i}`, 'a', 'x'],
        [`item-${i}`, 'b', i % 2 === 0 ? 'x' : 'y']
      ]).flat()
    )
    const run = await runCli(c.cwd, [
      'stats',
      '--shard',
      '--config',
      c.config,
      '--out',
      'one.json'
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /^labelgate: wrote one\.json: dataset '.*', 600 items, 1,200 annotations, 1 annotator pair\n$/
    )
  })
})

describe('parts', () => {
  it('hash ids with 32-bit FNV-1a of their UTF-8 bytes', () => {
    const reference = (text: string): number => {
      let hash = 0x811c9dc5
      for (const byte of new TextEncoder().encode(text))
        hash = Math.imul(hash ^ byte, 0x01000193) >>> 0
      return hash
    }
    // Published test vectors, then ids beyond ASCII and a lone surrogate.
    expect(fnv1a('')).toBe(0x811c9dc5)
    expect(fnv1a('a')).toBe(0xe40c292c)
    expect(fnv1a('foobar')).toBe(0xbf9cf968)
    for (const id of ['item-1', 'é', '€uro', '𝄞 clef', 'a\ud800b', 'x\udc00'])
      expect(fnv1a(id)).toBe(reference(id))
  })

  it('partition the items: every item in exactly one part', async () => {
    const c = writeCase(
      'parts',
      Array.from({ length: 60 }, (_, i) => [
        [`item-${i}`, 'a', i % 3 === 0 ? 'x' : 'y'],
        [`item-${i}`, 'b', 'y']
      ]).flat()
    )
    const files = await writeShards(c, 4)
    const ids = files.flatMap((f) =>
      (JSON.parse(readFileSync(f, 'utf8')) as Shard).items.map((i) => i[0])
    )
    expect(ids).toHaveLength(60)
    expect(new Set(ids).size).toBe(60)
    // Every part holds some items (FNV-1a spreads 60 ids over 4 parts).
    for (const f of files)
      expect(
        (JSON.parse(readFileSync(f, 'utf8')) as Shard).items.length
      ).toBeGreaterThan(0)
  })
})
