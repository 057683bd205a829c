import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

// script/release.mjs, which the release workflow runs, on a real repository
// with a real remote (a bare repository), as the workflow's checkout has.

const SCRIPT = path.resolve('script/release.mjs')

let tmp: string
let work: string
let remote: string

const ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com'
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: ENV })
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`)
  return r.stdout.trim()
}

function release(...args: string[]) {
  const r = spawnSync('node', [SCRIPT, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: ENV
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** A commit whose package.json says `version`, tagged `tag` (default v + version). */
function commitVersion(version: string, tag = `v${version}`): string {
  writeFileSync(
    path.join(work, 'package.json'),
    `${JSON.stringify({ name: 'labelgate', version }, null, 2)}\n`
  )
  git(work, 'add', 'package.json')
  git(work, 'commit', '-q', '--allow-empty', '-m', `release ${version}`)
  git(work, 'tag', '-a', tag, '-m', tag)
  return git(work, 'rev-parse', 'HEAD')
}

const remoteTag = (name: string) =>
  git(remote, 'rev-parse', '--verify', '--quiet', `refs/tags/${name}^{commit}`)
const remoteTags = () => git(remote, 'tag', '--list').split('\n').sort()

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'labelgate-release-'))
  work = path.join(tmp, 'work')
  remote = path.join(tmp, 'remote.git')
  git(tmp, 'init', '-q', '--bare', remote)
  git(tmp, 'init', '-q', '-b', 'main', work)
  git(work, 'config', 'commit.gpgsign', 'false')
  git(work, 'config', 'tag.gpgsign', 'false')
  git(work, 'remote', 'add', 'origin', remote)
})

afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('script/release.mjs', () => {
  it('checks that the tag is the version package.json says at the tagged commit', () => {
    commitVersion('1.0.0')
    expect(release('check', 'v1.0.0')).toMatchObject({ code: 0 })
    commitVersion('1.0.0', 'v1.0.1')
    const wrong = release('check', 'v1.0.1')
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(
      /^release: tag v1\.0\.1 but package\.json at [0-9a-f]{12} says version 1\.0\.0/
    )
    git(work, 'tag', '-d', 'v1.0.1')
  })

  it('refuses what is not a release tag, or a tag that does not exist', () => {
    for (const bad of ['1.0.0', 'v1.0', 'v01.0.0', 'v1.0.0;rm', '--push']) {
      const r = release('move', bad)
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/is not a release tag: vMAJOR\.MINOR\.PATCH/)
    }
    expect(release('check', 'v9.9.9').stderr).toBe(
      'release: tag v9.9.9 does not exist\n'
    )
    expect(
      release('move', 'v1.0.0', '--push', '--remote', '--upload-pack=x').code
    ).toBe(1)
  })

  it('points v1 and v1.0 at the first release and pushes them', () => {
    const first = git(work, 'rev-parse', 'v1.0.0^{commit}')
    const r = release('move', 'v1.0.0', '--push')
    expect(r.code).toBe(0)
    expect(remoteTag('v1')).toBe(first)
    expect(remoteTag('v1.0')).toBe(first)
  })

  it('moves v1 forward to a minor release, and creates v1.1', () => {
    const minor = commitVersion('1.1.0')
    expect(release('move', 'v1.1.0', '--push').code).toBe(0)
    expect(remoteTag('v1')).toBe(minor)
    expect(remoteTag('v1.1')).toBe(minor)
    expect(remoteTag('v1.0')).toBe(git(work, 'rev-parse', 'v1.0.0^{commit}'))
  })

  it('moves only v1.0 for a patch to the older line: v1 never goes backwards', () => {
    const minor = git(work, 'rev-parse', 'v1.1.0^{commit}')
    git(work, 'checkout', '-q', '-b', 'release-1.0', 'v1.0.0')
    const patch = commitVersion('1.0.1')
    const r = release('move', 'v1.0.1', '--push')
    expect(r.stdout).toMatch(/v1 stays at v1\.1\.0, a later release/)
    expect(remoteTag('v1')).toBe(minor)
    expect(remoteTag('v1.0')).toBe(patch)
    git(work, 'checkout', '-q', 'main')
  })

  it('re-running a release is harmless, a pre-release moves nothing, and a new major leaves v1 alone', () => {
    const minor = git(work, 'rev-parse', 'v1.1.0^{commit}')
    expect(release('move', 'v1.1.0', '--push').code).toBe(0)
    expect(remoteTag('v1')).toBe(minor)
    commitVersion('2.0.0-rc.1')
    expect(release('move', 'v2.0.0-rc.1', '--push').stdout).toMatch(
      /pre-release: no tag moved/
    )
    expect(remoteTags()).not.toContain('v2')
    const major = commitVersion('2.0.0')
    expect(release('move', 'v2.0.0', '--push').code).toBe(0)
    expect(remoteTag('v2')).toBe(major)
    expect(remoteTag('v1')).toBe(minor)
    expect(remoteTags()).toEqual(['v1', 'v1.0', 'v1.1', 'v2', 'v2.0'])
  })

  it('reads the release notes from the CHANGELOG section of the version', () => {
    writeFileSync(
      path.join(work, 'CHANGELOG.md'),
      [
        '# Changelog',
        '',
        '## [Unreleased]',
        '',
        '## [1.1.0] - 2026-12-01',
        '',
        '### Added',
        '',
        '- a thing',
        '',
        '## [1.0.0] - 2026-11-01',
        '',
        '- the first',
        '',
        '[1.1.0]: https://example.com/v1.1.0',
        ''
      ].join('\n')
    )
    expect(release('notes', 'v1.1.0').stdout).toBe('### Added\n\n- a thing\n')
    expect(release('notes', 'v1.0.0').stdout).toBe('- the first\n')
    expect(release('notes', 'v3.0.0').stderr).toMatch(
      /no '## \[3\.0\.0\]' section/
    )
  })
})
