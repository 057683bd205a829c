import { afterEach, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { runCli } from '../helpers/run-cli.js'
import { configFor, folderWith } from './helpers.js'

const DATA = 'item_id,annotator,label\n1,a,x\n1,b,x\n'

describe('YAML that nests too deeply or uses reserved keys', () => {
  const made: string[] = []
  const check = async (files: Record<string, string>) => {
    const r = folderWith(files)
    made.push(r)
    return runCli(r, ['check', '--config', 'labelgate.yml'])
  }
  afterEach(() => {
    for (const f of made.splice(0)) rmSync(f, { recursive: true, force: true })
  })

  it('a three-line config nesting lists 20,000 deep is one line with its place', async () => {
    const r = await check({
      'labelgate.yml': `version: 1\ndatasets:\n${'- '.repeat(20000)}x\n`,
      'a.csv': DATA
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'labelgate: labelgate.yml:3:127: invalid YAML: lists and mappings nested deeper than 64 levels\n'
    )
  })

  it('mappings indented ever deeper are refused the same way', async () => {
    const lines = Array.from(
      { length: 3000 },
      (_, i) => `${'  '.repeat(i)}k${i}:`
    )
    const r = await check({
      'labelgate.yml': `version: 1\ndatasets:\n${lines.join('\n')}\n`,
      'a.csv': DATA
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /^labelgate: labelgate\.yml:\d+:\d+: invalid YAML: lists and mappings nested deeper than 64 levels\n$/
    )
  })

  it('a label schema nesting deeply is refused at its line', async () => {
    const r = await check({
      'labelgate.yml': configFor('a.csv', ['    schema: schema.yml']),
      'a.csv': DATA,
      'schema.yml': `version: 2\ncategories: [x]\nmigrations:\n${'- '.repeat(5000)}x\n`
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /^labelgate: schema\.yml:4:\d+: invalid YAML: lists and mappings nested/
    )
  })

  it('a __proto__ key is an error at its line, not a silently dropped gate', async () => {
    const r = await check({
      'labelgate.yml': configFor('a.csv', [
        '    gates: { __proto__: { min: 0.99 } }'
      ]),
      'a.csv': DATA
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      "labelgate: labelgate.yml:6:14: key '__proto__' is reserved and cannot be used in a config or schema file\n"
    )
  })

  it('an ordinary config with lists in mappings in lists still loads', async () => {
    const r = await check({
      'labelgate.yml': configFor('a.csv', [
        '    categories:',
        '      - x',
        '      - y',
        '    gates:',
        '      percent_agreement:',
        '        min: 0.5'
      ]),
      'a.csv': DATA
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })
})
