import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { git, runCli } from '../helpers/run-cli.js'
import type { Report } from '../../src/report/types.js'
import { gateEffect } from '../../src/gates/gate-effect.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const XSD = `${ROOT}__fixtures__/junit/junit.xsd`

/** xmllint --schema on a file: '' when valid; null without xmllint. */
function xmllint(file: string): string | null {
  try {
    execFileSync('xmllint', ['--noout', '--schema', XSD, file], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    return ''
  } catch (error) {
    const e = error as { code?: string; stderr?: Buffer }
    if (e.code === 'ENOENT') return null
    return e.stderr?.toString() ?? 'invalid'
  }
}

function write(root: string, file: string, text: string | Uint8Array): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
  writeFileSync(path.join(root, file), text)
}

// An Excel-style export: ';' between fields, a label with markup and an
// escape character, and a gold file separated by '|'.
const CONFIG = `version: 1
datasets:
  - name: reviews
    path: data/labels.csv
    delimiter: ";"
    categories: [pos, neg]
    reference: { path: data/gold.csv, delimiter: "|" }
    gates:
      krippendorff_alpha: { min: 0.99 }
      accuracy: { min: 0.5 }
      gwet_ac1: { min: 0.1, min_items: 1000 }
`
const LABELS = [
  'item_id;annotator;label',
  'i1;a;pos',
  'i1;b;pos',
  'i2;a;neg',
  'i2;b;pos',
  'i3;a;neg',
  'i3;b;"<b>pos</b> & \u001b[31mneg"',
  'i4;a;pos',
  'i4;b;pos',
  ''
].join('\n')
const GOLD = 'item_id|label\ni1|pos\ni2|neg\ni3|neg\ni4|pos\n'

describe('check --junit and --format on an Excel-style CSV', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'labelgate-junit-'))
    write(root, 'labelgate.yml', CONFIG)
    write(root, 'data/labels.csv', LABELS)
    write(root, 'data/gold.csv', GOLD)
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('writes a JUnit report that the schema accepts, failing exactly what fails the check', async () => {
    const r = await runCli(root, [
      'check',
      '--quiet',
      '--junit',
      'out.xml',
      '--json',
      'r.json'
    ])
    expect(r.code).toBe(1)
    const xml = readFileSync(path.join(root, 'out.xml'), 'utf8')
    const report = JSON.parse(
      readFileSync(path.join(root, 'r.json'), 'utf8')
    ) as Report
    const d = report.datasets[0]!
    const failing =
      d.gates.filter((g) => gateEffect(g) === 'error').length +
      d.problems.filter((p) => p.severity === 'error').length
    const cases = d.gates.length + d.problems.length
    expect(failing).toBeGreaterThanOrEqual(2)
    expect(xml).toContain(
      `<testsuite name="labelgate.reviews" tests="${cases}" failures="${failing}" errors="0" skipped="1">`
    )
    expect(xml.match(/<failure /g)).toHaveLength(failing)
    expect(xml).toMatch(
      /<testcase classname="labelgate.reviews.gates" name="gate Gwet&apos;s AC1 \(gwet_ac1\) min 0.1">\n\s+<skipped message="too_few_items: Gwet&apos;s AC1 \(gwet_ac1\): /
    )
    // The label outside the categories fails at its line, escaped.
    expect(xml).toContain(
      '<testcase classname="labelgate.reviews.problems" name="data/labels.csv:7 (label)">'
    )
    expect(xml).toContain('&lt;b&gt;pos&lt;/b&gt; &amp; \\u001b[31mneg')
    expect(xml).not.toContain('\u001b')
    // '' when valid; null (nothing to say) where xmllint is not installed.
    expect(xmllint(path.join(root, 'out.xml')) ?? '').toBe('')
  })

  it('--format plain (the default outside GitHub): file:line: severity: message on stderr with --quiet', async () => {
    const r = await runCli(root, ['check', '--quiet'])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines[0]).toMatch(
      /^labelgate\.yml: error: \[reviews\] gate krippendorff_alpha fail: /
    )
    expect(lines.at(-1)).toMatch(
      /^data\/labels\.csv:7: error: \[reviews\] field label: label '<b>pos<\/b> & \\u001b\[31mneg' is not a category/
    )
    const explicit = await runCli(
      root,
      ['check', '--quiet', '--format', 'plain'],
      {
        GITHUB_ACTIONS: 'true'
      }
    )
    expect(explicit.stderr).toBe(r.stderr)
  })

  it('--format github (the default when GITHUB_ACTIONS=true): workflow commands on stdout', async () => {
    const quiet = await runCli(root, ['check', '--quiet'], {
      GITHUB_ACTIONS: 'true'
    })
    expect(quiet.code).toBe(1)
    expect(quiet.stderr).toBe('')
    const lines = quiet.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(
      /^::error file=labelgate\.yml,title=labelgate%3A reviews::gate krippendorff_alpha fail: /
    )
    expect(lines.at(-1)).toMatch(
      /^::error file=data\/labels\.csv,line=7,title=labelgate%3A reviews::field label: label '<b>pos<\/b> & \\u001b\[31mneg' is not a category/
    )
    const explicit = await runCli(root, [
      'check',
      '--quiet',
      '--format',
      'github'
    ])
    expect(explicit.stdout).toBe(quiet.stdout)
    // Not quiet: the report, then the annotations.
    const full = await runCli(root, ['check'], { GITHUB_ACTIONS: 'true' })
    expect(full.stdout).toContain('reviews')
    expect(full.stdout).toContain(lines.at(-1))
    const plain = await runCli(root, ['check'])
    expect(plain.stdout).not.toContain('::error')
  })

  it('refuses another --format', async () => {
    const r = await runCli(root, ['check', '--format', 'xml'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      "labelgate: --format takes github or plain, not 'xml' (see labelgate --help)\n"
    )
  })

  it('writes nothing when the JUnit target cannot be written, or the check cannot run', async () => {
    mkdirSync(path.join(root, 'a-folder'))
    const r = await runCli(root, [
      'check',
      '--json',
      'partial.json',
      '--junit',
      'a-folder'
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'labelgate: a-folder: is a folder; not replaced (name a new or regular file)\n'
    )
    expect(existsSync(path.join(root, 'partial.json'))).toBe(false)

    const bad = mkdtempSync(path.join(os.tmpdir(), 'labelgate-junit-bad-'))
    write(bad, 'labelgate.yml', CONFIG.replace('    delimiter: ";"\n', ''))
    write(bad, 'data/labels.csv', LABELS)
    write(bad, 'data/gold.csv', GOLD)
    const wrong = await runCli(bad, ['check', '--junit', 'out.xml'])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toBe(
      "labelgate: data/labels.csv:1: field 'delimiter': missing column 'item_id': the header is separated by ';', not ','; set delimiter: ';' in the config\n"
    )
    expect(existsSync(path.join(bad, 'out.xml'))).toBe(false)
    rmSync(bad, { recursive: true, force: true })
  })
})

describe('Label Studio ground truth as the reference, across base and head', () => {
  let repo: string
  const exportFile = readFileSync(
    `${ROOT}__fixtures__/formats/label-studio/ground-truth.json`,
    'utf8'
  )
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-ls-gt-'))
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'config', 'commit.gpgsign', 'false')
    write(
      repo,
      'labelgate.yml',
      `version: 1
datasets:
  - name: reviews
    path: data/export.json
    format: label-studio
    fields: { label: sentiment }
    reference:
      path: data/export.json
      format: label-studio
      ground_truth: true
      fields: { label: sentiment }
    gates:
      accuracy: { min: 0.1 }
`
    )
    // At the base, the reviewer had starred tasks 201 and 202 only.
    const tasks = JSON.parse(exportFile) as {
      id: number
      annotations: { ground_truth: boolean }[]
    }[]
    for (const a of tasks.find((t) => t.id === 204)!.annotations)
      a.ground_truth = false
    write(repo, 'data/export.json', `${JSON.stringify(tasks, null, 2)}\n`)
    git(repo, 'add', '-A')
    git(repo, 'commit', '-qm', 'base')
    // The head stars task 204 as well.
    write(repo, 'data/export.json', exportFile)
    git(repo, 'commit', '-qam', 'head')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  const run = async (args: string[]) => {
    const r = await runCli(repo, [
      'check',
      '--quiet',
      '--json',
      'r.json',
      ...args
    ])
    expect([r.code, r.stderr]).toEqual([0, ''])
    return JSON.parse(readFileSync(path.join(repo, 'r.json'), 'utf8')) as Report
  }

  it('reads the head with its own ground truth when there is no base', async () => {
    const d = (await run([])).datasets[0]!
    // Dana (7 and {id: 7, email}) is one annotator; the starred ones are not ratings.
    expect(d.head.counts).toMatchObject({ annotators: 2, annotations: 8 })
    expect(Object.keys(d.head.annotators).sort()).toEqual(['7', '8'])
    expect(d.head.annotators['8']!.accuracy).toMatchObject({ n: 3 })
    expect(d.head.annotators['8']!.accuracy!.value).toBeCloseTo(1 / 3, 12)
  })

  it('takes the ground truth from the base on a change (the trusted side): the new star does not count', async () => {
    const d = (await run(['--base', 'HEAD~1'])).datasets[0]!
    expect(d.head.counts).toMatchObject({ annotators: 2, annotations: 8 })
    expect(d.head.annotators['8']!.accuracy).toMatchObject({ n: 2, value: 0 })
    expect(d.head.annotators['7']!.accuracy).toMatchObject({ n: 2, value: 1 })
  })

  it('keys annotators by email with annotator_key: email', async () => {
    const config = readFileSync(path.join(repo, 'labelgate.yml'), 'utf8')
    write(
      repo,
      'labelgate.yml',
      config.replace(
        '    format: label-studio\n',
        '    format: label-studio\n    annotator_key: email\n'
      )
    )
    try {
      const d = (await run([])).datasets[0]!
      expect(Object.keys(d.head.annotators).sort()).toEqual([
        '8',
        'dana@example.com'
      ])
    } finally {
      write(repo, 'labelgate.yml', config)
    }
  })
})
