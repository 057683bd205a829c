import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderMarkdown } from '../../src/report/render-markdown.js'
import { renderTerminal } from '../../src/report/render-terminal.js'
import { loadReport } from '../report/report-fixtures.js'

/**
 * The rendered comment and terminal report of a few sample reports, kept in
 * __tests__/__outputs__ so that a rendering change shows in the diff of the
 * pull request that makes it. `UPDATE_OUTPUTS=1` rewrites them.
 */
const DIR = join(process.cwd(), '__tests__', '__outputs__')
const FIXTURES = ['passing', 'failing', 'with-diff', 'governance'] as const

function golden(file: string, actual: string): void {
  const path = join(DIR, file)
  if (process.env.UPDATE_OUTPUTS === '1' || !existsSync(path)) {
    mkdirSync(DIR, { recursive: true })
    writeFileSync(path, actual)
  }
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

describe('golden outputs', () => {
  for (const name of FIXTURES) {
    it(`${name}: comment and terminal report`, () => {
      const report = loadReport(name)
      golden(
        `${name}.md`,
        renderMarkdown(report, {
          repositoryUrl: 'https://github.com/owner/repo'
        })
      )
      golden(`${name}.txt`, renderTerminal(report, { color: false }))
    })
  }
})
