import { execFile } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)

/** A git environment that ignores the machine's and the user's config. */
export const GIT_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  LC_ALL: 'C',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_AUTHOR_NAME: 'Fixture Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Fixture Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.com'
}

/** Runs git with an argument vector (never a shell string); returns stdout trimmed. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('git', args, {
    cwd,
    env: GIT_ENV,
    maxBuffer: 16 * 1024 * 1024
  })
  return stdout.trim()
}

/** Writes files (paths relative to `root`), creating folders. */
export async function writeFiles(
  root: string,
  files: Record<string, string>
): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, name)
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, text)
  }
}

/** Commits everything in the work tree; returns the new commit's SHA. */
export async function commitAll(cwd: string, message: string): Promise<string> {
  await git(cwd, 'add', '--all')
  await git(cwd, 'commit', '--quiet', '--no-verify', '-m', message)
  return git(cwd, 'rev-parse', 'HEAD')
}

/**
 * A merge commit like GitHub's `refs/pull/N/merge`: `base` as first parent,
 * `head` as second, made with `--no-ff` so that it exists even when `head`
 * descends from `base`. Leaves the work tree detached at the merge.
 */
export async function mergeCommit(
  cwd: string,
  base: string,
  head: string,
  message: string
): Promise<string> {
  await git(cwd, 'checkout', '--quiet', '--detach', base)
  await git(
    cwd,
    'merge',
    '--quiet',
    '--no-ff',
    '--no-edit',
    '-m',
    message,
    head
  )
  return git(cwd, 'rev-parse', 'HEAD')
}

/** An "origin": a bare repository plus a work repository that pushes to it. */
export interface Origin {
  bare: string
  work: string
  /** `file://` URL of the bare repository (clone depth is ignored for plain paths). */
  url: string
}

export async function createOrigin(root: string): Promise<Origin> {
  const bare = path.join(root, 'origin.git')
  const work = path.join(root, 'work')
  await git(root, 'init', '--quiet', '--bare', '--initial-branch=main', bare)
  await git(root, 'init', '--quiet', '--initial-branch=main', work)
  const url = pathToFileURL(bare).href
  await git(work, 'remote', 'add', 'origin', url)
  return { bare, work, url }
}

/** Pushes commits to refs at origin (forced, as GitHub rewrites merge refs). */
export async function pushRefs(
  origin: Origin,
  refs: Record<string, string>
): Promise<void> {
  await git(
    origin.work,
    'push',
    '--quiet',
    '--force',
    'origin',
    ...Object.entries(refs).map(([ref, sha]) => `${sha}:${ref}`)
  )
}

/**
 * What actions/checkout does with its default `fetch-depth: 1`: init, fetch
 * one commit of `ref` with depth 1, check it out detached. The result is a
 * shallow repository that lacks every parent of the checked-out commit.
 */
export async function shallowCheckout(
  origin: Origin,
  ref: string,
  into: string
): Promise<string> {
  await git(path.dirname(into), 'init', '--quiet', into)
  await git(into, 'remote', 'add', 'origin', origin.url)
  await git(into, 'fetch', '--quiet', '--no-tags', '--depth=1', 'origin', ref)
  await git(into, 'checkout', '--quiet', '--detach', 'FETCH_HEAD')
  return git(into, 'rev-parse', 'HEAD')
}
