import type { ReadProgress } from '../formats/read-annotations.js'
import { formatCount } from '../formats/problem-log.js'
import { cleanText } from '../util/clean-text.js'
import type { CliIo } from './cli-io.js'

/** A run shorter than this shows no progress at all. */
const SHOW_AFTER_MS = 2000
/** At most this often the line is redrawn. */
const REDRAW_MS = 250
const CLEAR = '\r\u001b[K'

/**
 * The progress line for an interactive run: only when stderr is a terminal,
 * not in CI (CI logs keep every redraw as a line) and not with --quiet.
 */
export function progressLineFor(
  io: CliIo,
  quiet: boolean
): ProgressLine | undefined {
  const ci = io.env.CI
  if (
    quiet ||
    io.stderrIsTTY !== true ||
    (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') ||
    io.env.GITHUB_ACTIONS === 'true' ||
    io.env.TERM === 'dumb'
  )
    return undefined
  return new ProgressLine(io.stderr, () => performance.now(), io.columns)
}

/**
 * One line on stderr, redrawn in place, while big label files are read:
 * the file, bytes read of its size, records per second and the time left
 * for the file. It appears only once the run has taken 2 s, and is cleared
 * when a file is read to its end and by `finish`, so that nothing of it
 * stays between the report's lines.
 */
export class ProgressLine implements ReadProgress {
  private readonly started: number
  private readingStarted = -1
  private fileStarted = 0
  private file = ''
  private size = 0
  private bytes = 0
  /** Records of the files read to their end, and of the current one. */
  private done = 0
  private records = 0
  private shown = false
  private drawn = -Infinity

  constructor(
    private readonly write: (text: string) => void,
    private readonly now: () => number,
    columns = 100
  ) {
    this.started = now()
    this.width = Math.max(40, Math.min(columns, 100)) - 1
  }

  private readonly width: number

  startFile(file: string, size: number): void {
    const t = this.now()
    if (this.readingStarted < 0) this.readingStarted = t
    this.done += this.records
    this.records = 0
    this.file = file
    this.size = size
    this.bytes = 0
    this.fileStarted = t
  }

  advance(bytes: number, records: number): void {
    this.bytes = bytes
    this.records = records
    if (this.size > 0 && bytes >= this.size) {
      this.clear()
      return
    }
    const t = this.now()
    if (t - this.started < SHOW_AFTER_MS || t - this.drawn < REDRAW_MS) return
    this.drawn = t
    this.shown = true
    this.write(`${CLEAR}${this.text(t)}`)
  }

  /** Clears the line, if it is on the screen. */
  finish(): void {
    this.clear()
  }

  private clear(): void {
    if (!this.shown) return
    this.write(CLEAR)
    this.shown = false
  }

  private text(t: number): string {
    const fileSeconds = (t - this.fileStarted) / 1000
    const seconds = (t - this.readingStarted) / 1000
    const perSecond =
      seconds > 0 ? Math.round((this.done + this.records) / seconds) : 0
    const left =
      this.bytes > 0 && fileSeconds > 0
        ? ((this.size - this.bytes) * fileSeconds) / this.bytes
        : undefined
    const facts = ` ${megabytes(this.bytes)} of ${megabytes(this.size)} MB, ${formatCount(perSecond)} rows/s, ETA ${clock(left)}`
    const room = this.width - 'labelgate: reading '.length - facts.length
    const text = `labelgate: reading ${shorten(cleanText(this.file), room)}${facts}`
    return text.slice(0, this.width)
  }
}

function megabytes(bytes: number): string {
  return formatCount(Math.round(bytes / 1e6))
}

/** 75 -> "1:15"; an unknown time (or over 100 hours) is "?". */
function clock(seconds: number | undefined): string {
  if (seconds === undefined || !(seconds < 100 * 3600)) return '?'
  const s = Math.round(seconds)
  const m = Math.floor(s / 60)
  const h = Math.floor(m / 60)
  const ss = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m % 60).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/** A path cut from its start to `room` characters ("…/labels.csv"). */
function shorten(path: string, room: number): string {
  if (path.length <= room) return path
  return `…${path.slice(path.length - Math.max(1, room - 1))}`
}
