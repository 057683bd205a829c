import { afterEach, describe, expect, it } from '@jest/globals'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { runCli } from '../helpers/run-cli.js'
import { configFor, folderWith } from './helpers.js'

const DATA = 'item_id,annotator,label\n1,a,x\n1,b,x\n'

describe('--json and --markdown write only regular files', () => {
  const made: string[] = []
  const repo = () => {
    const r = folderWith({ 'labelgate.yml': configFor('a.csv'), 'a.csv': DATA })
    made.push(r)
    return r
  }
  afterEach(() => {
    for (const f of made.splice(0)) rmSync(f, { recursive: true, force: true })
  })

  it('a symbolic link at the target is not replaced, and nothing is written through it', async () => {
    const r = repo()
    writeFileSync(path.join(r, 'victim.txt'), 'keep me')
    symlinkSync(path.join(r, 'victim.txt'), path.join(r, 'r.json'))
    const out = await runCli(r, [
      'check',
      '--config',
      'labelgate.yml',
      '--json',
      'r.json'
    ])
    expect(out.code).toBe(2)
    expect(out.stderr).toBe(
      'labelgate: r.json: is a symbolic link; not replaced (name a new or regular file)\n'
    )
    expect(lstatSync(path.join(r, 'r.json')).isSymbolicLink()).toBe(true)
    expect(readlinkSync(path.join(r, 'r.json'))).toBe(
      path.join(r, 'victim.txt')
    )
    expect(readFileSync(path.join(r, 'victim.txt'), 'utf8')).toBe('keep me')
  })

  // A FIFO stands for every non-regular target (devices included): a test
  // aimed at /dev/null itself would, on a regression, replace the machine's
  // /dev/null with a file (tests run as root) and break every later git call.
  it('a FIFO or device at the target is refused, and no other output is written', async () => {
    const r = repo()
    execFileSync('mkfifo', [path.join(r, 'pipe.md')])
    const out = await runCli(r, [
      'check',
      '--config',
      'labelgate.yml',
      '--json',
      'first.json',
      '--markdown',
      'pipe.md'
    ])
    expect(out.code).toBe(2)
    expect(out.stderr).toBe(
      'labelgate: pipe.md: is not a regular file; not replaced (name a new or regular file)\n'
    )
    expect(lstatSync(path.join(r, 'pipe.md')).isFIFO()).toBe(true)
    expect(existsSync(path.join(r, 'first.json'))).toBe(false)
  })

  it('a path under /proc or under a file fails at once with one line', async () => {
    const r = repo()
    const proc = await runCli(r, [
      'check',
      '--config',
      'labelgate.yml',
      '--json',
      '/proc/x/y'
    ])
    expect(proc.code).toBe(2)
    expect(proc.stderr).toMatch(
      /^labelgate: \/proc\/x\/y: cannot be written \(cannot make '\/proc\/x': E[A-Z]+\)\n$/
    )
    const underFile = await runCli(r, [
      'check',
      '--config',
      'labelgate.yml',
      '--json',
      'a.csv/r.json'
    ])
    expect(underFile.code).toBe(2)
    expect(underFile.stderr).toMatch(
      /^labelgate: a\.csv\/r\.json: cannot be written \('.*a\.csv' is not a folder\)\n$/
    )
    expect(underFile.stderr).not.toContain('internal error')
  })

  it('missing folders are made and a regular file is replaced', async () => {
    const r = repo()
    mkdirSync(path.join(r, 'out'))
    writeFileSync(path.join(r, 'out', 'old.json'), 'old')
    const out = await runCli(r, [
      'check',
      '--config',
      'labelgate.yml',
      '--json',
      'out/old.json',
      '--markdown',
      'new/deep/c.md'
    ])
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    expect(
      JSON.parse(readFileSync(path.join(r, 'out', 'old.json'), 'utf8')).passed
    ).toBe(true)
    expect(readFileSync(path.join(r, 'new/deep/c.md'), 'utf8')).toContain(
      'labelgate'
    )
  })
})
