import { afterEach, describe, expect, it } from '@jest/globals'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { git, runCli } from '../helpers/run-cli.js'

// `labelgate migrate` finds its config and label files from the repository
// root, as `check` does, wherever in the repository it runs.

const repos: string[] = []
afterEach(() => {
  for (const r of repos.splice(0)) rmSync(r, { recursive: true, force: true })
})

function repository(): string {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-migrate-sub-'))
  repos.push(repo)
  const files: Record<string, string> = {
    '.github/labelgate.yml': [
      'version: 1',
      'datasets:',
      '  - name: toy',
      '    path: data/labels.csv',
      '    schema: data/schema.yml',
      ''
    ].join('\n'),
    'data/schema.yml':
      'version: 2\ncategories: [negative, positive]\nmigrations:\n  - { from: 1, rename: { neg: negative, pos: positive } }\n',
    'data/labels.csv': 'item_id,annotator,label\n1,a,neg\n1,b,pos\n',
    'src/deep/er/.keep': ''
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true })
    writeFileSync(path.join(repo, file), text)
  }
  git(repo, 'init', '-q', '-b', 'main')
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'labels')
  return repo
}

describe('labelgate migrate from a subdirectory', () => {
  it('reads .github/labelgate.yml at the root and rewrites the root-relative files', async () => {
    const repo = repository()
    const r = await runCli(path.join(repo, 'src/deep/er'), ['migrate'])
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(
      'data/labels.csv: rewrote 2 labels (neg → negative 1, pos → positive 1)\n'
    )
    expect(r.code).toBe(0)
    expect(readFileSync(path.join(repo, 'data/labels.csv'), 'utf8')).toBe(
      'item_id,annotator,label\n1,a,negative\n1,b,positive\n'
    )
    // Nothing was written in the subdirectory.
    expect(() =>
      readFileSync(path.join(repo, 'src/deep/er/data/labels.csv'))
    ).toThrow()
  })

  it('--dry-run from a subdirectory reports without writing', async () => {
    const repo = repository()
    const r = await runCli(path.join(repo, 'src'), ['migrate', '--dry-run'])
    expect(r.stdout).toContain('data/labels.csv: would rewrite 2 labels')
    expect(r.code).toBe(0)
    expect(git(repo, 'status', '--porcelain')).toBe('')
  })
})
