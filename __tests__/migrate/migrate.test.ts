import { beforeEach, afterEach, describe, expect, it } from '@jest/globals'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runCli } from '../helpers/run-cli.js'

/*
 * `labelgate migrate` on real files: only the label fields' bytes change
 * (BOM, CRLF, quoting, other fields and JSON layout stay), unchanged files are
 * not rewritten, and a file that cannot be read leaves every file untouched.
 */

const SCHEMA = `version: 3
categories: [positive, negative, neutral]
migrations:
  - { from: 1, rename: { pos: p2 }, remove: [spam] }
  - { from: 2, rename: { p2: positive, neg: negative } }
`

function config(extra = ''): string {
  return `version: 1
datasets:
  - name: s
    path: data/*.csv
    schema: data/schema.yml
    reference:
      path: gold/gold.jsonl
${extra}`
}

const BOM = '\uFEFF'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-migrate-'))
  mkdirSync(path.join(dir, 'data'))
  mkdirSync(path.join(dir, 'gold'))
  writeFileSync(path.join(dir, 'labelgate.yml'), config())
  writeFileSync(path.join(dir, 'data/schema.yml'), SCHEMA)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const write = (f: string, text: string): void =>
  writeFileSync(path.join(dir, f), text)
const read = (f: string): string => readFileSync(path.join(dir, f), 'utf8')
const inode = (f: string): number => statSync(path.join(dir, f)).ino

describe('labelgate migrate', () => {
  it('rewrites only the label fields of CSV (BOM, CRLF, quotes) and JSON Lines', async () => {
    write(
      'data/a.csv',
      BOM +
        'item_id,annotator,label,note\r\n' +
        'i1,a,pos,"plain, with comma"\r\n' +
        'i1,b,"pos","say ""pos"""\r\n' +
        'i2,a,neg,\r\n' +
        'i2,b,neutral,"multi\r\nline"\r\n' +
        'i3,a,p2,x\r\n'
    )
    write('data/b.csv', 'item_id,annotator,label\ni9,a,negative\n')
    write(
      'gold/gold.jsonl',
      '{"item_id": "i1", "label": "pos", "note": "caf\\u00e9"}\r\n' +
        '\r\n' +
        '{ "label" : "neg" ,"item_id":"i2"}\r\n' +
        '{"item_id":"i3","label":"neutral"}'
    )
    const untouched = inode('data/b.csv')
    const r = await runCli(dir, ['migrate'])
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(
      [
        'data/a.csv: rewrote 4 labels (pos → positive 2, neg → negative 1, p2 → positive 1)',
        'data/b.csv: no label to migrate',
        'gold/gold.jsonl: rewrote 2 labels (pos → positive 1, neg → negative 1)',
        ''
      ].join('\n')
    )
    expect(r.code).toBe(0)
    expect(read('data/a.csv')).toBe(
      BOM +
        'item_id,annotator,label,note\r\n' +
        'i1,a,positive,"plain, with comma"\r\n' +
        'i1,b,"positive","say ""pos"""\r\n' +
        'i2,a,negative,\r\n' +
        'i2,b,neutral,"multi\r\nline"\r\n' +
        'i3,a,positive,x\r\n'
    )
    expect(read('gold/gold.jsonl')).toBe(
      '{"item_id": "i1", "label": "positive", "note": "caf\\u00e9"}\r\n' +
        '\r\n' +
        '{ "label" : "negative" ,"item_id":"i2"}\r\n' +
        '{"item_id":"i3","label":"neutral"}'
    )
    // A file with nothing to migrate is not rewritten (same inode, no rename).
    expect(inode('data/b.csv')).toBe(untouched)
    expect(readdirSync(path.join(dir, 'data')).sort()).toEqual([
      'a.csv',
      'b.csv',
      'schema.yml'
    ])
    // The migrated files now pass the check the old names failed.
    const check = await runCli(dir, ['check', '--quiet'])
    expect(check.stderr).toBe('')
    expect(check.code).toBe(0)
    // And a second run has nothing left to do.
    const again = await runCli(dir, ['migrate'])
    expect(again.stdout).not.toContain('rewrote')
  })

  it('quotes a plain CSV field when the new name needs it, and rewrites TSV and JSON arrays', async () => {
    write(
      'data/schema.yml',
      'version: 2\ncategories: ["a, b", "say \\"x\\"", c]\nmigrations:\n  - { from: 1, rename: { ab: "a, b", x: "say \\"x\\"" } }\n'
    )
    write(
      'labelgate.yml',
      `version: 1
datasets:
  - name: t
    path: data/t.tsv
    schema: data/schema.yml
    reference:
      path: gold/g.json
  - name: c
    path: data/c.csv
    schema: data/schema.yml
`
    )
    write('data/t.tsv', 'item_id\tannotator\tlabel\ni1\ta\tab\ni2\ta\t"x"\n')
    write('data/c.csv', 'item_id,annotator,label\ni1,a,ab\ni2,a,x\n')
    write(
      'gold/g.json',
      BOM +
        '[\n  {\n    "item_id": "i1",\n    "label": "ab"\n  },\n  {"item_id": "i2", "label": "c", "extra": [1, {"label": "ab"}]}\n]\n'
    )
    const r = await runCli(dir, ['migrate'])
    expect(r.code).toBe(0)
    expect(read('data/t.tsv')).toBe(
      'item_id\tannotator\tlabel\ni1\ta\ta, b\ni2\ta\t"say ""x"""\n'
    )
    expect(read('data/c.csv')).toBe(
      'item_id,annotator,label\ni1,a,"a, b"\ni2,a,"say ""x"""\n'
    )
    // Only the record's own label key: a nested "label" is other data.
    expect(read('gold/g.json')).toBe(
      BOM +
        '[\n  {\n    "item_id": "i1",\n    "label": "a, b"\n  },\n  {"item_id": "i2", "label": "c", "extra": [1, {"label": "ab"}]}\n]\n'
    )
  })

  it('--dry-run prints the counts and writes nothing', async () => {
    write('data/a.csv', 'item_id,annotator,label\ni1,a,pos\ni2,a,neg\n')
    write('gold/gold.jsonl', '{"item_id":"i1","label":"positive"}\n')
    const before = inode('data/a.csv')
    const r = await runCli(dir, ['migrate', '--dry-run'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(
      'data/a.csv: would rewrite 2 labels (pos → positive 1, neg → negative 1)'
    )
    expect(read('data/a.csv')).toBe(
      'item_id,annotator,label\ni1,a,pos\ni2,a,neg\n'
    )
    expect(inode('data/a.csv')).toBe(before)
  })

  it('a file that cannot be read leaves every file untouched (exit 2, one line)', async () => {
    const a = 'item_id,annotator,label\ni1,a,pos\n'
    write('data/a.csv', a)
    write('data/b.csv', 'item_id,annotator,label\ni2,a,"neg\n')
    write('gold/gold.jsonl', '{"item_id":"i1","label":"pos"}\n')
    const before = inode('data/a.csv')
    const r = await runCli(dir, ['migrate'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'labelgate: data/b.csv:2:6: cannot parse: a quoted field opens here and is never closed\n'
    )
    expect(read('data/a.csv')).toBe(a)
    expect(inode('data/a.csv')).toBe(before)
    expect(read('gold/gold.jsonl')).toBe('{"item_id":"i1","label":"pos"}\n')
    expect(readdirSync(path.join(dir, 'data')).sort()).toEqual([
      'a.csv',
      'b.csv',
      'schema.yml'
    ])
  })

  it('leaves a removed label in place, lists its lines and exits 1', async () => {
    write(
      'data/a.csv',
      'item_id,annotator,label\ni1,a,spam\ni2,a,pos\ni3,b,spam\n'
    )
    write('gold/gold.jsonl', '{"item_id":"i1","label":"positive"}\n')
    const r = await runCli(dir, ['migrate'])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('data/a.csv: rewrote 1 label (pos → positive 1)')
    expect(r.stdout).toContain(
      "data/a.csv: 2 records still hold 'spam', which a migration removed (lines 2, 4): relabel or delete them"
    )
    expect(read('data/a.csv')).toBe(
      'item_id,annotator,label\ni1,a,spam\ni2,a,positive\ni3,b,spam\n'
    )
  })

  it('refuses a format it cannot rewrite in place, before writing anything', async () => {
    write(
      'labelgate.yml',
      config(
        '  - name: ls\n    path: ls/export.json\n    format: label-studio\n    schema: data/schema.yml\n'
      )
    )
    mkdirSync(path.join(dir, 'ls'))
    write('ls/export.json', '[]\n')
    write('data/a.csv', 'item_id,annotator,label\ni1,a,pos\n')
    write('gold/gold.jsonl', '{"item_id":"i1","label":"pos"}\n')
    const r = await runCli(dir, ['migrate'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'labelgate: ls/export.json: labelgate migrate cannot rewrite files in format label-studio (only csv, tsv, json, jsonl); relabel them in the tool that exported them\n'
    )
    expect(read('data/a.csv')).toBe('item_id,annotator,label\ni1,a,pos\n')
  })

  it('--dataset picks datasets; an unknown one and check-only options are usage errors', async () => {
    write('data/a.csv', 'item_id,annotator,label\ni1,a,pos\n')
    write('gold/gold.jsonl', '{"item_id":"i1","label":"pos"}\n')
    const unknown = await runCli(dir, ['migrate', '--dataset', 'nope'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe(
      "labelgate: field '--dataset': no dataset named 'nope' (datasets: s)\n"
    )
    const base = await runCli(dir, ['migrate', '--base', 'main'])
    expect(base.code).toBe(2)
    expect(base.stderr).toBe(
      'labelgate: --base is an option of check, not of migrate (see labelgate --help)\n'
    )
    const r = await runCli(dir, ['migrate', '--dataset', 's'])
    expect(r.code).toBe(0)
    expect(read('data/a.csv')).toBe('item_id,annotator,label\ni1,a,positive\n')
  })

  it('refuses to replace a symbolic link, and then writes no file at all', async () => {
    write('data/a.csv', 'item_id,annotator,label\ni1,a,pos\n')
    write('outside.jsonl', '{"item_id":"i1","label":"pos"}\n')
    symlinkSync('../outside.jsonl', path.join(dir, 'gold/gold.jsonl'))
    const r = await runCli(dir, ['migrate'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'labelgate: gold/gold.jsonl: is not a regular file (a symbolic link?); it is left as it is\n'
    )
    // data/a.csv was staged first: its temporary file is gone, the file unchanged.
    expect(read('data/a.csv')).toBe('item_id,annotator,label\ni1,a,pos\n')
    expect(read('outside.jsonl')).toBe('{"item_id":"i1","label":"pos"}\n')
    expect(readdirSync(path.join(dir, 'data')).sort()).toEqual([
      'a.csv',
      'schema.yml'
    ])
  })

  it('is in the help', async () => {
    const r = await runCli(dir, ['--help'])
    expect(r.stdout).toContain(
      'labelgate migrate [--config FILE] [--dataset NAME]... [--dry-run]'
    )
    expect(r.stdout).toContain(
      '--dry-run         print what would change, write nothing'
    )
  })
})
