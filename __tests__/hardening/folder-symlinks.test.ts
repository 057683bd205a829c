import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { runCli } from '../helpers/run-cli.js'
import { configFor, folderWith } from './helpers.js'

// A file outside the repository holding a "secret" as its first line.
const SECRET = 'root:x:0:0:SECRET-TOKEN-1234:/root:/bin/bash\nsecond line\n'

describe('folder mode refuses symbolic links that leave the repository', () => {
  const made: string[] = []
  const folder = (files: Record<string, string>) => {
    const f = folderWith(files)
    made.push(f)
    return f
  }
  afterEach(() => {
    for (const f of made.splice(0)) rmSync(f, { recursive: true, force: true })
  })

  it('an explicit path that is a link to a file outside', async () => {
    const outside = folder({ passwd: SECRET })
    const repo = folder({ 'labelgate.yml': configFor('data/labels.csv') })
    symlinkSync(path.join(outside, 'passwd'), path.join(repo, 'leak.csv'))
    // The dataset file itself is the link.
    writeFileSync(path.join(repo, 'labelgate.yml'), configFor('leak.csv'))
    const r = await runCli(repo, ['check', '--config', 'labelgate.yml'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'labelgate: leak.csv: is a symbolic link (or under one) that leads outside the repository; label files must be inside it\n'
    )
    expect(r.stderr).not.toContain('SECRET')
  })

  it('a glob under a linked folder that points outside', async () => {
    const outside = folder({ 'etc/passwd.csv': SECRET })
    const repo = folder({ 'labelgate.yml': configFor('data/*.csv') })
    symlinkSync(path.join(outside, 'etc'), path.join(repo, 'data'))
    const r = await runCli(repo, ['check', '--config', 'labelgate.yml'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('labelgate: data: is a symbolic link')
    expect(r.stderr).not.toContain('SECRET')
  })

  it('a linked file matched by a glob inside a real folder', async () => {
    const outside = folder({ 'creds.csv': SECRET })
    const repo = folder({
      'labelgate.yml': configFor('data/*.csv'),
      'data/a.csv': 'item_id,annotator,label\n1,a,x\n'
    })
    symlinkSync(path.join(outside, 'creds.csv'), path.join(repo, 'data/b.csv'))
    const r = await runCli(repo, ['check', '--config', 'labelgate.yml'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('labelgate: data/b.csv: is a symbolic link')
    expect(r.stderr).not.toContain('SECRET')
  })

  it('a link that stays inside the repository is read', async () => {
    const repo = folder({
      'labelgate.yml': configFor('data/*.csv'),
      'real/a.csv': 'item_id,annotator,label\n1,a,x\n1,b,x\n'
    })
    symlinkSync(path.join(repo, 'real'), path.join(repo, 'data'))
    const r = await runCli(repo, [
      'check',
      '--config',
      'labelgate.yml',
      '--json',
      'r.json'
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8'))
    expect(report.datasets[0].head.counts.annotations).toBe(2)
  })

  it('a missing column quotes the header short and cleaned, never a whole line', async () => {
    const long = `\u001b[2J${'x'.repeat(500)}`
    const repo = folder({
      'labelgate.yml': configFor('a.csv'),
      'a.csv': `${long},SECRET-TOKEN-1234:/root:/bin/bash\n1,2\n`
    })
    const r = await runCli(repo, ['check', '--config', 'labelgate.yml'])
    expect(r.code).toBe(2)
    expect(r.stderr).not.toContain('\u001b')
    expect(r.stderr).not.toContain('x'.repeat(41))
    expect(r.stderr).toContain('(504 characters)')
    expect(r.stderr.split('\n')).toHaveLength(2)
  })
})
