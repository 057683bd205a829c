/**
 * A base or head as people read it: a full commit SHA (SHA-1 or SHA-256)
 * shortened to 7 characters as git and GitHub do; anything else (a folder
 * path, `worktree`) unchanged.
 */
export function shortRef(ref: string): string {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref) ? ref.slice(0, 7) : ref
}
