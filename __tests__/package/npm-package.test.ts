import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

// The npm package as a user gets it: `npm pack` of this repository, installed
// into an empty project with the network off, run through `npx labelgate`.
// It packs the dist/cli.js in the work tree (rebuilt by `npm run package`).

const ROOT = path.resolve('.')
const DATA = path.join(ROOT, '__fixtures__/data/bluebirds')
const VERSION = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    version: string
  }
).version

let tmp: string
let project: string
let packed: { filename: string; files: { path: string }[] }

/** npm with its own empty cache: an install that needed the registry fails. */
function npm(cwd: string, args: string[]) {
  const r = spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      npm_config_cache: path.join(tmp, 'npm-cache'),
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false'
    }
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function writeConfig(gates: string): void {
  writeFileSync(
    path.join(project, 'labelgate.yml'),
    [
      'version: 1',
      'datasets:',
      '  - name: bluebirds',
      '    path: labels/annotations.csv',
      "    categories: ['true', 'false']",
      '    reference: { path: labels/gold.csv }',
      '    gates:',
      gates,
      ''
    ].join('\n')
  )
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'labelgate-pack-'))
  const pack = npm(ROOT, ['pack', '--json', '--pack-destination', tmp])
  if (pack.code !== 0 || /npm (warn|error)/.test(pack.stderr))
    throw new Error(`npm pack: ${pack.stderr}`)
  packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0]!
  project = path.join(tmp, 'project')
  mkdirSync(path.join(project, 'labels'), { recursive: true })
  writeFileSync(
    path.join(project, 'package.json'),
    '{ "name": "a-label-project", "private": true }\n'
  )
  for (const file of ['annotations.csv', 'gold.csv'])
    copyFileSync(path.join(DATA, file), path.join(project, 'labels', file))
}, 120_000)

afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('the npm package', () => {
  it('holds the CLI bundle, the README, the licence, the changelog and the docs, and nothing of the sources', () => {
    const files = packed.files.map((f) => f.path)
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/cli.js',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'docs/config.md',
        'docs/ci.md',
        'schema/labelgate.schema.json'
      ])
    )
    expect(
      files.filter((f) => /^(src|__tests__|__fixtures__|examples)\//.test(f))
    ).toEqual([])
    // The action bundle is for GitHub, which runs it from the repository.
    expect(files).not.toContain('dist/index.js')
    expect(packed.filename).toBe(`labelgate-${VERSION}.tgz`)
  })

  it('installs offline into an empty project: it has no runtime dependency to download', () => {
    const tarball = path.join(tmp, packed.filename)
    const install = npm(project, ['install', tarball])
    expect(install.stderr).toBe('')
    expect(install.code).toBe(0)
    const manifest = JSON.parse(
      readFileSync(
        path.join(project, 'node_modules/labelgate/package.json'),
        'utf8'
      )
    ) as { dependencies?: object }
    expect(manifest.dependencies).toBeUndefined()
    expect(existsSync(path.join(project, 'node_modules/.bin/labelgate'))).toBe(
      true
    )
  })

  it('runs `npx labelgate check` on real crowd labels: exit 0 and the report when every gate passes', () => {
    writeConfig(
      [
        '      majority_vote_accuracy: { min: 0.75 }',
        '      error_rate: { max: 0.4 }'
      ].join('\n')
    )
    const run = npm(project, [
      'exec',
      '--',
      'labelgate',
      'check',
      '--quiet',
      '--json',
      'report.json'
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const report = JSON.parse(
      readFileSync(path.join(project, 'report.json'), 'utf8')
    ) as {
      schema: string
      version: string
      passed: boolean
      datasets: {
        name: string
        head: { counts: { items: number; annotations: number } }
        gates: { metric: string; status: string; value: number }[]
      }[]
    }
    expect(report.schema).toBe('labelgate-report/1')
    expect(report.version).toBe(VERSION)
    expect(report.passed).toBe(true)
    const [dataset] = report.datasets
    expect(dataset!.head.counts).toMatchObject({
      items: 108,
      annotations: 4212
    })
    // Majority vote of 39 crowd workers is right on 82 of 108 birds (75.9%).
    const majority = dataset!.gates.find(
      (g) => g.metric === 'majority_vote_accuracy'
    )
    expect(majority).toMatchObject({ status: 'pass' })
    expect(majority!.value).toBeCloseTo(82 / 108, 10)
  })

  it('exits 1 naming the failed gate when a gate fails, and prints its version', () => {
    writeConfig('      krippendorff_alpha: { min: 0.2 }')
    const run = npm(project, ['exec', '--', 'labelgate', 'check', '--quiet'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/krippendorff_alpha/)
    const version = npm(project, ['exec', '--', 'labelgate', '--version'])
    expect(version.stdout).toBe(`labelgate ${VERSION}\n`)
  })
})
