import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const XSD = fileURLToPath(
  new URL('../../__fixtures__/junit/junit.xsd', import.meta.url)
)

/** xmllint's verdict on a document, or null where xmllint is not installed. */
export function validate(xml: string): { ok: boolean; output: string } | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-junit-'))
  const file = path.join(dir, 'report.xml')
  writeFileSync(file, xml)
  try {
    const out = execFileSync('xmllint', ['--noout', '--schema', XSD, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe']
    })
    return { ok: true, output: out }
  } catch (error) {
    const e = error as { code?: string; stderr?: string }
    if (e.code === 'ENOENT') return null
    return { ok: false, output: e.stderr ?? '' }
  }
}
