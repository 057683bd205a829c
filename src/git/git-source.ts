import { UserError } from '../errors.js'
import type { Source } from '../source/source.js'
import { matchPaths } from '../source/path-pattern.js'
import { runGit } from './run-git.js'

/** A version read from a git commit, without checking it out. */
export class GitSource implements Source {
  readonly label: string
  private paths: Promise<string[]> | undefined

  constructor(
    readonly sha: string,
    private readonly cwd: string
  ) {
    this.label = sha
  }

  async list(pattern: string): Promise<string[]> {
    this.paths ??= this.listAll()
    return matchPaths(await this.paths, pattern.replace(/^\.\//, ''))
  }

  async read(path: string): Promise<Uint8Array | undefined> {
    const r = await runGit(['cat-file', 'blob', `${this.sha}:${path}`], {
      cwd: this.cwd
    })
    if (r.code !== 0) return undefined
    return r.stdout
  }

  private async listAll(): Promise<string[]> {
    const r = await runGit(['ls-tree', '-r', '-z', '--name-only', this.sha], {
      cwd: this.cwd
    })
    if (r.code !== 0) {
      throw new UserError(`git ls-tree ${this.sha} failed: ${r.stderr}`)
    }
    return r.stdout
      .toString('utf8')
      .split('\0')
      .filter((p) => p !== '')
  }
}

/** The commit SHA a revision names, or a UserError naming the revision. */
export async function resolveRevision(
  revision: string,
  cwd: string,
  option: string
): Promise<string> {
  if (revision.startsWith('-')) {
    throw new UserError(`'${revision}' is not a revision`, { field: option })
  }
  const r = await runGit(
    [
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${revision}^{commit}`
    ],
    { cwd }
  )
  if (r.code !== 0) {
    throw new UserError(
      `'${revision}' is neither a folder nor a git revision here`,
      { field: option }
    )
  }
  return r.stdout.toString('utf8').trim()
}
