/**
 * Dataset paths in the config (annotation globs, exclude globs, reference and
 * schema files) are relative to the repository root and may not leave it: the
 * config can come from a pull request's head. Returns what is wrong with a
 * path, or undefined when it is fine. Checked where the config is loaded, so
 * the error names the config file, line and column like every other field.
 */
export function repositoryPathProblem(pattern: string): string | undefined {
  if (pattern.startsWith('/') || /^[A-Za-z]:/.test(pattern)) {
    return `'${pattern}' is absolute; dataset paths are relative to the repository root`
  }
  if (pattern.split('/').includes('..')) {
    return `'${pattern}' leaves the repository ('..'); dataset paths are relative to the repository root`
  }
  return undefined
}
