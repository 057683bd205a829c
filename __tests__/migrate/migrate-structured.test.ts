import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runCli } from '../helpers/run-cli.js'

/*
 * `labelgate migrate` on multi_label, span and box files, on real files: the
 * expected files are written out by hand (the input with only the label
 * text changed), never taken from the output.
 */

const SCHEMA = `version: 3
categories: [PER, ORG, LOC, MISC]
migrations:
  - { from: 1, rename: { ORGANIZATION: COMPANY, PERSON: PER }, remove: [SPAM] }
  - { from: 2, rename: { COMPANY: ORG, "a|b": MISC, "é": LOC } }
`

const BOM = '\uFEFF'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-migrate-structured-'))
  mkdirSync(path.join(dir, 'data'))
  writeFileSync(path.join(dir, 'data/schema.yml'), SCHEMA)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const write = (f: string, text: string): void =>
  writeFileSync(path.join(dir, f), text)
const read = (f: string): string => readFileSync(path.join(dir, f), 'utf8')
const inode = (f: string): number => statSync(path.join(dir, f)).ino

function config(datasets: string[]): string {
  return `version: 1\ndatasets:\n${datasets.join('')}`
}

function dataset(name: string, type: string, file: string, extra = ''): string {
  return `  - name: ${name}\n    type: ${type}\n    path: ${file}\n    schema: data/schema.yml\n${extra}`
}

describe('labelgate migrate: multi_label label sets', () => {
  it('rewrites the labels inside CSV cells, keeping spacing, quotes, BOM and CRLF; a merged label is kept once', async () => {
    write(
      'labelgate.yml',
      config([
        dataset('tags', 'multi_label', 'data/tags.csv'),
        dataset(
          'semi',
          'multi_label',
          'data/semi.tsv',
          "    multi_label: { separator: ';' }\n"
        )
      ])
    )
    write(
      'data/tags.csv',
      BOM +
        'item_id,annotator,label,note\r\n' +
        '1,a,PER | ORGANIZATION,x\r\n' +
        '1,b,"ORGANIZATION|PERSON, or not",y\r\n' +
        '2,a,ORG|ORGANIZATION,"ORGANIZATION"\r\n' +
        '2,b,ORGANIZATION | LOC | ORG,\r\n' +
        '3,a,,empty set\r\n' +
        '3,b,PER|PER|LOC,given twice before\r\n' +
        '4,a,PERSON|SPAM,removed\r\n' +
        '4,b,ORGANIZATIONS|xORGANIZATION,not a label of the schema\r\n'
    )
    write(
      'data/semi.tsv',
      'item_id\tannotator\tlabel\n1\ta\tORGANIZATION; PERSON;;COMPANY\n1\tb\t"a|b"\n'
    )
    const r = await runCli(dir, ['migrate'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1) // SPAM is still there
    expect(read('data/tags.csv')).toBe(
      BOM +
        'item_id,annotator,label,note\r\n' +
        '1,a,PER | ORG,x\r\n' +
        '1,b,"ORG|PERSON, or not",y\r\n' +
        '2,a,ORG,"ORGANIZATION"\r\n' +
        '2,b,ORG | LOC,\r\n' +
        '3,a,,empty set\r\n' +
        '3,b,PER|PER|LOC,given twice before\r\n' +
        '4,a,PER|SPAM,removed\r\n' +
        '4,b,ORGANIZATIONS|xORGANIZATION,not a label of the schema\r\n'
    )
    // "PERSON, or not" is one label (the separator is |): not PERSON.
    expect(read('data/semi.tsv')).toBe(
      // The dropped label goes with the text back to the label before it.
      'item_id\tannotator\tlabel\n1\ta\tORG; PER\n1\tb\t"MISC"\n'
    )
    expect(r.stdout).toBe(
      [
        'data/tags.csv: rewrote 5 labels (ORGANIZATION → ORG 4, PERSON → PER 1)',
        "data/tags.csv: 2 label sets held 'ORG' twice once renamed; kept it once (lines 4, 5)",
        "data/tags.csv: 1 record still holds 'SPAM', which a migration removed (line 8): relabel or delete it",
        'data/semi.tsv: rewrote 4 labels (ORGANIZATION → ORG 1, PERSON → PER 1, COMPANY → ORG 1, a|b → MISC 1)',
        "data/semi.tsv: 1 label set held 'ORG' twice once renamed; kept it once (line 2)",
        ''
      ].join('\n')
    )
  })

  it('refuses a new name that would not read back as one label of the cell, before writing anything (exit 2)', async () => {
    // "a|b" is a category; a cell separated by | cannot hold it.
    write(
      'data/schema.yml',
      'version: 2\ncategories: ["a|b", c]\nmigrations:\n  - { from: 1, rename: { ab: "a|b" } }\n'
    )
    write(
      'labelgate.yml',
      config([
        dataset('ok', 'multi_label', 'data/ok.jsonl'),
        dataset('tags', 'multi_label', 'data/tags.csv')
      ])
    )
    // In a JSON array the name is its own element, so it is fine there.
    const ok = '{"item_id": "1", "annotator": "a", "label": ["ab"]}\n'
    const tags = 'item_id,annotator,label\n1,a,c\n1,b,c|ab\n'
    write('data/ok.jsonl', ok)
    write('data/tags.csv', tags)
    const r = await runCli(dir, ['migrate'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      "labelgate: data/tags.csv:3: field 'label': cannot write the new name 'a|b' into a label cell: it holds the separator '|' (multi_label.separator), so it would not read back as one label; no file was changed\n"
    )
    expect(read('data/ok.jsonl')).toBe(ok)
    expect(read('data/tags.csv')).toBe(tags)
  })

  it('rewrites JSON Lines arrays and separator strings, and JSON arrays of records', async () => {
    write(
      'labelgate.yml',
      config([
        dataset('lines', 'multi_label', 'data/tags.jsonl'),
        dataset('doc', 'multi_label', 'data/tags.json')
      ])
    )
    write(
      'data/tags.jsonl',
      '{"item_id": "1", "annotator": "a", "label": ["PER", "ORGANIZATION"], "note": "caf\\u00e9"}\n' +
        '{"item_id":"1","annotator":"b","label":[ "ORG" ,\t"COMPANY" , "LOC"]}\r\n' +
        '\n' +
        '{"label": "ORGANIZATION | PER", "item_id": "2", "annotator": "a"}\n' +
        '{"label": "\\u00e9|ORGANIZATION", "item_id": "2", "annotator": "b", "x": "\\u00e9"}\n' +
        '{"label": [], "item_id": "3", "annotator": "a", "meta": {"label": "ORGANIZATION"}}\n'
    )
    write(
      'data/tags.json',
      '[\n  {"item_id": "1", "annotator": "a", "label": ["ORGANIZATION", "ORG"]},\n  {"item_id": "1", "annotator": "b", "label": ["PERSON"]}\n]\n'
    )
    const r = await runCli(dir, ['migrate'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(read('data/tags.jsonl')).toBe(
      '{"item_id": "1", "annotator": "a", "label": ["PER", "ORG"], "note": "caf\\u00e9"}\n' +
        '{"item_id":"1","annotator":"b","label":[ "ORG" , "LOC"]}\r\n' +
        '\n' +
        '{"label": "ORG | PER", "item_id": "2", "annotator": "a"}\n' +
        // A string with an escape is written back whole, in JSON.stringify's spelling.
        '{"label": "LOC|ORG", "item_id": "2", "annotator": "b", "x": "\\u00e9"}\n' +
        '{"label": [], "item_id": "3", "annotator": "a", "meta": {"label": "ORGANIZATION"}}\n'
    )
    expect(read('data/tags.json')).toBe(
      '[\n  {"item_id": "1", "annotator": "a", "label": ["ORG"]},\n  {"item_id": "1", "annotator": "b", "label": ["PER"]}\n]\n'
    )
    expect(r.stdout).toBe(
      [
        'data/tags.jsonl: rewrote 5 labels (ORGANIZATION → ORG 3, COMPANY → ORG 1, é → LOC 1)',
        "data/tags.jsonl: 1 label set held 'ORG' twice once renamed; kept it once (line 2)",
        'data/tags.json: rewrote 2 labels (ORGANIZATION → ORG 1, PERSON → PER 1)',
        "data/tags.json: 1 label set held 'ORG' twice once renamed; kept it once (line 2)",
        ''
      ].join('\n')
    )
    // The rewritten files pass the check (no old name, no label given twice).
    const check = await runCli(dir, ['check', '--json', 'r.json', '--quiet'])
    expect(check.stderr).toBe('')
    const report = JSON.parse(read('r.json')) as {
      datasets: { problems: unknown[] }[]
    }
    expect(report.datasets.map((d) => d.problems)).toEqual([[], []])
  })
})

describe('labelgate migrate: spans and boxes', () => {
  it('rewrites spans[].label of Prodigy tasks and nothing else', async () => {
    write(
      'labelgate.yml',
      config([
        dataset('ner', 'span', 'data/ner.jsonl', '    format: prodigy\n')
      ])
    )
    const task = (a: string, l1: string, l2: string, top: string): string =>
      `{"text": "Ann at Acme", "label": "${top}", "_input_hash": 1, "_annotator_id": "${a}", "answer": "accept", ` +
      `"tokens": [{"text": "Ann", "start": 0, "end": 3, "id": 0}], ` +
      `"spans": [{"start": 0, "end": 3, "label": "${l1}"}, { "label" : "${l2}", "start": 7, "end": 11, "text": "ORGANIZATION"}]}`
    write(
      'data/ner.jsonl',
      [
        task('a', 'PERSON', 'ORGANIZATION', 'ORGANIZATION'),
        task('b', 'PER', 'COMPANY', 'x'),
        ''
      ].join('\r\n')
    )
    const r = await runCli(dir, ['migrate'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(read('data/ner.jsonl')).toBe(
      [
        task('a', 'PER', 'ORG', 'ORGANIZATION'),
        task('b', 'PER', 'ORG', 'x'),
        ''
      ].join('\r\n')
    )
    expect(r.stdout).toBe(
      'data/ner.jsonl: rewrote 3 labels (PERSON → PER 1, ORGANIZATION → ORG 1, COMPANY → ORG 1)\n'
    )
  })

  it('a line the readers take as blank (a no-break space) is skipped, first or last, not walked into', async () => {
    // String.trim() empties U+00A0, JSON's whitespace does not: the walk
    // once took such a line for a record and ran past the text's end.
    write(
      'labelgate.yml',
      config([
        dataset('ner', 'span', 'data/ner.jsonl', '    format: prodigy\n')
      ])
    )
    const task = (l: string): string =>
      `{"text": "x", "_input_hash": 1, "_annotator_id": "a", "spans": [{"start": 0, "end": 1, "label": "${l}"}]}`
    for (const lines of [
      [task('ORGANIZATION'), '\u00a0', ''],
      ['\u00a0', task('ORGANIZATION'), '']
    ]) {
      write('data/ner.jsonl', lines.join('\n'))
      const r = await runCli(dir, ['migrate'])
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(read('data/ner.jsonl')).toBe(
        lines.map((l) => l.replace('ORGANIZATION', 'ORG')).join('\n')
      )
    }
  })

  it('renames COCO categories (names only; ids and boxes stay)', async () => {
    mkdirSync(path.join(dir, 'data/boxes'))
    write(
      'labelgate.yml',
      config([dataset('boxes', 'box', 'data/boxes/*.json')])
    )
    const coco = (a: string, b: string): string =>
      `{\n  "images": [{"id": 1, "file_name": "a.jpg", "width": 10, "height": 10}],\n  "annotations": [{"id": 1, "image_id": 1, "category_id": 7, "bbox": [0, 0, 2, 2], "name": "ORGANIZATION"}],\n  "categories": [\n    {"id": 7, "name": "${a}"},\n    {"name": "${b}", "id": 8}\n  ]\n}\n`
    write('data/boxes/a.json', coco('ORGANIZATION', 'ORG'))
    write('data/boxes/b.json', coco('PER', 'LOC'))
    const untouched = inode('data/boxes/b.json')
    const r = await runCli(dir, ['migrate'])
    expect(r.stderr).toBe('')
    expect(read('data/boxes/a.json')).toBe(coco('ORG', 'ORG'))
    expect(read('data/boxes/b.json')).toBe(coco('PER', 'LOC'))
    expect(inode('data/boxes/b.json')).toBe(untouched)
    expect(r.stdout).toBe(
      [
        'data/boxes/a.json: rewrote 1 label (ORGANIZATION → ORG 1)',
        'data/boxes/b.json: no label to migrate',
        ''
      ].join('\n')
    )
  })

  it('skips formats it cannot rewrite with one line naming the file and why (a count past five), and rewrites the rest', async () => {
    mkdirSync(path.join(dir, 'data/conll'))
    write(
      'labelgate.yml',
      config([
        dataset('conll', 'span', 'data/conll/*.conll'),
        dataset('tags', 'multi_label', 'data/tags.csv')
      ])
    )
    const conll = 'Acme B-ORGANIZATION\n'
    for (let i = 1; i <= 7; i++) write(`data/conll/${i}.conll`, conll)
    write('data/tags.csv', 'item_id,annotator,label\n1,a,ORGANIZATION\n')
    const r = await runCli(dir, ['migrate'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const why =
      'skipped: labelgate migrate does not rewrite span files in format conll (only prodigy (jsonl) and label-studio); relabel it in the tool that exported it'
    expect(r.stdout).toBe(
      [
        ...[1, 2, 3, 4, 5].map((i) => `data/conll/${i}.conll: ${why}`),
        "... and 2 more files of dataset 'conll' skipped for the same reason",
        'data/tags.csv: rewrote 1 label (ORGANIZATION → ORG 1)',
        ''
      ].join('\n')
    )
    for (let i = 1; i <= 7; i++)
      expect(read(`data/conll/${i}.conll`)).toBe(conll)
    expect(read('data/tags.csv')).toBe('item_id,annotator,label\n1,a,ORG\n')
  })

  it('YOLO: renames classes in the classes file, each on its own line (ids keep their meaning); a data.yaml is skipped', async () => {
    mkdirSync(path.join(dir, 'data/labels'))
    write(
      'labelgate.yml',
      config([
        dataset(
          'yolo',
          'box',
          'data/labels/*.txt',
          '    format: yolo\n    box: { classes: data/classes.names }\n'
        ),
        dataset(
          'yaml',
          'box',
          'data/labels/*.txt',
          '    format: yolo\n    box: { classes: data/data.yaml }\n'
        )
      ])
    )
    const boxes = '0 0.5 0.5 0.1 0.1\n1 0.2 0.2 0.1 0.1\n'
    write('data/labels/a.txt', boxes)
    write('data/classes.names', 'PER\r\n  ORGANIZATION \r\nCOMPANY\r\nLOC\r\n')
    const yaml = 'names: [PER, ORGANIZATION]\n'
    write('data/data.yaml', yaml)
    const r = await runCli(dir, ['migrate'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    // Two ids named ORG: the check reads both as the one label.
    expect(read('data/classes.names')).toBe('PER\r\n  ORG \r\nORG\r\nLOC\r\n')
    expect(read('data/labels/a.txt')).toBe(boxes)
    expect(read('data/data.yaml')).toBe(yaml)
    expect(r.stdout).toBe(
      [
        'data/data.yaml: skipped: labelgate migrate does not rewrite the names of a YOLO data.yaml (only a classes file with one name a line); rename them by hand',
        'data/classes.names: rewrote 2 labels (ORGANIZATION → ORG 1, COMPANY → ORG 1)',
        ''
      ].join('\n')
    )
  })

  it('a broken span file leaves every file untouched, the label sets too (exit 2, one line)', async () => {
    write(
      'labelgate.yml',
      config([
        dataset('tags', 'multi_label', 'data/tags.csv'),
        dataset('ner', 'span', 'data/ner.jsonl')
      ])
    )
    const tags = 'item_id,annotator,label\n1,a,ORGANIZATION\n'
    const ner = '{"spans": [{"label": "ORGANIZATION"}]}\n{"spans": [\n'
    write('data/tags.csv', tags)
    write('data/ner.jsonl', ner)
    const r = await runCli(dir, ['migrate'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^labelgate: data\/ner\.jsonl:2:\d+: invalid JSON/)
    expect(read('data/tags.csv')).toBe(tags)
    expect(read('data/ner.jsonl')).toBe(ner)
    expect(readdirSync(path.join(dir, 'data')).sort()).toEqual([
      'ner.jsonl',
      'schema.yml',
      'tags.csv'
    ])
  })

  it('--dry-run says what it would do with a merge and writes nothing', async () => {
    write(
      'labelgate.yml',
      config([dataset('tags', 'multi_label', 'data/tags.csv')])
    )
    const tags = 'item_id,annotator,label\n1,a,ORG|COMPANY\n'
    write('data/tags.csv', tags)
    const r = await runCli(dir, ['migrate', '--dry-run'])
    expect(r.stdout).toBe(
      [
        'data/tags.csv: would rewrite 1 label (COMPANY → ORG 1)',
        "data/tags.csv: 1 label set held 'ORG' twice once renamed; would keep it once (line 2)",
        ''
      ].join('\n')
    )
    expect(read('data/tags.csv')).toBe(tags)
  })
})

describe('labelgate migrate: Label Studio exports', () => {
  const fixture = (f: string): string =>
    readFileSync(path.join(process.cwd(), '__fixtures__', f), 'utf8')

  it('spans and boxes: the labels of their results, nothing else; the result is the export with the new names', async () => {
    mkdirSync(path.join(dir, 'data/boxes'))
    write(
      'data/schema.yml',
      'version: 2\ncategories: [PER, ORG, MISC, car, person]\nmigrations:\n  - { from: 1, rename: { ORGANIZATION: ORG, pedestrian: person, cloudy: sunny } }\n'
    )
    write(
      'labelgate.yml',
      config([
        dataset('ner', 'span', 'data/ner.json', '    format: label-studio\n'),
        dataset(
          'boxes',
          'box',
          'data/boxes/*.json',
          '    format: label-studio\n'
        )
      ])
    )
    const spans = fixture('spans/label-studio.json')
    const boxes = fixture('boxes/label-studio/boxes.json')
    expect(spans.split('"labels": ["ORG"]')).toHaveLength(3)
    expect(boxes.split('"rectanglelabels": ["person"]')).toHaveLength(3)
    write('data/ner.json', spans.replaceAll('["ORG"]', '["ORGANIZATION"]'))
    // "cloudy" is an old name too, but of a choices control: not a box label.
    write(
      'data/boxes/b.json',
      boxes
        .replaceAll('["person"]', '["pedestrian"]')
        .replace('["sunny"]', '["cloudy"]')
    )
    const r = await runCli(dir, ['migrate'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(read('data/ner.json')).toBe(spans)
    expect(read('data/boxes/b.json')).toBe(
      boxes.replace('["sunny"]', '["cloudy"]')
    )
    expect(r.stdout).toBe(
      [
        'data/ner.json: rewrote 2 labels (ORGANIZATION → ORG 2)',
        'data/boxes/b.json: rewrote 2 labels (pedestrian → person 2)',
        ''
      ].join('\n')
    )
  })

  it('label sets: the choices of the control fields.label names; a merge keeps the label once', async () => {
    write(
      'labelgate.yml',
      config([
        dataset(
          'topics',
          'multi_label',
          'data/ls.json',
          '    format: label-studio\n    fields: { label: topics }\n'
        )
      ])
    )
    const result = (control: string, choices: string): string =>
      `{"from_name": "${control}", "to_name": "text", "type": "choices", "value": {"choices": ${choices}}}`
    const task = (id: number, topics: string, other: string): string =>
      `  {"id": ${id}, "data": {"text": "t"}, "annotations": [{"id": ${id}, "completed_by": 1, "result": [${result('topics', topics)}, ${result('other', other)}]}]}`
    const before = `[\n${task(1, '["ORG", "ORGANIZATION"]', '["ORGANIZATION"]')},\n${task(2, '["PERSON",\n "LOC"]', '[]')}\n]\n`
    write('data/ls.json', before)
    const r = await runCli(dir, ['migrate'])
    expect(r.stderr).toBe('')
    expect(read('data/ls.json')).toBe(
      `[\n${task(1, '["ORG"]', '["ORGANIZATION"]')},\n${task(2, '["PER",\n "LOC"]', '[]')}\n]\n`
    )
    expect(r.stdout).toBe(
      [
        'data/ls.json: rewrote 2 labels (ORGANIZATION → ORG 1, PERSON → PER 1)',
        "data/ls.json: 1 label set held 'ORG' twice once renamed; kept it once (line 2)",
        ''
      ].join('\n')
    )
  })
})
