import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src')

/** Every `.ts` file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : []
  )
}

/** The relative imports of a file (type-only ones too: they are still a dependency). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const found: string[] = []
  const pattern =
    /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)\.js['"]/g
  for (const m of text.matchAll(pattern)) {
    found.push(resolve(dirname(file), `${m[1]}.ts`))
  }
  return found
}

/** Each import circle once, as the list of files around it. */
function circles(): string[][] {
  const graph = new Map(sources(SRC).map((f) => [f, importsOf(f)]))
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const found: string[][] = []
  const visit = (file: string): void => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue
      if (state.get(next) === 'open') {
        found.push(
          stack.slice(stack.indexOf(next)).map((f) => relative(SRC, f))
        )
      } else if (state.get(next) === undefined) {
        visit(next)
      }
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of graph.keys()) if (!state.has(file)) visit(file)
  return found
}

describe('src/ layout', () => {
  it('has no import circle', () => {
    expect(circles()).toEqual([])
  })
})
