// `npm run preview:screenshots`: renders the preview pages (see preview.mjs),
// measures the rendered height of every scenario's PR comment in headless
// Chromium, and saves docs/images/comment-pass.png and comment-fail.png: the
// first 1280 x 900 px of a desktop window, what a reviewer sees unscrolled.
// Needs Debian's chromium (`apt-get install -y chromium`); no test runs it.
//
//   --renderer FILE  measure another checkout's renderer (src/render/markdown/render-markdown.ts;
//                    src/report/render-markdown.ts before the move)
//   --no-images      measure only
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { writePreview } from './preview.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const WINDOW = [1280, 900]

/** Headless Chromium with nothing that reaches the network, in a fresh profile. */
function chromium(args) {
  const profile = mkdtempSync(join(tmpdir(), 'labelgate-chromium-'))
  try {
    return execFileSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        `--window-size=${WINDOW.join(',')}`,
        // Lets Mermaid finish drawing before the DOM or picture is taken.
        '--virtual-time-budget=15000',
        // Paints the whole page before the picture (no half-drawn tiles).
        '--run-all-compositor-stages-before-draw',
        ...args
      ],
      {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'ignore']
      }
    )
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
}

/** The rendered height in px of the comment body of a page (set by the page's script). */
export function renderedHeight(page) {
  const dom = chromium(['--dump-dom', pathToFileURL(page).href])
  const m = /<body[^>]*data-height="(\d+)"/.exec(dom)
  if (!m) throw new Error(`${page}: the page did not report its height`)
  return Number(m[1])
}

function option(name) {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : undefined
}

if (!existsSync(CHROMIUM)) {
  console.error(
    `${CHROMIUM} not found: apt-get install -y chromium (or set CHROMIUM)`
  )
  process.exit(2)
}
const renderer = option('--renderer')
const out = mkdtempSync(join(tmpdir(), 'labelgate-preview-'))
try {
  const scenarios = await writePreview(out, renderer && resolve(renderer))
  console.log('| Scenario | Characters | Lines | Rendered height (px) |')
  console.log('| --- | ---: | ---: | ---: |')
  for (const { name, comment } of scenarios) {
    const height = renderedHeight(join(out, `${name}.comment.html`))
    console.log(
      `| ${name} | ${comment.length.toLocaleString('en')} | ${comment.split('\n').length} | ${height.toLocaleString('en')} |`
    )
  }
  if (!process.argv.includes('--no-images') && !renderer) {
    const images = join(ROOT, 'docs', 'images')
    mkdirSync(images, { recursive: true })
    for (const name of ['pass', 'fail']) {
      const png = join(images, `comment-${name}.png`)
      chromium([
        `--screenshot=${png}`,
        pathToFileURL(join(out, `${name}.comment.html`)).href
      ])
      console.log(`wrote ${png}`)
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true })
}
