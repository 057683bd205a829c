import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** A temporary folder holding the given files (paths with `/`). */
export function folderWith(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'labelgate-hard-'))
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, ...name.split('/'))
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, content)
  }
  return root
}

/** A minimal config for one CSV dataset. */
export function configFor(
  dataPath: string,
  extra: string[] = [],
  level = 'nominal'
): string {
  return [
    'version: 1',
    'datasets:',
    '  - name: d',
    `    path: ${dataPath}`,
    `    level: ${level}`,
    ...extra,
    ''
  ].join('\n')
}

/** What every error line must be: one line, no escape or control character. */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/
