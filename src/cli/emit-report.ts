import path from 'node:path'
import { UserError } from '../errors.js'
import { checkTarget, writeFileAtomic } from '../fs/write-file-atomic.js'
import {
  formatFinding,
  reportFindings,
  type LineFormat
} from '../render/lines/finding-lines.js'
import { renderJunit } from '../render/junit/render-junit.js'
import { renderMarkdown } from '../render/markdown/render-markdown.js'
import { renderTerminal } from '../render/terminal/render-terminal.js'
import { capReport } from '../report/cap-report.js'
import type { Report } from '../report/types.js'
import type { CheckArgs } from './args.js'
import type { CliIo } from './cli-io.js'

/** A file a check writes beside its report (adjudication queue, QC sample, ...). */
export interface ExtraFile {
  path: string
  content: string
}

/**
 * A check's report as files (`--json`, `--markdown`, `--junit` and `extra`)
 * and terminal output, the same for `check` and `check --stats`. Every
 * target is checked before the first is written, so a bad path leaves
 * nothing half-written. `inputs` are the files the check read (the config,
 * label and reference files): no output replaces one of them.
 */
export async function emitReport(
  report: Report,
  args: CheckArgs,
  io: CliIo,
  extra: readonly ExtraFile[] = [],
  inputs: readonly string[] = []
): Promise<void> {
  const json =
    args.json !== undefined
      ? `${JSON.stringify(args.fullReport ? report : capReport(report), null, 2)}\n`
      : undefined
  const markdown =
    args.markdown !== undefined ? renderMarkdown(report) : undefined
  const junit = args.junit !== undefined ? renderJunit(report) : undefined
  const targets = [
    args.json,
    ...extra.map((f) => f.path),
    args.markdown,
    args.junit
  ]
  refuseClashes(targets, inputs)
  for (const target of targets)
    if (target !== undefined) await checkTarget(target)
  if (args.json !== undefined) await writeFileAtomic(args.json, json!)
  for (const file of extra) await writeFileAtomic(file.path, file.content)
  if (args.markdown !== undefined)
    await writeFileAtomic(args.markdown, markdown!)
  if (args.junit !== undefined) await writeFileAtomic(args.junit, junit!)

  const format: LineFormat =
    args.format ?? (io.env.GITHUB_ACTIONS === 'true' ? 'github' : 'plain')

  if (!args.quiet) {
    const color =
      args.color ??
      (io.isTTY && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb')
    io.stdout(renderTerminal(report, { color, width: io.columns }))
    // In GitHub Actions, the findings also as annotations at file:line.
    if (format === 'github') {
      for (const f of reportFindings(report, { warnings: true }))
        io.stdout(`${formatFinding(f, format)}\n`)
    }
  } else if (!report.passed) {
    // Quiet is for hooks and scripts: on a failure, still say what failed.
    // Workflow commands go to stdout, where the runner reads them.
    const out = format === 'github' ? io.stdout : io.stderr
    for (const f of reportFindings(report, { warnings: false }))
      out(`${formatFinding(f, format)}\n`)
  }
}

/**
 * `--json data/labels.csv`, by a reader who takes --json for the input's
 * format, would replace the labels with the report; `--json r --markdown r`
 * would keep only the last one written. Both are refused before any write.
 */
export function refuseClashes(
  targets: readonly (string | undefined)[],
  inputs: readonly string[]
): void {
  const read = new Set(inputs.map((file) => path.resolve(file)))
  const written = new Set<string>()
  for (const target of targets) {
    if (target === undefined) continue
    const at = path.resolve(target)
    if (read.has(at)) {
      throw new UserError(
        'is a file this run reads; not replaced (name another file for the output)',
        { file: target }
      )
    }
    if (written.has(at)) {
      throw new UserError(
        'is named for two outputs; each needs a file of its own',
        { file: target }
      )
    }
    written.add(at)
  }
}
