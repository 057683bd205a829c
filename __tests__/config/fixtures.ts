import { readdirSync, readFileSync } from 'node:fs'

const root = new URL('../../__fixtures__/config/', import.meta.url)

/** The text of `__fixtures__/config/<name>`. */
export function fixture(name: string): string {
  return readFileSync(new URL(name, root), 'utf8')
}

/** File names in `__fixtures__/config/<dir>/`, sorted. */
export function fixtureNames(dir: 'valid' | 'invalid'): string[] {
  return readdirSync(new URL(`${dir}/`, root))
    .filter((name) => name !== 'README.md')
    .sort()
}
