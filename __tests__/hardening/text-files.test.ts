import { afterEach, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { runCli } from '../helpers/run-cli.js'
import { configFor, folderWith } from './helpers.js'

const DATA = 'item_id,annotator,label\n1,a,x\n1,b,x\n'

describe('config, schema and label files that are not UTF-8 text', () => {
  const made: string[] = []
  const check = async (files: Record<string, string | Uint8Array>) => {
    const r = folderWith(files)
    made.push(r)
    return runCli(r, ['check', '--config', 'labelgate.yml'])
  }
  afterEach(() => {
    for (const f of made.splice(0)) rmSync(f, { recursive: true, force: true })
  })

  it('a UTF-16 config (with or without a BOM) says to save it as UTF-8', async () => {
    const text = configFor('a.csv')
    const withBom = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(text, 'utf16le')
    ])
    for (const config of [withBom, Buffer.from(text, 'utf16le')]) {
      const r = await check({ 'labelgate.yml': config, 'a.csv': DATA })
      expect(r.code).toBe(2)
      expect(r.stderr).toBe(
        'labelgate: labelgate.yml: is UTF-16 text; save it as UTF-8\n'
      )
    }
  })

  it('a schema file with a NUL or invalid UTF-8 stops the run at its line', async () => {
    const config = configFor('a.csv', ['    schema: schema.yml'])
    const nul = await check({
      'labelgate.yml': config,
      'a.csv': DATA,
      'schema.yml': 'version: 1\ncategories: [x\u0000, y]\n'
    })
    expect(nul.code).toBe(2)
    expect(nul.stderr).toBe(
      'labelgate: schema.yml:2: has a NUL byte; it is not a text file\n'
    )
    const bad = await check({
      'labelgate.yml': config,
      'a.csv': DATA,
      'schema.yml': Buffer.concat([
        Buffer.from('version: 1\ncategories: [x, '),
        Buffer.from([0xc3, 0x28]),
        Buffer.from(']\n')
      ])
    })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe(
      'labelgate: schema.yml:2: is not valid UTF-8 text; save it as UTF-8\n'
    )
  })

  it('a NUL past the first 8 KiB of a label file stops the run at its line', async () => {
    const rows = ['item_id,annotator,label']
    for (let i = 0; i < 1000; i++) rows.push(`item${i},a,x`)
    rows.push('late,a,x\u0000y')
    const r = await check({
      'labelgate.yml': configFor('a.csv'),
      'a.csv': rows.join('\n') + '\n'
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'labelgate: a.csv:1002: has a NUL byte, which a text label file never holds\n'
    )
  })
})
