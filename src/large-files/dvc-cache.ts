import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { UserError } from '../errors.js'
import { excerpt } from '../util/excerpt.js'
import type { DvcPointer } from './dvc-pointer.js'
import { MAX_LFS_BYTES } from './git-lfs.js'
import { runTool } from './run-tool.js'

/**
 * Where DVC keeps an object in a cache folder: DVC 3 under `files/md5/`,
 * DVC 2 directly (`xx/yyyy...`, the md5's first two hex digits a folder).
 * Both are tried: DVC 3 still reads a DVC 2 cache.
 */
export function dvcCachePaths(cache: string, md5: string): string[] {
  const [head, rest] = [md5.slice(0, 2), md5.slice(2)]
  return [
    path.join(cache, 'files', 'md5', head, rest),
    path.join(cache, head, rest)
  ]
}

/**
 * The md5s DVC may have recorded for these bytes: DVC 3 hashes the bytes as
 * they are; DVC 2 hashed a text file with CRLF turned into LF (dos2unix).
 */
function matches(bytes: Uint8Array, pointer: DvcPointer): boolean {
  const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex')
  if (md5(bytes) === pointer.md5) return true
  if (pointer.dvc3) return false
  const lf = Buffer.from(bytes).toString('latin1').replace(/\r\n/g, '\n')
  return md5(Buffer.from(lf, 'latin1')) === pointer.md5
}

/**
 * The content a `.dvc` pointer stands for: from the repository's DVC cache
 * (`<root>/.dvc/cache`, filled by `dvc pull` or `dvc fetch`), else through
 * `dvc get` when dvc is installed (it reads the revision's pointer and the
 * remote it configures), else a UserError naming what is missing. What is
 * read is checked against the pointer's md5 and size.
 */
export async function readDvcObject(
  pointer: DvcPointer,
  root: string,
  revision: string | undefined,
  file: string
): Promise<Uint8Array> {
  const cache = path.join(root, '.dvc', 'cache')
  for (const candidate of dvcCachePaths(cache, pointer.md5)) {
    const info = await stat(candidate).catch(() => undefined)
    if (!info?.isFile()) continue
    if (info.size > MAX_LFS_BYTES) {
      throw new UserError(
        `its DVC cache object is ${info.size} bytes, more than labelgate reads`,
        { file }
      )
    }
    return verified(await readFile(candidate), pointer, file, 'the DVC cache')
  }
  const fetched = await dvcGet(root, revision, file, pointer)
  if (fetched !== undefined) {
    return verified(fetched, pointer, file, 'dvc get')
  }
  throw new UserError(
    `is tracked by DVC (${file}.dvc, md5 ${pointer.md5}); the object is not in the DVC cache (.dvc/cache) and dvc is not installed here: run dvc pull (for a base revision, dvc fetch at that revision) before labelgate, or install dvc`,
    { file }
  )
}

function verified(
  bytes: Uint8Array,
  pointer: DvcPointer,
  file: string,
  from: string
): Uint8Array {
  if (
    (pointer.size !== undefined && bytes.length !== pointer.size) ||
    !matches(bytes, pointer)
  ) {
    throw new UserError(
      `is tracked by DVC with md5 ${pointer.md5}, but what ${from} holds for it has another md5 (a corrupt or edited cache object)`,
      { file }
    )
  }
  return bytes
}

/**
 * `dvc get <root> <file> [--rev REV] -o <tmp>`, arguments as a vector; undefined
 * when dvc is not installed. A failing dvc is a UserError with its last line.
 */
async function dvcGet(
  root: string,
  revision: string | undefined,
  file: string,
  pointer: DvcPointer
): Promise<Uint8Array | undefined> {
  const probe = await runTool('dvc', ['version'], {
    cwd: root,
    maxOutput: 1 << 16
  })
  if (!probe.found) return undefined
  const dir = await mkdtemp(path.join(tmpdir(), 'labelgate-dvc-'))
  try {
    const out = path.join(dir, 'object')
    const r = await runTool(
      'dvc',
      [
        'get',
        ...(revision !== undefined ? ['--rev', revision] : []),
        '-o',
        out,
        '--',
        root,
        file
      ],
      { cwd: root, maxOutput: 1 << 16 }
    )
    if (r.code !== 0) {
      throw new UserError(
        `is tracked by DVC (md5 ${pointer.md5}); it is not in the DVC cache, and dvc get failed: ${excerpt(
          r.stderr
            .split('\n')
            .filter((l) => l.trim() !== '')
            .pop() ?? `exit ${r.code}`,
          300
        )}`,
        { file }
      )
    }
    const info = await stat(out).catch(() => undefined)
    if (!info?.isFile() || info.size > MAX_LFS_BYTES) {
      throw new UserError(
        `is tracked by DVC (md5 ${pointer.md5}); dvc get gave no single file of a readable size`,
        { file }
      )
    }
    return await readFile(out)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
