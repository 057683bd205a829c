import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseCliArgs } from '../../src/cli/args.js'
import { UserError } from '../../src/errors.js'
import { git, runCli } from '../helpers/run-cli.js'

function usageError(argv: string[]): string {
  try {
    parseCliArgs(argv)
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return (error as UserError).format()
  }
  throw new Error(`no error for ${argv.join(' ')}`)
}

describe('a mistyped option', () => {
  it('names the option and suggests the one meant', () => {
    expect(usageError(['check', '--confg', 'x.yml'])).toBe(
      "unknown option '--confg'; did you mean '--config'? (see labelgate --help)"
    )
    expect(usageError(['check', '--jsn', 'r.json'])).toContain(
      "did you mean '--json'?"
    )
  })

  it('has no advice about positional arguments, and no unbalanced quote', () => {
    const message = usageError(['check', '--frobnicate'])
    expect(message).toBe("unknown option '--frobnicate' (see labelgate --help)")
    expect(usageError(['check', '-x'])).toBe(
      "unknown option '-x' (see labelgate --help)"
    )
  })
})

describe('a revision that is not one', () => {
  let repo: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-usage-'))
    git(repo, 'init', '-q', '-b', 'main')
    writeFileSync(path.join(repo, 'a.txt'), 'a\n')
    git(repo, 'add', 'a.txt')
    git(repo, 'commit', '-q', '-m', 'a')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('--base and --head may be a folder: the message says so', async () => {
    const r = await runCli(repo, ['check', '--base', 'no-such-branch'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      "'no-such-branch' is neither a folder nor a git revision here"
    )
  })

  it('--since is a revision or a date, never a folder', async () => {
    const r = await runCli(repo, ['history', '--since', 'last-week'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      "labelgate: field '--since': 'last-week' is neither a date (YYYY-MM-DD or an ISO 8601 date-time) nor a git revision here\n"
    )
  })

  it('--ref is a revision only', async () => {
    const r = await runCli(repo, ['history', '--ref', 'no-such-branch'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("'no-such-branch' is not a git revision here\n")
  })
})

describe('history outside a git repository, or before its first commit', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-usage-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('says why no revision resolves', async () => {
    const plain = await runCli(dir, ['history'])
    expect(plain.code).toBe(2)
    expect(plain.stderr).toBe(
      "labelgate: field 'ref': 'HEAD' is not a git revision here (this folder is not in a git repository)\n"
    )
    git(dir, 'init', '-q', '-b', 'main')
    const empty = await runCli(dir, ['report', '--html', 'site'])
    expect(empty.code).toBe(2)
    expect(empty.stderr).toBe(
      "labelgate: field 'ref': 'HEAD' is not a git revision here (the repository has no commits yet)\n"
    )
  })
})

describe('no config in a head folder', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-usage-'))
    for (const side of ['before', 'after']) {
      mkdirSync(path.join(dir, side))
      writeFileSync(
        path.join(dir, side, 'labels.csv'),
        'item_id,annotator,label\n1,a,x\n'
      )
    }
    // Beside the folders, where labelgate runs: not where it looks.
    writeFileSync(
      path.join(dir, 'labelgate.yml'),
      'version: 1\ndatasets:\n  - name: d\n    path: labels.csv\n'
    )
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('says which folder it looked in', async () => {
    const r = await runCli(dir, [
      'check',
      '--base',
      'before',
      '--head',
      'after'
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      "labelgate: no labelgate config found in 'after' (looked for .github/labelgate.yml, labelgate.yml)\n"
    )
  })
})

describe('a base file that cannot be read', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-usage-'))
    writeFileSync(
      path.join(dir, 'labelgate.yml'),
      'version: 1\ndatasets:\n  - name: d\n    path: labels.csv\n'
    )
    mkdirSync(path.join(dir, 'before'))
    mkdirSync(path.join(dir, 'after'))
    writeFileSync(
      path.join(dir, 'before', 'labels.csv'),
      'item_id,rater,label\n1,a,x\n'
    )
    writeFileSync(
      path.join(dir, 'after', 'labels.csv'),
      'item_id,annotator,label\n1,a,x\n'
    )
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('says it is the base: the head file of that name is fine', async () => {
    const r = await runCli(dir, [
      'check',
      '--config',
      'labelgate.yml',
      '--base',
      'before',
      '--head',
      'after'
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /^labelgate: labels\.csv:1: missing column 'annotator' .*\(in the base version, before\)\n$/
    )
  })
})
