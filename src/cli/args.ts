import { parseArgs } from 'node:util'
import { UserError } from '../errors.js'
import { didYouMean } from '../util/did-you-mean.js'
import { LINE_FORMATS, type LineFormat } from '../render/lines/finding-lines.js'

export interface CheckArgs {
  command: 'check'
  config?: string
  base?: string
  head?: string
  datasets?: string[]
  json?: string
  markdown?: string
  /** The JUnit XML report. */
  junit?: string
  /** How findings are written one per line; default from GITHUB_ACTIONS. */
  format?: LineFormat
  adjudication?: string
  qcSample?: string
  /** Where to write the inferred labels (config `consensus`). */
  consensus?: string
  /** Only the datasets whose files or config differ from the base. */
  changed: boolean
  /**
   * Only the datasets these files belong to (as given, relative to the
   * working directory): what a pre-commit hook passes.
   */
  files: string[]
  /** Every annotator, pair, class and label in the JSON report (no caps). */
  fullReport: boolean
  /** Where trend gates keep the base branch's checked versions. */
  cache?: string
  noCache: boolean
  quiet: boolean
  debug: boolean
  color?: boolean
  /** `--stats`: the FILEs are statistics shards to merge and gate on. */
  stats: boolean
  /** `--threads N`: threads reading large CSV/TSV files (1: the main thread only). */
  threads?: number
}

/** `labelgate stats --shard --out FILE`: a dataset's statistics shard. */
export interface StatsArgs {
  command: 'stats'
  config?: string
  head?: string
  dataset?: string
  out: string
  /** One part of a hash partition of the items (1-based index). */
  part?: { index: number; count: number }
  quiet: boolean
  debug: boolean
}

export interface MigrateArgs {
  command: 'migrate'
  config?: string
  datasets?: string[]
  dryRun: boolean
  quiet: boolean
  debug: boolean
}

export interface HistoryArgs {
  command: 'history'
  config?: string
  ref?: string
  since?: string
  max?: number
  datasets?: string[]
  json?: string
  csv?: string
  cache?: string
  noCache: boolean
  quiet: boolean
  debug: boolean
}

/** `labelgate report --html DIR`: the dashboard of a branch's history. */
export interface ReportArgs {
  command: 'report'
  /** The folder the site is written to. */
  html: string
  /** A history JSON (`labelgate history --json`) to draw instead of computing one. */
  history?: string
  config?: string
  ref?: string
  since?: string
  max?: number
  datasets?: string[]
  cache?: string
  noCache: boolean
  quiet: boolean
  debug: boolean
}

export type CliArgs =
  | CheckArgs
  | MigrateArgs
  | HistoryArgs
  | ReportArgs
  | StatsArgs
  | { command: 'help' }
  | { command: 'version' }

export const USAGE = `Usage: labelgate check [options] [FILE]...
       labelgate migrate [--config FILE] [--dataset NAME]... [--dry-run]
       labelgate history [--ref REV] [--since REV|DATE] [--max N] [--json FILE] [--csv FILE]
       labelgate report --html DIR [--ref REV] [--since REV|DATE] [--max N]
       labelgate stats --shard --out FILE [--dataset NAME] [--part I/N]
       labelgate check --stats SHARD...

Recomputes label agreement and error metrics, checks the label schema, and
fails when a gate in the config is breached.

Options:
  --config FILE     config file (default .github/labelgate.yml, then labelgate.yml)
  --base REF|DIR    compare with this version: a git revision or a folder
                    (with a revision, config and gold labels come from it)
  --head REF|DIR    the version to check (default: the working tree)
  --changed         only datasets whose files, reference, schema or config
                    changed since --base (a git revision)
  --dataset NAME    check only this dataset (repeatable)
  FILE...           check only the datasets these files belong to (annotation,
                    reference or schema files, or the config: then all) or
                    that have files under these folders; for pre-commit
                    hooks, which pass the committed files. A path neither on
                    disk nor known to git (deleted) stops the run (exit 2)
  --json FILE       write the JSON report
  --markdown FILE   write the Markdown report (the PR comment body)
  --junit FILE      write the gates and data problems as a JUnit XML report
                    (one test suite per dataset; GitLab, Jenkins, Azure)
  --format github|plain  failing gates and data problems one per line as
                    GitHub workflow commands (annotations) or as
                    'file:line: severity: message' (default: github when
                    GITHUB_ACTIONS=true, else plain)
  --full-report     list every annotator, pair, class and label in the JSON
                    report (default: at most 1,000 of each, worst first)
  --cache DIR       where trend gates (max_decline) keep the checked versions
                    of the base branch (default as for history)
  --no-cache        check the base branch's versions anew, keep nothing
  --adjudication FILE  write the adjudication queue (CSV; JSON Lines for .jsonl)
  --qc-sample FILE  write the QC sample (CSV with empty review columns)
  --consensus FILE  write the inferred labels with their posteriors (config
                    consensus; CSV, JSON Lines for .jsonl)
  --threads N       threads that read CSV, TSV and JSON Lines label files of
                    8 MiB or more: the main thread and N - 1 workers (default
                    1, or LABELGATE_THREADS). The report is the same for any N
  --quiet           print nothing but errors; on exit 1, the failing gates
                    and data errors, one line each
  --color, --no-color  force or disable colour (default: on a TTY, unless NO_COLOR)
  --debug           print stack traces of unexpected errors
  -h, --help        show this help
  -v, --version     print the version

Exit status: 0 all gates pass, 1 a gate or data problem of severity error,
2 the check could not be run (bad config, unreadable file, ...).

labelgate migrate rewrites the label files (annotations and reference) in
the working tree through the label schema's migrations, in place: only the
label fields change. Every file is read first; nothing is written when one
cannot be read.
  --config FILE     config file (as for check)
  --dataset NAME    migrate only this dataset (repeatable)
  --dry-run         print what would change, write nothing
Exit status: 0 done, 1 records still hold a label a migration removed
(relabel or delete them), 2 could not be run.

labelgate history checks every version of each dataset along the
first-parent history of a branch (the commits that changed its files,
reference, schema or config), each as check would at that commit.
  --ref REV         the branch or revision to walk (default HEAD)
  --since REV|DATE  only versions after this revision, or from this date
                    (YYYY-MM-DD or an ISO 8601 date-time)
  --max N           at most the newest N versions of each dataset
  --config PATH     the config's path in the repository, read at each commit
  --dataset NAME    only this dataset (repeatable)
  --json FILE       write the history (labelgate-history/1)
  --csv FILE        write one row per dataset, version and metric
  --cache DIR       where checked versions are kept (default
                    $XDG_CACHE_HOME/labelgate/history, else ~/.cache/...)
  --no-cache        check every version anew, keep nothing
Exit status: 0 done, 2 could not be run.

labelgate report --html DIR writes the dashboard: a self-contained static
site (DIR/index.html, with history.json and report.json beside it) with each
dataset's metrics, annotators and classes over the history of --ref, and
the check at --ref. It takes history's options (--ref, --since, --max,
--config, --dataset, --cache, --no-cache), and
  --history FILE    draw this history JSON instead of computing one
Exit status: 0 written (whatever the gates say), 2 could not be run.

labelgate stats --shard writes a dataset's sufficient statistics (per-item
category counts, annotator-pair tables, reference tallies) as a statistics
shard (docs/stats-shards.md); check --stats SHARD... merges shards of
disjoint items and gates on them as check would on the files.
  --out FILE        the shard file to write (required)
  --dataset NAME    the dataset (required when the config has several)
  --part I/N        only the items whose id hashes to part I of N
                    (FNV-1a of the id, modulo N), for N parallel writers
  --config, --head  as for check
Exit status: 0 written, 2 could not be run.`

/** Every option of every command; which command takes which is checked after. */
const OPTIONS = {
  config: { type: 'string' },
  base: { type: 'string' },
  head: { type: 'string' },
  dataset: { type: 'string', multiple: true },
  json: { type: 'string' },
  markdown: { type: 'string' },
  junit: { type: 'string' },
  format: { type: 'string' },
  adjudication: { type: 'string' },
  'qc-sample': { type: 'string' },
  consensus: { type: 'string' },
  changed: { type: 'boolean', default: false },
  'full-report': { type: 'boolean', default: false },
  ref: { type: 'string' },
  since: { type: 'string' },
  max: { type: 'string' },
  csv: { type: 'string' },
  cache: { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  html: { type: 'string' },
  history: { type: 'string' },
  shard: { type: 'boolean', default: false },
  stats: { type: 'boolean', default: false },
  out: { type: 'string' },
  part: { type: 'string' },
  threads: { type: 'string' },
  quiet: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  debug: { type: 'boolean', default: false },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' }
} as const

/**
 * Node's message for an unknown option, but with a suggestion instead of its
 * advice about positional arguments (which quotes them unbalanced).
 */
function usageMessage(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code
  const unknown = /^Unknown option '([^']*)'/.exec(error.message)
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== null) {
    const option = unknown[1]!
    const names = Object.keys(OPTIONS).map((name) => `--${name}`)
    return `unknown option '${option}'${option.startsWith('--') ? didYouMean(option, names) : ''}`
  }
  return error.message.split('\n')[0]!
}

/** Parses argv (without node and script) into a typed command; bad usage is a UserError. */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: OPTIONS
    })
  } catch (error) {
    throw new UserError(
      `${usageMessage(error as Error)} (see labelgate --help)`
    )
  }
  const { values, positionals } = parsed
  if (values.help === true) return { command: 'help' }
  if (values.version === true) return { command: 'version' }
  const [command, ...rest] = positionals
  if (command === undefined) return { command: 'help' }
  if (
    command !== 'check' &&
    command !== 'migrate' &&
    command !== 'history' &&
    command !== 'report' &&
    command !== 'stats'
  ) {
    throw new UserError(
      `unknown command '${command}'; the commands are 'check', 'migrate', 'history', 'report' and 'stats' (see labelgate --help)`
    )
  }
  if (command === 'stats') return statsArgs(values, rest)
  const statsOnly = (
    [
      ['shard', values.shard ? true : undefined],
      ['out', values.out],
      ['part', values.part]
    ] as const
  ).find(([, v]) => v !== undefined)
  if (statsOnly !== undefined) {
    throw new UserError(
      `--${statsOnly[0]} is an option of stats, not of ${command} (see labelgate --help)`
    )
  }
  if (values.stats && command !== 'check') {
    throw new UserError(
      `--stats is an option of check, not of ${command} (see labelgate --help)`
    )
  }
  if (values.threads !== undefined && command !== 'check') {
    throw new UserError(
      `--threads is an option of check, not of ${command} (see labelgate --help)`
    )
  }
  // Only check takes files (FILE...: the datasets they belong to).
  if (rest.length > 0 && command !== 'check') {
    throw new UserError(
      `unexpected argument '${rest[0]}' (see labelgate --help)`
    )
  }
  if (command === 'report') return reportArgs(values)
  const reportOnly = (
    [
      ['html', values.html],
      ['history', values.history]
    ] as const
  ).find(([, v]) => v !== undefined)
  if (reportOnly !== undefined) {
    throw new UserError(
      `--${reportOnly[0]} is an option of report, not of ${command} (see labelgate --help)`
    )
  }
  const historyOnly = (
    [
      ['ref', values.ref],
      ['since', values.since],
      ['max', values.max],
      ['csv', values.csv],
      ...(command === 'check'
        ? []
        : ([
            ['cache', values.cache],
            ['no-cache', values['no-cache'] ? true : undefined]
          ] as const))
    ] as const
  ).find(([, v]) => v !== undefined)
  if (command === 'history') {
    const checkOnly = (
      [
        ['base', values.base],
        ['head', values.head],
        ['markdown', values.markdown],
        ['adjudication', values.adjudication],
        ['qc-sample', values['qc-sample']],
        ['consensus', values.consensus],
        ['junit', values.junit],
        ['format', values.format],
        ['changed', values.changed ? true : undefined],
        ['dry-run', values['dry-run'] ? true : undefined]
      ] as const
    ).find(([, v]) => v !== undefined)
    if (checkOnly !== undefined) {
      throw new UserError(
        `--${checkOnly[0]} is not an option of history (see labelgate --help)`
      )
    }
    let max: number | undefined
    if (values.max !== undefined) {
      max = Number(values.max)
      if (!/^\d+$/.test(values.max) || !(max >= 1)) {
        throw new UserError(`'${values.max}' is not a positive whole number`, {
          field: '--max'
        })
      }
    }
    return {
      command: 'history',
      config: values.config,
      ref: values.ref,
      since: values.since,
      max,
      datasets: values.dataset,
      json: values.json,
      csv: values.csv,
      cache: values.cache,
      noCache: values['no-cache'],
      quiet: values.quiet,
      debug: values.debug
    }
  }
  if (historyOnly !== undefined) {
    throw new UserError(
      `--${historyOnly[0]} is an option of history, not of ${command} (see labelgate --help)`
    )
  }
  if (command === 'migrate') {
    if (rest.length > 0) {
      throw new UserError(
        `unexpected argument '${rest[0]}' (see labelgate --help)`
      )
    }
    const checkOnly = (
      [
        ['base', values.base],
        ['head', values.head],
        ['json', values.json],
        ['markdown', values.markdown],
        ['junit', values.junit],
        ['format', values.format],
        ['adjudication', values.adjudication],
        ['qc-sample', values['qc-sample']],
        ['consensus', values.consensus]
      ] as const
    ).find(([, v]) => v !== undefined)
    if (checkOnly !== undefined) {
      throw new UserError(
        `--${checkOnly[0]} is an option of check, not of migrate (see labelgate --help)`
      )
    }
    return {
      command: 'migrate',
      config: values.config,
      datasets: values.dataset,
      dryRun: values['dry-run'],
      quiet: values.quiet,
      debug: values.debug
    }
  }
  if (values['dry-run']) {
    throw new UserError(
      '--dry-run is an option of migrate, not of check (see labelgate --help)'
    )
  }
  const format = values.format
  if (
    format !== undefined &&
    !(LINE_FORMATS as readonly string[]).includes(format)
  ) {
    throw new UserError(
      `--format takes ${LINE_FORMATS.join(' or ')}, not '${format}' (see labelgate --help)`
    )
  }
  let threads: number | undefined
  if (values.threads !== undefined) {
    threads = Number(values.threads)
    if (!/^\d+$/.test(values.threads) || !(threads >= 1)) {
      throw new UserError(
        `'${values.threads}' is not a positive whole number`,
        { field: '--threads' }
      )
    }
  }
  return {
    command: 'check',
    config: values.config,
    base: values.base,
    head: values.head,
    datasets: values.dataset,
    json: values.json,
    markdown: values.markdown,
    junit: values.junit,
    format: format as LineFormat | undefined,
    adjudication: values.adjudication,
    qcSample: values['qc-sample'],
    consensus: values.consensus,
    changed: values.changed,
    files: rest,
    fullReport: values['full-report'],
    cache: values.cache,
    noCache: values['no-cache'],
    quiet: values.quiet,
    debug: values.debug,
    color:
      values['no-color'] === true
        ? false
        : values.color === true
          ? true
          : undefined,
    stats: values.stats,
    ...(threads !== undefined && { threads })
  }
}

/** `stats`: --shard and --out (required), --dataset, --part, --config, --head. */
function statsArgs(values: ReportValues, rest: readonly string[]): StatsArgs {
  if (rest.length > 0) {
    throw new UserError(
      `unexpected argument '${rest[0]}' (see labelgate --help)`
    )
  }
  const foreign = Object.keys(values).find(
    (key) =>
      ![
        'shard',
        'out',
        'part',
        'dataset',
        'config',
        'head',
        'quiet',
        'debug'
      ].includes(key) &&
      values[key] !== undefined &&
      values[key] !== false
  )
  if (foreign !== undefined) {
    throw new UserError(
      `--${foreign} is not an option of stats (see labelgate --help)`
    )
  }
  if (values.shard !== true) {
    throw new UserError(
      'stats writes statistics shards only for now: give --shard',
      { field: '--shard' }
    )
  }
  if (values.out === undefined || values.out === '') {
    throw new UserError(
      'stats --shard needs --out FILE: where to write the shard'
    )
  }
  if ((values.dataset?.length ?? 0) > 1) {
    throw new UserError('stats writes one dataset at a time', {
      field: '--dataset'
    })
  }
  let part: StatsArgs['part']
  if (values.part !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(String(values.part))
    const index = Number(match?.[1])
    const count = Number(match?.[2])
    if (match === null || !(count >= 1) || !(index >= 1 && index <= count)) {
      throw new UserError(
        `'${String(values.part)}' is not I/N with 1 <= I <= N (for example 2/8)`,
        { field: '--part' }
      )
    }
    part = { index, count }
  }
  return {
    command: 'stats',
    config: values.config,
    head: typeof values.head === 'string' ? values.head : undefined,
    dataset: values.dataset?.[0],
    out: String(values.out),
    part,
    quiet: values.quiet === true,
    debug: values.debug === true
  }
}

/** The parsed options report reads (the others only to reject them). */
interface ReportValues {
  html?: string
  history?: string
  config?: string
  ref?: string
  since?: string
  max?: string
  dataset?: string[]
  cache?: string
  'no-cache'?: boolean
  quiet?: boolean
  debug?: boolean
  [option: string]: string | boolean | string[] | undefined
}

/** `report`: history's options, --html (required) and --history. */
function reportArgs(values: ReportValues): ReportArgs {
  const foreign = (
    [
      ['base', values.base],
      ['head', values.head],
      ['json', values.json],
      ['markdown', values.markdown],
      ['adjudication', values.adjudication],
      ['qc-sample', values['qc-sample']],
      ['csv', values.csv],
      ['changed', values.changed ? true : undefined],
      ['dry-run', values['dry-run'] ? true : undefined]
    ] as const
  ).find(([, v]) => v !== undefined)
  if (foreign !== undefined) {
    throw new UserError(
      `--${foreign[0]} is not an option of report (see labelgate --help)`
    )
  }
  if (values.html === undefined || values.html === '') {
    throw new UserError(
      'report needs --html DIR: the folder to write the site to'
    )
  }
  let max: number | undefined
  if (values.max !== undefined) {
    max = Number(values.max)
    if (!/^\d+$/.test(values.max) || !(max >= 1)) {
      throw new UserError(`'${values.max}' is not a positive whole number`, {
        field: '--max'
      })
    }
  }
  return {
    command: 'report',
    html: values.html,
    history: values.history,
    config: values.config,
    ref: values.ref,
    since: values.since,
    max,
    datasets: values.dataset,
    cache: values.cache,
    noCache: values['no-cache'] === true,
    quiet: values.quiet === true,
    debug: values.debug === true
  }
}
