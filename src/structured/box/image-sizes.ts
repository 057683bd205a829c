import { UserError } from '../../errors.js'
import type { ProblemLog } from '../../formats/problem-log.js'
import { isRecord, kindOf, parseJsonDocument } from '../../formats/read-json.js'
import { quote } from '../../util/excerpt.js'

const decoder = new TextDecoder('utf-8', { fatal: false })

/** Image name without folders and extension: `img/a.b.jpg` → `a.b`, the key YOLO label files share. */
export function imageStem(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(0, dot) : base
}

/**
 * A sizes file for formats that carry no image size (YOLO): CSV with a
 * header `image,width,height` (extra columns ignored), or JSON mapping an
 * image name to `[width, height]` or `{ "width": w, "height": h }`. Names
 * are matched by stem (`images/img_001.jpg` and `img_001` are the same
 * image). A bad row is an error problem at its line and is skipped.
 */
export function readImageSizes(
  bytes: Uint8Array,
  file: string,
  log: ProblemLog
): Map<string, readonly [number, number]> {
  const sizes = new Map<string, readonly [number, number]>()
  const put = (name: string, w: unknown, h: unknown, line: number): void => {
    const width = typeof w === 'string' && w.trim() !== '' ? Number(w) : w
    const height = typeof h === 'string' && h.trim() !== '' ? Number(h) : h
    if (
      typeof width !== 'number' ||
      typeof height !== 'number' ||
      !(
        width > 0 &&
        height > 0 &&
        Number.isFinite(width) &&
        Number.isFinite(height)
      )
    ) {
      log.add('bad image sizes', {
        severity: 'error',
        file,
        line,
        field: 'width',
        message: `image ${quote(name)} needs a positive width and height`
      })
      return
    }
    sizes.set(imageStem(name), [width, height])
  }
  if (/\.json$/i.test(file)) {
    const { data } = parseJsonDocument(bytes, 0, file)
    if (!isRecord(data))
      throw new UserError(
        `expected a JSON object of image name → [width, height], found ${kindOf(data)}`,
        { file, line: 1 }
      )
    for (const [name, v] of Object.entries(data)) {
      if (Array.isArray(v)) put(name, v[0], v[1], 1)
      else if (isRecord(v)) put(name, v.width, v.height, 1)
      else put(name, undefined, undefined, 1)
    }
    return sizes
  }
  const lines = decoder
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase())
  const col = (name: string): number => {
    const k = header.indexOf(name)
    if (k < 0)
      throw new UserError(
        `the sizes file needs a column '${name}' (header: image,width,height)`,
        {
          file,
          line: 1,
          field: name
        }
      )
    return k
  }
  const [ci, cw, ch] = [col('image'), col('width'), col('height')]
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue
    const cells = lines[i]!.split(',')
    put((cells[ci] ?? '').trim(), cells[cw], cells[ch], i + 1)
  }
  return sizes
}
