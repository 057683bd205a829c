/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { History } from '../../src/history/types.js'
import { git, runCli } from '../helpers/run-cli.js'
import { visit } from './browser.js'

jest.setTimeout(120_000)

// No gate names a dataset metric: the dashboard charts the type's defaults.
const CONFIG = [
  'version: 1',
  'datasets:',
  '  - name: tags',
  '    type: multi_label',
  '    path: data/*.csv',
  '    categories: [joy, anger, fear, sadness]',
  '    reference: { path: gold/gold.csv }',
  ''
].join('\n')

const GOLD = 'item_id,label\ni1,joy|fear\ni2,anger\ni3,\ni4,sadness\n'

function labels(wrong: number): string {
  const gold = ['joy|fear', 'anger', '', 'sadness']
  const out = ['item_id,annotator,label']
  gold.forEach((set, i) => {
    out.push(`i${i + 1},a,${set}`, `i${i + 1},b,${i < wrong ? 'joy' : set}`)
  })
  return out.join('\n') + '\n'
}

describe('labelgate report --html on a multi_label dataset without gates', () => {
  let repo: string
  let site: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'labelgate-dash-ml-'))
    site = mkdtempSync(path.join(os.tmpdir(), 'labelgate-dash-ml-site-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(path.join(repo, 'data'))
    mkdirSync(path.join(repo, 'gold'))
    writeFileSync(path.join(repo, 'labelgate.yml'), CONFIG)
    writeFileSync(path.join(repo, 'gold/gold.csv'), GOLD)
    for (let v = 0; v < 2; v++) {
      writeFileSync(path.join(repo, 'data/labels.csv'), labels(v + 1))
      git(repo, 'add', '-A')
      git(repo, 'commit', '-q', '-m', `version ${v}`)
    }
  })
  afterAll(() => {
    rmSync(repo, { recursive: true, force: true })
    rmSync(site, { recursive: true, force: true })
  })

  it('records the type at each version and charts masi_alpha and subset_accuracy', async () => {
    const run = await runCli(repo, ['report', '--html', site, '--no-cache'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const history = JSON.parse(
      readFileSync(path.join(site, 'history.json'), 'utf8')
    ) as History
    const versions = history.datasets[0]!.versions
    expect(versions.map((v) => v.type)).toEqual(['multi_label', 'multi_label'])
    const html = readFileSync(path.join(site, 'index.html'), 'utf8')
    expect(html).toContain(
      'No gate names a dataset metric: the multi_label defaults, masi_alpha and subset_accuracy.'
    )
    // Two metric charts, each with its numbers in a table.
    expect(html).toContain('>masi_alpha<')
    expect(html).toContain('>subset_accuracy<')
    expect(html).not.toContain('krippendorff_alpha')
    // Debian's chromium draws both: each plot has ink on its canvas.
    const { visit: seen, result } = await visit(
      path.join(site, 'index.html'),
      (page) =>
        page.evaluate(() =>
          [...document.querySelectorAll('figure.chart')].map((f) => {
            const c = f.querySelector('.plot canvas') as HTMLCanvasElement
            let inked = 0
            if (c) {
              const px = c
                .getContext('2d')!
                .getImageData(0, 0, c.width, c.height).data
              for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) inked++
            }
            return {
              title: f.querySelector('figcaption')!.textContent,
              inked
            }
          })
        )
    )
    expect(seen.errors).toEqual([])
    expect(seen.requests).toEqual([])
    expect(result.slice(0, 2).map((r) => r.title)).toEqual([
      'masi_alpha',
      'subset_accuracy'
    ])
    for (const r of result.slice(0, 2)) expect(r.inked).toBeGreaterThan(0)
  })
})
