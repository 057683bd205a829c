/** What the CLI reads from and writes to: the process, or a test's stand-in. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  isTTY: boolean
  /** Whether stderr is a terminal (the progress line goes there). */
  stderrIsTTY?: boolean
  env: NodeJS.ProcessEnv
  /** The terminal's width in columns, when stdout is a terminal. */
  columns?: number
}
