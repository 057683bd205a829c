import type { ByteStream } from './byte-stream.js'

/**
 * Where a dataset version's files come from: the working tree, a folder
 * snapshot, or a git revision. The core asks only these two questions, so it
 * never touches the file system or git itself.
 */
export interface Source {
  /** What reports call this version: a SHA, a folder path, or "worktree". */
  readonly label: string
  /** Repository-relative paths (with `/`) matching a glob or naming a file, sorted. */
  list(pattern: string): Promise<string[]>
  /** The bytes of a repository-relative file, or undefined when it does not exist. */
  read(path: string): Promise<Uint8Array | undefined>
  /**
   * The file as a stream, for sources that can read a file in pieces (a
   * folder); undefined when this one cannot, or for anything `read` would
   * not give as it is (no such file, a pointer to large-file storage): then
   * `read` is used, and says why.
   */
  open?(path: string): Promise<ByteStream | undefined>
}
