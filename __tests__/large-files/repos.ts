import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * git in a test repository, isolated from the machine's own git config: HOME
 * is the test's folder (no ~/.gitconfig, and `git lfs install --local`
 * writes nowhere else), a fixed identity, no signing.
 */
export function gitIn(home: string, cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: isolated(home)
  }).trim()
}

export function isolated(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
    GIT_TERMINAL_PROMPT: '0'
  }
}

/** Whether `git lfs` runs here (Debian's git-lfs; GitHub's runners have it). */
export function hasGitLfs(): boolean {
  return spawnSync('git', ['lfs', 'version']).status === 0
}

export interface Version {
  /** Repository-relative path -> content. */
  files: Record<string, string | Uint8Array>
  message: string
}

/**
 * A repository whose `lfs` globs are stored in Git LFS, with one commit per
 * version, pushed to a bare origin that serves LFS objects over file://
 * (git-lfs 3's standalone transfer), then cloned at depth `depth` without
 * smudging: the clone holds pointers and no LFS object, as a CI checkout
 * with lfs: false does, so every read must go through `git lfs`.
 */
export function lfsClone(
  versions: Version[],
  lfs: string[],
  depth = versions.length
): { home: string; clone: string; shas: string[] } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'labelgate-lfs-'))
  const origin = path.join(home, 'origin.git')
  const work = path.join(home, 'work')
  const clone = path.join(home, 'clone')
  gitIn(home, home, 'init', '-q', '--bare', '-b', 'main', origin)
  mkdirSync(work)
  gitIn(home, work, 'init', '-q', '-b', 'main')
  gitIn(home, work, 'lfs', 'install', '--local')
  gitIn(home, work, 'lfs', 'track', ...lfs)
  gitIn(home, work, 'remote', 'add', 'origin', `file://${origin}`)
  const shas: string[] = []
  for (const v of versions) {
    for (const [file, content] of Object.entries(v.files)) {
      mkdirSync(path.dirname(path.join(work, file)), { recursive: true })
      writeFileSync(path.join(work, file), content)
    }
    gitIn(home, work, 'add', '-A')
    gitIn(home, work, 'commit', '-q', '-m', v.message)
    shas.push(gitIn(home, work, 'rev-parse', 'HEAD'))
  }
  gitIn(home, work, 'push', '-q', 'origin', 'main')
  execFileSync(
    'git',
    ['clone', '-q', '--depth', String(depth), `file://${origin}`, clone],
    { env: { ...isolated(home), GIT_LFS_SKIP_SMUDGE: '1' } }
  )
  return { home, clone, shas }
}
