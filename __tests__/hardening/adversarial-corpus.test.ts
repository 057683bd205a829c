import { afterAll, describe, expect, it } from '@jest/globals'
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { runCli } from '../helpers/run-cli.js'
import { CONTROL, configFor, folderWith } from './helpers.js'

/**
 * The adversarial corpus: one small file per case, and in cases.json what it
 * is and the one line it must give. A data file is checked as a dataset's
 * only file; a `.config.yml` is the config, beside a valid data.csv. Exit 2
 * prints exactly `labelgate: <message>`; exit 1 reports the message as the
 * first problem (`file:line: message`).
 */
const CORPUS = path.join(import.meta.dirname, '../../__fixtures__/adversarial')
const UPDATE = process.env.UPDATE_CORPUS === '1'

interface Case {
  about: string
  level?: string
  code?: number
  message?: string
}

const cases = JSON.parse(
  readFileSync(path.join(CORPUS, 'cases.json'), 'utf8')
) as Record<string, Case>

describe('adversarial corpus: one clean line, never a stack or an internal error', () => {
  const made: string[] = []
  afterAll(() => {
    for (const f of made) rmSync(f, { recursive: true, force: true })
    if (UPDATE) {
      writeFileSync(
        path.join(CORPUS, 'cases.json'),
        JSON.stringify(cases, null, 2) + '\n'
      )
    }
  })

  it.each(Object.keys(cases))('%s', async (name) => {
    const expected = cases[name]!
    const isConfig = name.endsWith('.config.yml')
    const repo = folderWith({
      'data.csv': 'item_id,annotator,label\n1,a,x\n1,b,x\n',
      ...(isConfig
        ? {}
        : {
            'labelgate.yml': configFor(
              name,
              ['    categories: [x, y, "1"]'].slice(expected.level ? 1 : 0),
              expected.level
            )
          })
    })
    made.push(repo)
    copyFileSync(
      path.join(CORPUS, name),
      path.join(repo, isConfig ? 'labelgate.yml' : name)
    )
    const r = await runCli(repo, [
      'check',
      '--config',
      'labelgate.yml',
      '--json',
      'r.json',
      '--quiet'
    ])
    let message: string
    if (r.code === 2) {
      // Exactly one line: 'labelgate: ' + message + newline (checked below).
      message =
        /^labelgate: (.*)\n$/.exec(r.stderr)?.[1] ??
        `(not one line) ${r.stderr}`
    } else {
      const report = JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8'))
      const p = report.datasets[0].problems[0]
      message =
        p === undefined ? '(no problem)' : `${p.file}:${p.line}: ${p.message}`
    }
    expect(message).not.toMatch(CONTROL)
    expect(message).not.toContain('\n')
    expect(message).not.toMatch(/^\(not one line\)/)
    expect(message).not.toContain('internal error')
    expect(message.length).toBeLessThan(1200)
    if (UPDATE) {
      expected.code = r.code
      expected.message = message
      return
    }
    expect({ code: r.code, message }).toEqual({
      code: expected.code,
      message: expected.message
    })
  })
})
