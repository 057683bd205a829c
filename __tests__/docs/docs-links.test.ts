import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { USAGE } from '../../src/cli/args.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const README = read('README.md')
const DOCS = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md'))

/** Relative link targets of a Markdown file, without their #fragment. */
function localLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z]+:/.test(target))
}

describe('the README', () => {
  it('names every option of the CLI usage', () => {
    const options = [...new Set(USAGE.match(/(?<![\w-])--?[a-z][a-z-]*/g))]
    expect(options).toEqual(expect.arrayContaining(['--base', '-h', '-v']))
    expect(options.filter((o) => !README.includes(`\`${o}`))).toEqual([])
  })

  it('names every input and output of action.yml', () => {
    const action = parse(read('action.yml')) as {
      inputs: Record<string, unknown>
      outputs: Record<string, unknown>
    }
    const names = [
      ...Object.keys(action.inputs),
      ...Object.keys(action.outputs)
    ]
    expect(names).toContain('qc-sample')
    expect(names.filter((n) => !README.includes(`\`${n}\``))).toEqual([])
  })

  it('never points to a design file outside the repository', () => {
    expect(README).not.toMatch(/DESIGN/)
    for (const doc of DOCS) expect(read(`docs/${doc}`)).not.toMatch(/DESIGN/)
  })
})

describe('the repository', () => {
  // Every text file git holds (code comments included), but the generated
  // bundles and the data: none may point to a document or a folder outside
  // the repository (a design file, a shared checkout, a home folder).
  const files = execFileSync('git', ['ls-files', '-z'], {
    cwd: ROOT,
    encoding: 'utf8'
  })
    .split('\0')
    .filter(
      (f) =>
        /\.(ts|mjs|js|md|ya?ml|json|sh)$|^\.ci\/run$/.test(f) &&
        // Label data (a medical abstract's "DESIGN" heading is not a pointer).
        !/^(dist|__fixtures__|examples\/snow_rte)\//.test(f) &&
        !/^examples\/[^/]+\/(data|before|after|out)\//.test(f) &&
        !f.endsWith('package-lock.json') &&
        existsSync(join(ROOT, f))
    )
  const OUTSIDE = [
    /DESIGN(\.md| section|\b)/,
    /\bshared\/(datasets|research|hooks)\b/,
    /\/work\/(shared|main)\b/,
    /STYLE\.md/
  ]

  it('holds the files this test reads', () => {
    expect(files).toEqual(
      expect.arrayContaining(['src/cli/main.ts', 'README.md', '.ci/run'])
    )
  })

  it('never points to a file outside the repository, in code comments either', () => {
    const hits = files.flatMap((f) =>
      read(f)
        .split('\n')
        .map((line, i) => ({ at: `${f}:${i + 1}`, line }))
        .filter(({ line }) => OUTSIDE.some((p) => p.test(line)))
        .map(({ at, line }) => `${at}: ${line.trim()}`)
    )
    // This file names the patterns it looks for.
    expect(
      hits.filter((h) => !h.startsWith('__tests__/docs/docs-links.test.ts'))
    ).toEqual([])
  })
})

describe('docs/', () => {
  it('indexes every page in docs/README.md', () => {
    const index = read('docs/README.md')
    const pages = DOCS.filter((f) => f !== 'README.md')
    expect(pages.length).toBeGreaterThan(5)
    expect(pages.filter((p) => !index.includes(`](${p})`))).toEqual([])
  })

  it.each(['README.md', ...DOCS.map((d) => `docs/${d}`)])(
    '%s links only to files that exist',
    (file) => {
      const base = dirname(join(ROOT, file))
      const broken = localLinks(read(file)).filter(
        (target) => !existsSync(resolve(base, target))
      )
      expect(broken).toEqual([])
    }
  )
})
