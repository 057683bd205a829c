import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

// The hook in .pre-commit-hooks.yaml, run by the pre-commit framework itself
// (Debian's package) on a real commit. The hook repository is a clone of this
// one with the work tree's hook files and CLI bundle committed on top, so the
// test sees the code under test, as a user sees a tag.

const ROOT = path.resolve('.')
const available = spawnSync('pre-commit', ['--version']).status === 0
// .ci/run installs pre-commit and sets this: there a missing tool fails.
const required = process.env.LABELGATE_REQUIRE_PRE_COMMIT === '1'

let tmp: string
let hooks: string
let project: string

function run(cwd: string, command: string, args: string[]) {
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-home'),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: path.join(tmp, 'gitconfig'),
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
      NO_COLOR: '1'
    }
  })
  return { code: r.status, out: `${r.stdout}${r.stderr}` }
}

function git(cwd: string, ...args: string[]): string {
  const r = run(cwd, 'git', args)
  if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.out}`)
  return r.out.trim()
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, text)
}

const LABELS = 'item_id,annotator,label\ni1,ann1,pos\ni1,ann2,pos\n'

it('runs where pre-commit is installed (.ci/run installs it)', () => {
  expect(available || !required).toBe(true)
})

;(available ? describe : describe.skip)('the pre-commit hook', () => {
  beforeAll(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'labelgate-pre-commit-'))
    writeFileSync(path.join(tmp, 'gitconfig'), '')
    hooks = path.join(tmp, 'labelgate')
    git(tmp, 'clone', '-q', '--shared', ROOT, hooks)
    for (const file of [
      '.pre-commit-hooks.yaml',
      'script/pre-commit-hook.mjs',
      'dist/cli.js',
      'package.json'
    ]) {
      mkdirSync(path.dirname(path.join(hooks, file)), { recursive: true })
      copyFileSync(path.join(ROOT, file), path.join(hooks, file))
    }
    git(hooks, 'add', '-A')
    git(hooks, 'commit', '-q', '--allow-empty', '-m', 'the work tree')
    const rev = git(hooks, 'rev-parse', 'HEAD')

    project = path.join(tmp, 'labels')
    mkdirSync(project)
    git(project, 'init', '-q', '-b', 'main')
    write(
      path.join(project, 'labelgate.yml'),
      [
        'version: 1',
        'datasets:',
        '  - name: sentiment',
        '    path: data/sentiment/*.csv',
        '    categories: [neg, pos]',
        '  - name: topics',
        '    path: data/topics/*.csv',
        '    categories: [sport, news]',
        ''
      ].join('\n')
    )
    write(
      path.join(project, '.pre-commit-config.yaml'),
      [
        'repos:',
        `  - repo: ${hooks}`,
        `    rev: ${rev}`,
        '    hooks:',
        '      - id: labelgate',
        ''
      ].join('\n')
    )
    write(path.join(project, 'data/sentiment/a.csv'), LABELS)
    write(
      path.join(project, 'data/topics/a.csv'),
      'item_id,annotator,label\nt1,ann1,sport\n'
    )
    git(project, 'add', '-A')
    git(project, 'commit', '-q', '-m', 'labels')
    const install = run(project, 'pre-commit', ['install'])
    if (install.code !== 0)
      throw new Error(`pre-commit install: ${install.out}`)
  }, 120_000)

  afterAll(() => rmSync(tmp, { recursive: true, force: true }))

  const commit = (message: string) =>
    run(project, 'git', ['commit', '-q', '-m', message])
  const head = () => git(project, 'rev-parse', 'HEAD')

  it('has an entry that git records as executable, as users clone it', () => {
    expect(
      git(ROOT, 'ls-files', '--stage', 'script/pre-commit-hook.mjs')
    ).toMatch(/^100755 /)
  })

  it('blocks a commit that adds a label outside the categories, naming the file and line', () => {
    const before = head()
    write(
      path.join(project, 'data/sentiment/a.csv'),
      `${LABELS}i2,ann1,maybe\n`
    )
    git(project, 'add', 'data/sentiment/a.csv')
    const r = commit('a bad label')
    expect(r.code).not.toBe(0)
    expect(r.out).toMatch(/labelgate \(label quality gates\)\.*Failed/)
    expect(r.out).toMatch(/data\/sentiment\/a\.csv:4/)
    expect(r.out).toMatch(/maybe/)
    expect(head()).toBe(before)
  })

  it('lets the commit through once the label is one of the categories', () => {
    const before = head()
    write(path.join(project, 'data/sentiment/a.csv'), `${LABELS}i2,ann1,neg\n`)
    git(project, 'add', 'data/sentiment/a.csv')
    const r = commit('a good label')
    expect(r.out).toMatch(/labelgate \(label quality gates\)\.*Passed/)
    expect(r.code).toBe(0)
    expect(head()).not.toBe(before)
  })

  it('checks what is committed, not an unstaged edit in the work tree', () => {
    // A bad label staged, then fixed in the work tree without staging the fix:
    // pre-commit stashes the unstaged fix, labelgate sees the staged file.
    write(path.join(project, 'data/sentiment/a.csv'), `${LABELS}i3,ann1,bad\n`)
    git(project, 'add', 'data/sentiment/a.csv')
    write(path.join(project, 'data/sentiment/a.csv'), `${LABELS}i3,ann1,pos\n`)
    expect(commit('staged bad, unstaged good').code).not.toBe(0)
    git(project, 'add', 'data/sentiment/a.csv')
    expect(commit('now good').code).toBe(0)
  })

  it('checks only the datasets the commit touches, and skips commits of no label file', () => {
    // topics holds a bad label already committed (with the hook bypassed).
    write(
      path.join(project, 'data/topics/a.csv'),
      'item_id,annotator,label\nt1,ann1,weather\n'
    )
    git(project, 'add', '-A')
    git(project, 'commit', '-q', '--no-verify', '-m', 'bypassed')
    write(path.join(project, 'data/sentiment/b.csv'), LABELS)
    git(project, 'add', 'data/sentiment/b.csv')
    expect(commit('sentiment only').code).toBe(0)
    // A deleted label file is not passed (pre-commit passes files that
    // exist); the files passed with it still are, and nothing is refused.
    git(project, 'rm', '-q', 'data/sentiment/b.csv')
    write(path.join(project, 'data/sentiment/c.csv'), LABELS)
    git(project, 'add', 'data/sentiment/c.csv')
    expect(commit('one file deleted, one added').code).toBe(0)
    write(path.join(project, 'notes.md'), 'hello\n')
    git(project, 'add', 'notes.md')
    const r = commit('no labels')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(
      /labelgate \(label quality gates\)\.*\(no files to check\)Skipped/
    )
  })
})
