import { UserError } from '../errors.js'
import type { Source } from '../source/source.js'
import { matchPaths } from '../source/path-pattern.js'
import { isUtf8 } from 'node:buffer'
import { CatFileBatch } from './cat-file-batch.js'
import { runGit } from './run-git.js'

/** One entry of a commit's tree, from `git ls-tree`. */
interface TreeEntry {
  mode: string
  type: string
  id: string
  /** False when the name's bytes are not UTF-8 (shown with U+FFFD). */
  decodable: boolean
}

/**
 * A version read from a git commit, without checking it out: the tree is
 * listed once (`ls-tree`) and files are read through one `cat-file --batch`
 * process, by object id, however many there are.
 */
export class GitSource implements Source {
  readonly label: string
  private tree: Promise<Map<string, TreeEntry>> | undefined
  private readonly objects: CatFileBatch

  /** `objects`: a `cat-file` process to share (the history reads many commits through one). */
  constructor(
    readonly sha: string,
    private readonly cwd: string,
    objects?: CatFileBatch
  ) {
    this.label = sha
    this.objects = objects ?? new CatFileBatch(cwd)
  }

  async list(pattern: string): Promise<string[]> {
    this.tree ??= this.listAll()
    return matchPaths((await this.tree).keys(), pattern.replace(/^\.\//, ''))
  }

  async read(path: string): Promise<Uint8Array | undefined> {
    this.tree ??= this.listAll()
    const entry = (await this.tree).get(path)
    if (entry === undefined) return undefined
    if (!entry.decodable) {
      throw new UserError(
        `the file name is not valid UTF-8 at ${this.sha.slice(0, 7)}; rename it`,
        { file: path }
      )
    }
    if (entry.type === 'commit') {
      throw new UserError(
        `is a git submodule at ${this.sha.slice(0, 7)} (a commit of another repository), not a label file`,
        { file: path }
      )
    }
    if (entry.mode === '120000') {
      throw new UserError(
        `is a symbolic link at ${this.sha.slice(0, 7)}; links are not followed, commit the label file itself`,
        { file: path }
      )
    }
    const object = await this.objects.read(entry.id)
    if (object === undefined) {
      throw new UserError(
        `its content (${entry.id.slice(0, 12)}) is missing from the repository (a partial clone?)`,
        { file: path }
      )
    }
    return object.bytes
  }

  private async listAll(): Promise<Map<string, TreeEntry>> {
    const r = await runGit(['ls-tree', '-r', '-z', '--full-tree', this.sha], {
      cwd: this.cwd
    })
    if (r.code !== 0) {
      throw new UserError(`git ls-tree ${this.sha} failed: ${r.stderr}`)
    }
    const entries = new Map<string, TreeEntry>()
    const out = r.stdout
    let start = 0
    while (start < out.length) {
      let end = out.indexOf(0, start)
      if (end < 0) end = out.length
      // `<mode> SP <type> SP <id> TAB <path>`
      const tab = out.indexOf(0x09, start)
      if (tab > start && tab < end) {
        const [mode, type, id] = out
          .subarray(start, tab)
          .toString('latin1')
          .split(' ')
        const name = out.subarray(tab + 1, end)
        entries.set(name.toString('utf8'), {
          mode: mode!,
          type: type!,
          id: id!,
          decodable: isUtf8(name)
        })
      }
      start = end + 1
    }
    return entries
  }
}

/**
 * The commit SHA a revision names, or a UserError naming the revision and
 * what else `option` would have taken (`alternative`: 'a folder', a date).
 */
export async function resolveRevision(
  revision: string,
  cwd: string,
  option: string,
  alternative?: string
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
      (alternative === undefined
        ? `'${revision}' is not a git revision here`
        : `'${revision}' is neither ${alternative} nor a git revision here`) +
        (await whyNoRevision(cwd)),
      { field: option }
    )
  }
  return r.stdout.toString('utf8').trim()
}

/**
 * Why no revision resolves, where the reason is not the name: outside a git
 * repository (`labelgate history` in a plain folder said only "'HEAD' is
 * not a git revision here"), or in one without commits.
 */
async function whyNoRevision(cwd: string): Promise<string> {
  const repo = await runGit(['rev-parse', '--git-dir'], { cwd }).catch(
    () => undefined
  )
  if (repo === undefined || repo.code !== 0)
    return ' (this folder is not in a git repository)'
  const head = await runGit(['rev-parse', '--verify', '--quiet', 'HEAD'], {
    cwd
  })
  return head.code !== 0 ? ' (the repository has no commits yet)' : ''
}
