import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Page } from 'playwright-core'

/** Debian's chromium (`.ci/run` installs it when missing); CHROMIUM overrides. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'

/** Flags that keep Chromium off the network and out of the machine's profile. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

export interface PageVisit {
  /** Console messages of type error or warning, and uncaught exceptions. */
  errors: string[]
  /** Every URL the page requested besides the page itself. */
  requests: string[]
}

/**
 * Opens a local HTML file in headless Chromium from file://, in a fresh
 * profile, records console errors and every request, and runs `inspect`
 * on the page once `body[data-charts-drawn]` is set.
 */
export async function visit<T>(
  file: string,
  inspect: (page: Page) => Promise<T>,
  options: { screenshot?: string; width?: number } = {}
): Promise<{ visit: PageVisit; result: T }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: apt-get install -y chromium (or set CHROMIUM)`
    )
  }
  const profile = await mkdtemp(path.join(tmpdir(), 'labelgate-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: options.width ?? 1280, height: 900 }
  })
  const url = pathToFileURL(file).href
  const seen: PageVisit = { errors: [], requests: [] }
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') {
        seen.errors.push(`${m.type()}: ${m.text()}`)
      }
    })
    page.on('pageerror', (e) => seen.errors.push(`exception: ${e.message}`))
    context.on('request', (r) => {
      if (r.url() !== url) seen.requests.push(r.url())
    })
    await page.goto(url, { waitUntil: 'load' })
    await page.waitForSelector('body[data-charts-drawn]', { timeout: 30_000 })
    const result = await inspect(page)
    if (options.screenshot !== undefined) {
      await page.screenshot({ path: options.screenshot, fullPage: false })
    }
    return { visit: seen, result }
  } finally {
    await context.close()
    await rm(profile, { recursive: true, force: true })
  }
}

/** A number as a table cell shows it: `68.57%` → 0.6857, `0.3601`, `—` → null. */
export function cellNumber(text: string): number | null {
  const t = text.trim()
  if (t === '—' || t === '') return null
  return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t)
}
