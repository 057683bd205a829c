import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { annotateProblems } from '../../src/action/annotate-problems.js'
import { readRunEvent } from '../../src/action/event.js'
import { parseActionInputs } from '../../src/action/inputs.js'
import { touchedDatasets } from '../../src/check/select-datasets.js'
import { loadConfig } from '../../src/config/load-config.js'
import { isUserError } from '../../src/errors.js'
import type { Problem } from '../../src/model/problem.js'

const SHA_A = 'a'.repeat(40)
const SHA_B = 'b'.repeat(40)
const SHA_C = 'c'.repeat(40)

function payload(data: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-event-'))
  const file = path.join(dir, 'event.json')
  writeFileSync(file, JSON.stringify(data))
  return file
}

describe('parseActionInputs', () => {
  it('applies defaults and reads every input once', () => {
    const inputs = parseActionInputs((name) =>
      name === 'github-token' ? 'tok' : ''
    )
    expect(inputs).toEqual({
      config: undefined,
      githubToken: 'tok',
      comment: 'always',
      base: undefined,
      head: undefined,
      datasets: 'changed',
      failOn: 'error',
      apiTimeout: 60,
      dashboard: false
    })
  })

  it('reads api-timeout in seconds, above 0 and at most a day', () => {
    const timeout = (value: string): number =>
      parseActionInputs((name) => (name === 'api-timeout' ? value : ''))
        .apiTimeout
    expect(timeout('0.5')).toBe(0.5)
    expect(timeout(' 5 ')).toBe(5)
    expect(timeout('86400')).toBe(86_400)
    for (const bad of ['0', '0.0', '86401', '-1', '1e3', 'soon', '5s']) {
      expect(() => timeout(bad)).toThrow(
        new RegExp(
          `^input 'api-timeout' must be a number of seconds above 0 and at most 86400, not '${bad}'$`
        )
      )
    }
  })

  it('reads threads as a positive whole number, absent by default', () => {
    const threads = (value: string): number | undefined =>
      parseActionInputs((name) => (name === 'threads' ? value : '')).threads
    expect(threads('')).toBeUndefined()
    expect(threads('1')).toBe(1)
    expect(threads(' 4 ')).toBe(4)
    for (const bad of ['0', '-1', '1.5', 'all']) {
      expect(() => threads(bad)).toThrow(
        new RegExp(
          `^input 'threads' must be a positive whole number, not '${bad}'$`
        )
      )
    }
  })

  it('rejects a value outside the choices with a one-line error', () => {
    let error: unknown
    try {
      parseActionInputs((name) => (name === 'fail-on' ? 'sometimes' : ''))
    } catch (e) {
      error = e
    }
    expect(isUserError(error)).toBe(true)
    expect((error as Error).message).toBe(
      "input 'fail-on' must be one of error, warning, never, not 'sometimes'"
    )
  })
})

describe('readRunEvent', () => {
  it('pull_request: the base is the first parent of the checked-out merge commit', () => {
    const event = readRunEvent({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_SHA: SHA_C,
      GITHUB_EVENT_PATH: payload({
        pull_request: { number: 7, head: { sha: SHA_B }, base: { sha: SHA_A } }
      })
    })
    expect(event).toMatchObject({
      head: SHA_C,
      baseIsFirstParentOf: SHA_C,
      trustBase: true,
      canComment: true,
      pullRequest: { number: 7, headSha: SHA_B }
    })
    expect(event.base).toBeUndefined()
  })

  it('merge_group: base_sha to head_sha, trusted base, no comment', () => {
    const event = readRunEvent({
      GITHUB_EVENT_NAME: 'merge_group',
      GITHUB_EVENT_PATH: payload({
        merge_group: { base_sha: SHA_A, head_sha: SHA_B }
      })
    })
    expect(event).toMatchObject({
      base: SHA_A,
      head: SHA_B,
      trustBase: true,
      canComment: false
    })
  })

  it('push: before to after, and a new branch (all-zero before) has no base', () => {
    const push = readRunEvent({
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: payload({ before: SHA_A, after: SHA_B })
    })
    expect(push).toMatchObject({ base: SHA_A, head: SHA_B, trustBase: false })
    const created = readRunEvent({
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: payload({ before: '0'.repeat(40), after: SHA_B })
    })
    expect(created.base).toBeUndefined()
  })

  it('schedule and workflow_dispatch check the head only', () => {
    const event = readRunEvent({
      GITHUB_EVENT_NAME: 'schedule',
      GITHUB_SHA: SHA_B
    })
    expect(event).toMatchObject({ head: SHA_B, trustBase: false })
    expect(event.base).toBeUndefined()
  })

  it('names the missing field of a malformed payload', () => {
    expect(() =>
      readRunEvent({
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: payload({ pull_request: { number: 1 } })
      })
    ).toThrow(/pull_request\.head/)
  })
})

describe('touchedDatasets', () => {
  const config = loadConfig(
    [
      'version: 1',
      'datasets:',
      '  - name: a',
      '    path: data/a/*.csv',
      '    reference: { path: gold/a.csv }',
      '  - name: b',
      '    path: data/b.jsonl',
      '    schema: schemas/b.yml',
      ''
    ].join('\n'),
    'labelgate.yml'
  )

  it('counts a changed DVC pointer as a change to the file it tracks', () => {
    expect(
      touchedDatasets(config, 'labelgate.yml', ['data/a/x.csv.dvc'])
    ).toEqual(['a'])
    expect(
      touchedDatasets(config, 'labelgate.yml', ['gold/a.csv.dvc'])
    ).toEqual(['a'])
    expect(
      touchedDatasets(config, 'labelgate.yml', ['data/b.jsonl.txt.dvc'])
    ).toEqual([])
  })

  it('selects the datasets whose label or reference files changed', () => {
    expect(touchedDatasets(config, 'labelgate.yml', ['data/a/x.csv'])).toEqual([
      'a'
    ])
    expect(touchedDatasets(config, 'labelgate.yml', ['gold/a.csv'])).toEqual([
      'a'
    ])
    expect(
      touchedDatasets(config, 'labelgate.yml', ['data/b.jsonl', 'README.md'])
    ).toEqual(['b'])
    expect(touchedDatasets(config, 'labelgate.yml', ['schemas/b.yml'])).toEqual(
      ['b']
    )
    expect(touchedDatasets(config, 'labelgate.yml', ['src/x.ts'])).toEqual([])
  })

  it('selects every dataset when the config changed', () => {
    expect(touchedDatasets(config, 'labelgate.yml', ['labelgate.yml'])).toEqual(
      ['a', 'b']
    )
  })
})

describe('annotateProblems', () => {
  it('annotates worst first within 10 errors and 10 warnings, then one notice', () => {
    const problems: Problem[] = [
      ...Array.from({ length: 12 }, (_, i) => ({
        severity: 'error' as const,
        file: 'data/a.csv',
        line: i + 2,
        message: `bad ${i}`
      })),
      ...Array.from({ length: 11 }, (_, i) => ({
        severity: 'warning' as const,
        file: 'data/a.csv',
        line: i + 100,
        message: `dup ${i}`
      }))
    ]
    const calls: string[] = []
    const result = annotateProblems(problems, {
      error: (m, p) => calls.push(`error ${p.file}:${p.startLine} ${m}`),
      warning: (m, p) => calls.push(`warning ${p.file}:${p.startLine} ${m}`),
      notice: (m) => calls.push(`notice ${m}`)
    })
    expect(result).toEqual({ shown: 20, omitted: 3 })
    expect(calls.filter((c) => c.startsWith('error'))).toHaveLength(10)
    expect(calls.filter((c) => c.startsWith('warning'))).toHaveLength(10)
    expect(calls[0]).toBe('error data/a.csv:2 bad 0')
    expect(calls.at(-1)).toMatch(/^notice labelgate: 3 more data problem/)
  })
})
