import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderMarkdown } from '../../src/render/markdown/render-markdown.js'
import { renderTerminal } from '../../src/render/terminal/render-terminal.js'
import { loadReport } from '../report/report-fixtures.js'

/**
 * The rendered comment and terminal report of a few sample reports, kept in
 * __tests__/__outputs__ so that a rendering change shows in the diff of the
 * pull request that makes it. `UPDATE_OUTPUTS=1` rewrites them.
 */
const DIR = join(process.cwd(), '__tests__', '__outputs__')
const FIXTURES = [
  'passing',
  'failing',
  'with-diff',
  'governance',
  'slices'
] as const

/** The stored output (written first when asked to, or when there is none yet). */
function golden(file: string, actual: string): string {
  const path = join(DIR, file)
  if (process.env.UPDATE_OUTPUTS === '1' || !existsSync(path)) {
    mkdirSync(DIR, { recursive: true })
    writeFileSync(path, actual)
  }
  return readFileSync(path, 'utf8')
}

describe('golden outputs', () => {
  for (const name of FIXTURES) {
    it(`${name}: comment and terminal report`, () => {
      const report = loadReport(name)
      const markdown = renderMarkdown(report, {
        repositoryUrl: 'https://github.com/owner/repo'
      })
      expect(markdown).toBe(golden(`${name}.md`, markdown))
      const terminal = renderTerminal(report, { color: false })
      expect(terminal).toBe(golden(`${name}.txt`, terminal))
    })
  }
})
