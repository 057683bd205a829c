import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runCli } from '../helpers/run-cli.js'
import type { History } from '../../src/history/types.js'
import type { Report } from '../../src/report/types.js'
import { HISTORY_CSV_COLUMNS } from '../../src/history/history-csv.js'
import { buildRteRepository, DECAY_FROM, VERSIONS } from './rte-repository.js'

// 30 versions checked by history and again by check: a busy machine needs time.
jest.setTimeout(900_000)

const TREND = ', max_decline: 0.03, window: 10'

describe('labelgate history on 30 versions of snow_rte', () => {
  let repo: string
  let out: string
  let cache: string
  let shas: string[]
  let history: History
  let coldRun: { code: number; stdout: string; stderr: string }
  beforeAll(async () => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-rte-'))
    out = mkdtempSync(path.join(os.tmpdir(), 'labelgate-rte-out-'))
    cache = path.join(out, 'cache')
    shas = buildRteRepository(repo, TREND)
    const cold = await runCli(repo, [
      'history',
      '--json',
      path.join(out, 'history.json'),
      '--csv',
      path.join(out, 'history.csv'),
      '--cache',
      cache
    ])
    coldRun = cold
    history = JSON.parse(
      readFileSync(path.join(out, 'history.json'), 'utf8')
    ) as History
  })
  afterAll(() => {
    rmSync(repo, { recursive: true, force: true })
    rmSync(out, { recursive: true, force: true })
  })

  const check = async (args: string[]): Promise<Report> => {
    const json = path.join(out, 'check.json')
    const r = await runCli(repo, [
      'check',
      ...args,
      '--json',
      json,
      '--full-report',
      '--quiet',
      '--cache',
      cache
    ])
    expect(r.code === 0 || r.code === 1).toBe(true)
    return JSON.parse(readFileSync(json, 'utf8')) as Report
  }

  it('finds the 30 versions, skipping commits that touch nothing of the dataset', () => {
    expect(coldRun.stderr).toBe('')
    expect(coldRun.code).toBe(0)
    expect(coldRun.stdout).toContain(
      `${VERSIONS} versions, ${VERSIONS} checked, 0 from the cache`
    )
    const versions = history.datasets[0]!.versions
    expect(versions.map((v) => v.commit)).toEqual(shas)
    expect(versions.every((v) => v.error === null)).toBe(true)
    // The schema rename in the middle: labels read under their new names.
    expect(Object.keys(versions[14]!.class_shares).sort()).toEqual(['0', '1'])
    expect(Object.keys(versions[15]!.class_shares).sort()).toEqual([
      'entail',
      'no_entail'
    ])
    expect(versions[15]!.metrics.accuracy).toEqual(
      versions[14]!.metrics.accuracy
    )
    // New annotators appear at version 6 and 12.
    expect(versions[5]!.annotators.NEWWORKER6).toBeUndefined()
    expect(versions[6]!.annotators.NEWWORKER6!.annotations).toBeGreaterThan(0)
    expect(versions[12]!.annotators.NEWWORKER12!.annotations).toBeGreaterThan(0)
  })

  it('gives for every version the numbers labelgate check gives at that commit', async () => {
    for (const v of history.datasets[0]!.versions) {
      const report = await check(['--head', v.commit])
      const d = report.datasets[0]!
      expect({ commit: v.commit, metrics: v.metrics }).toEqual({
        commit: v.commit,
        metrics: d.head.metrics
      })
      expect(v.annotators).toEqual(d.head.annotators)
      expect(v.counts).toEqual(d.head.counts)
      expect(v.gates).toEqual(d.gates)
      expect(v.passed).toBe(d.passed)
    }
  })

  it('recomputes nothing on a warm run, and only a corrupt entry after one is damaged', async () => {
    const json = path.join(out, 'warm.json')
    const warm = await runCli(repo, [
      'history',
      '--json',
      json,
      '--cache',
      cache
    ])
    expect(warm.stdout).toContain(
      `${VERSIONS} versions, 0 checked, ${VERSIONS} from the cache`
    )
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(history)

    const shard = readdirSync(cache)[0]!
    const entry = readdirSync(path.join(cache, shard))[0]!
    writeFileSync(path.join(cache, shard, entry), '{"schema": "labelgate-hist')
    const damaged = await runCli(repo, [
      'history',
      '--json',
      json,
      '--cache',
      cache
    ])
    expect(damaged.stderr).toMatch(
      /warning: cache entry .* is corrupt; ignored and recomputed/
    )
    expect(damaged.stdout).toContain(
      `${VERSIONS} versions, 1 checked, ${VERSIONS - 1} from the cache`
    )
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(history)
  })

  it('bounds the walk by --max and by --since (a revision or a date)', async () => {
    const json = path.join(out, 'bounded.json')
    const read = () =>
      (
        JSON.parse(readFileSync(json, 'utf8')) as History
      ).datasets[0]!.versions.map((v) => v.commit)
    await runCli(repo, [
      'history',
      '--max',
      '5',
      '--json',
      json,
      '--cache',
      cache
    ])
    expect(read()).toEqual(shas.slice(-5))
    await runCli(repo, [
      'history',
      '--since',
      shas[24]!,
      '--json',
      json,
      '--cache',
      cache
    ])
    expect(read()).toEqual(shas.slice(25))
    // Version k is dated 2024-01-01 + 3k days: 2024-03-01 is day 60, version 20.
    await runCli(repo, [
      'history',
      '--since',
      '2024-03-01',
      '--json',
      json,
      '--cache',
      cache
    ])
    expect(read()).toEqual(shas.slice(20))
  })

  it('writes one CSV row per dataset, version and metric', () => {
    const lines = readFileSync(path.join(out, 'history.csv'), 'utf8')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]).toBe(HISTORY_CSV_COLUMNS.join(','))
    const expected = history.datasets[0]!.versions.reduce(
      (n, v) => n + Object.keys(v.metrics).length,
      0
    )
    expect(lines).toHaveLength(1 + expected)
    const alpha = lines.find(
      (l) =>
        l.startsWith(`rte,${shas[29]}`) && l.includes(',krippendorff_alpha,')
    )!
    expect(Number(alpha.split(',')[5])).toBe(
      history.datasets[0]!.versions[29]!.metrics.krippendorff_alpha!.value
    )
  })

  it('lets the slow decay pass every per-PR max_drop and fails it on the trend gate', async () => {
    const statuses: { k: number; drop: string; decline: string }[] = []
    let last: Report | undefined
    for (let k = DECAY_FROM; k < VERSIONS; k++) {
      const report = await check(['--base', shas[k - 1]!, '--head', shas[k]!])
      const gates = report.datasets[0]!.gates
      const drop = gates.find((g) => g.bound === 'max_drop')!
      const decline = gates.find((g) => g.bound === 'max_decline')!
      statuses.push({ k, drop: drop.status, decline: decline.status })
      last = report
    }
    const d = last!.datasets[0]!
    const decline = d.gates.find((g) => g.bound === 'max_decline')!
    expect(decline.trend_best!.versions).toBe(10)
    expect(decline.trend_best!.value).toBeGreaterThan(decline.value! + 0.03)
    expect(d.trend!.points.map((p) => p.commit)).toEqual(
      shas.slice(VERSIONS - 11, VERSIONS - 1)
    )
    expect(statuses.every((s) => s.drop === 'pass')).toBe(true)
    expect(statuses[0]!.decline).toBe('pass')
    expect(statuses[statuses.length - 1]!.decline).toBe('fail')
  })

  it('is not applicable, never a failure, in a shallow clone and without a base', async () => {
    const clone = mkdtempSync(path.join(os.tmpdir(), 'labelgate-rte-shallow-'))
    try {
      execFileSync('git', [
        'clone',
        '-q',
        '--depth',
        '2',
        `file://${repo}`,
        clone
      ])
      const json = path.join(out, 'shallow.json')
      const r = await runCli(clone, [
        'check',
        '--base',
        'HEAD~1',
        '--head',
        'HEAD',
        '--json',
        json,
        '--no-cache',
        '--quiet'
      ])
      expect([0, 1]).toContain(r.code)
      const report = JSON.parse(readFileSync(json, 'utf8')) as Report
      const decline = report.datasets[0]!.gates.find(
        (g) => g.bound === 'max_decline'
      )!
      expect(decline.status).toBe('not_applicable')
      expect(decline.message).toMatch(/shallow.*fetch-depth: 0/)
    } finally {
      rmSync(clone, { recursive: true, force: true })
    }
    const headOnly = await check(['--head', shas[29]!])
    const decline = headOnly.datasets[0]!.gates.find(
      (g) => g.bound === 'max_decline'
    )!
    expect(decline.status).toBe('not_applicable')
  })
})
