import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCliArgs } from '../../src/cli/args.js'
import { UserError } from '../../src/errors.js'
import { threadCount } from '../../src/formats/thread-count.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

describe('threadCount', () => {
  it('takes --threads, else LABELGATE_THREADS, else 1', () => {
    expect(threadCount(3, { LABELGATE_THREADS: '5' })).toBe(3)
    expect(threadCount(undefined, { LABELGATE_THREADS: ' 5 ' })).toBe(5)
    expect(threadCount(undefined, { LABELGATE_THREADS: '' })).toBe(1)
    expect(threadCount(undefined, {})).toBe(1)
  })

  it('refuses a LABELGATE_THREADS that is not a positive whole number', () => {
    for (const bad of ['0', '-1', '1.5', 'all']) {
      expect(() => threadCount(undefined, { LABELGATE_THREADS: bad })).toThrow(
        UserError
      )
    }
    expect(threadCount(undefined, { LABELGATE_THREADS: '2' })).toBe(2)
  })
})

describe('--threads', () => {
  it('is a positive whole number, for check only', () => {
    const args = parseCliArgs(['check', '--threads', '1'])
    expect(args).toMatchObject({ command: 'check', threads: 1 })
    expect(parseCliArgs(['check'])).not.toHaveProperty('threads')
    expect(() => parseCliArgs(['check', '--threads', '0'])).toThrow(
      "'0' is not a positive whole number"
    )
    expect(() => parseCliArgs(['check', '--threads', 'two'])).toThrow(UserError)
    expect(() => parseCliArgs(['migrate', '--threads', '2'])).toThrow(
      '--threads is an option of check, not of migrate'
    )
  })
})

// The built CLI (a worker thread cannot load the TypeScript sources): the
// same JSON report, byte for byte, read on one thread and on two.
describe('the built CLI with --threads', () => {
  const cli = path.join(ROOT, 'dist', 'cli.js')
  const worker = path.join(ROOT, 'dist', 'parse-worker.js')
  let dir: string

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-threads-'))
    // ~10 MiB (above the 8 MiB below which one thread reads): quoted ids
    // with line ends inside, doubled quotes, CRLF lines, blank lines and
    // records without an item (problems), in every piece.
    const rows: string[] = ['item_id,annotator,label\r\n']
    let size = rows[0]!.length
    for (let r = 0; size < 10.5 * (1 << 20); r++) {
      const item =
        r % 97 === 0
          ? `"item ""${r >> 2}""\r\nsecond line"`
          : r % 1013 === 0
            ? ''
            : `item-${r >> 2}`
      const row = `${item},annotator-${r % 41},${'abc'[(r * 7) % 3]}${r % 500 === 0 ? '\n\n' : '\r\n'}`
      rows.push(row)
      size += row.length
    }
    writeFileSync(path.join(dir, 'labels.csv'), rows.join(''))
    // The same kind of file as JSON Lines: escapes, a nested value, an
    // integer id, records without an item, blank lines.
    const lines: string[] = []
    size = 0
    for (let r = 0; size < 10.5 * (1 << 20); r++) {
      const record: Record<string, unknown> = {
        item_id: r % 97 === 0 ? `item "${r >> 2}"\n2` : `item-${r >> 2}`,
        annotator: `annotator-${r % 41}`,
        label: 'abc'[(r * 7) % 3]
      }
      if (r % 1013 === 0) delete record.item_id
      if (r % 89 === 0) record.meta = { at: [r] }
      if (r % 211 === 0) record.item_id = r
      const line = JSON.stringify(record) + (r % 500 === 0 ? '\n\n' : '\n')
      lines.push(line)
      size += line.length
    }
    writeFileSync(path.join(dir, 'labels.jsonl'), lines.join(''))
    writeFileSync(
      path.join(dir, 'labelgate.yml'),
      [
        'version: 1',
        'datasets:',
        '  - name: big',
        '    path: labels.csv',
        '    fields: { item: item_id, annotator: annotator, label: label }',
        '    categories: [a, b, c]',
        '  - name: big-jsonl',
        '    path: labels.jsonl',
        '    fields: { item: item_id, annotator: annotator, label: label }',
        '    categories: [a, b, c]',
        ''
      ].join('\n')
    )
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  function run(threads: number): { json: string; profile: string } {
    const out = path.join(dir, `report-${threads}.json`)
    const result = spawnSync(
      process.execPath,
      [cli, 'check', '--json', out, '--threads', String(threads), '--quiet'],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, LABELGATE_PROFILE: '1', NODE_OPTIONS: '' }
      }
    )
    expect({ status: result.status, stderr: result.stderr }).toMatchObject({
      status: 1 // the records without an item are errors
    })
    const profile = /labelgate-profile (.*)/.exec(result.stderr)?.[1] ?? ''
    return { json: readFileSync(out, 'utf8'), profile }
  }

  it('is built with its worker (npm run package)', () => {
    expect({ cli: existsSync(cli), worker: existsSync(worker) }).toEqual({
      cli: true,
      worker: true
    })
  })

  it('writes the same report on one thread and on two', () => {
    const one = run(1)
    const two = run(2)
    expect(JSON.parse(one.profile)).toMatchObject({ workers: 0, pieces: 0 })
    // Two threads: one worker, which read pieces of the files (~10 MiB
    // each in 4 MiB reads; the main thread reads some itself).
    expect(JSON.parse(two.profile)).toMatchObject({ workers: 1 })
    expect(JSON.parse(two.profile).pieces).toBeGreaterThanOrEqual(2)
    expect(two.json).toBe(one.json)
    // The problems carry their lines: the first record without an item is
    // row 1013, after the header, 11 rows of two lines and 3 blank lines.
    expect(one.json).toContain('"line": 1029')
    // And the JSON Lines file's: row 1013, after 3 blank lines.
    expect(one.json).toContain('"line": 1017')
  })
})
