import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { UserError } from '../../src/errors.js'
import { git, runCli } from '../helpers/run-cli.js'
import { CONTROL } from './helpers.js'

// Clears the screen, moves the cursor home and prints a forged verdict.
const FORGED = '\u001b[2J\u001b[Hlabelgate PASSED\nALL PASSED\r\u009b31m'

describe('text that reaches a terminal or a log is cleaned', () => {
  let repo: string
  let sha: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-ansi-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    writeFileSync(
      path.join(repo, 'labelgate.yml'),
      'version: 1\ndatasets:\n  - name: d\n    path: data/*.csv\n'
    )
    // A file name with an escape sequence; its content lacks the label column.
    writeFileSync(
      path.join(repo, 'data', `a${FORGED}.csv`),
      `item_id,annotator,${FORGED}\n1,a,x\n`
    )
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'forged name')
    sha = git(repo, 'rev-parse', 'HEAD')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('a git file name and a column name with escape sequences print as one clean line', async () => {
    const r = await runCli(repo, ['check', '--head', sha])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /^labelgate: data\/a.*\.csv:1: missing column 'label'/
    )
    expect(r.stderr.match(/\n/g)).toHaveLength(1)
    expect(r.stderr.slice(0, -1)).not.toMatch(CONTROL)
  })

  it('a UserError cleans its message, file and field however it is built', () => {
    const e = new UserError(`bad ${FORGED}`, {
      file: `f${FORGED}`,
      field: `k${FORGED}`
    })
    expect(e.format()).not.toMatch(CONTROL)
    expect(e.format()).toBe(
      "f\\u001b[2J\\u001b[Hlabelgate PASSED ALL PASSED \\u009b31m: field 'k\\u001b[2J\\u001b[Hlabelgate PASSED ALL PASSED \\u009b31m': bad \\u001b[2J\\u001b[Hlabelgate PASSED ALL PASSED \\u009b31m"
    )
  })
})

describe('Markdown: a dollar sign never starts math', () => {
  it('escapes $ as an entity', async () => {
    const { escapeMarkdown } =
      await import('../../src/render/markdown/escape-markdown.js')
    const out = escapeMarkdown('$\\color{red}{X}$ and $$x$$')
    expect(out).not.toContain('$')
    expect(out).toBe(
      '&#36;\\\\color\\{red\\}\\{X\\}&#36; and &#36;&#36;x&#36;&#36;'
    )
  })
})
