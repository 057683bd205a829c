import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ProblemLog } from '../../../src/formats/problem-log.js'
import { ElementTableBuilder } from '../../../src/structured/element-table.js'
import {
  readCoco,
  type CocoOptions
} from '../../../src/structured/box/read-coco.js'
import { scanCoco } from '../../../src/structured/box/scan-coco.js'

const root = path.join(process.cwd(), '__fixtures__', 'boxes', 'coco')
const utf8 = (s: string) => new TextEncoder().encode(s)

/**
 * The same file for the generic reader: a last top-level key written with
 * an escape, which the scanner refuses and JSON.parse reads as "x".
 */
function generic(text: string): string {
  const end = text.lastIndexOf('}')
  return `${text.slice(0, end)},"\\u0078":0${text.slice(end)}`
}

/** Everything readCoco produces: rows with boxes, image sizes, problems. */
function read(text: string, options: CocoOptions, file = 'data/ann_a.json') {
  const b = new ElementTableBuilder('box')
  const log = new ProblemLog()
  let error: string | undefined
  try {
    readCoco(utf8(text), 0, file, options, b, log)
  } catch (e) {
    error = (e as Error).message
  }
  const t = b.finish()
  return {
    error,
    rows: Array.from({ length: t.size }, (_, r) => [
      t.items.value(t.item[r]!),
      t.annotator[r]! < 0 ? null : t.annotators.value(t.annotator[r]!),
      t.line[r],
      Array.from({ length: t.start[r + 1]! - t.start[r]! }, (_, k) => {
        const e = t.start[r]! + k
        return [
          t.labels.value(t.label[e]!),
          ...Array.from(t.coords.subarray(4 * e, 4 * e + 4))
        ]
      })
    ]),
    sizes: [...t.imageSize],
    problems: log.finish()
  }
}

const file = { annotator: { kind: 'file' } } as const

/** Reads `text` both ways, checks the scanner took it, and that both agree. */
function agree(text: string, options: CocoOptions = file) {
  expect(scanCoco(utf8(text), 0)).toBeDefined()
  expect(scanCoco(utf8(generic(text)), 0)).toBeUndefined()
  const scanned = read(text, options)
  expect(scanned).toEqual(read(generic(text), options))
  return scanned
}

describe('the COCO byte scanner reads as JSON.parse and the generic walk do', () => {
  it('on the fixtures (info, licenses, extra image keys), by file name and by id', () => {
    for (const f of ['alice.json', 'bob.json', 'reference.json']) {
      const text = readFileSync(path.join(root, f), 'utf8')
      const options: CocoOptions =
        f === 'reference.json' ? { annotator: { kind: 'reference' } } : file
      expect(agree(text, options).rows.length).toBeGreaterThan(0)
      agree(text, { ...options, item: 'id' })
    }
  })

  it('on numbers: decimals, exponents, negative zero, long mantissas', () => {
    const values = [
      '0.1',
      '123.45',
      '0.30000000000000004',
      '1e2',
      '1.5E-1',
      '-0',
      '12345678901234567',
      '9007199254740993',
      '0.000001',
      '4.35',
      '1.0000000000000002',
      '5e-324'
    ]
    const annotations = values.map(
      (v, k) =>
        `{"id":${k},"image_id":1,"category_id":1,"bbox":[${v},${v}, 1.25 ,\n2]}`
    )
    const text = `{"images":[{"id":1,"file_name":"a.jpg"}],\r\n"annotations":[\r\n${annotations.join(',\r\n')}],"categories":[{"id":1,"name":"car"}]}`
    const out = agree(text)
    const boxes = out.rows[0]![3] as unknown[][]
    expect(boxes.map((b) => b[1])).toEqual(values.map((v) => JSON.parse(v)))
    expect(Object.is(boxes[5]![1], -0)).toBe(true)
  })

  it('on the problems: unknown images and categories, crowds, bad sizes, duplicates, unusable boxes', () => {
    const text = JSON.stringify(
      {
        images: [
          { id: 1, file_name: 'é café.jpg', width: 100, height: 100 },
          { id: '2', file_name: 'b.jpg', width: '100', height: 50 },
          { id: 1, file_name: 'c.jpg' },
          { id: 3, file_name: '' },
          { id: 4, file_name: 7, width: 10 }
        ],
        annotations: [
          { id: 1, image_id: 1, category_id: 1, bbox: [90, 90, 20, 20] },
          { id: 2, image_id: 9, category_id: 1, bbox: [1, 1, 2, 2] },
          { id: 3, image_id: 2, category_id: 5, bbox: [1, 1, 2, 2] },
          { id: 4, image_id: 2, category_id: 1, bbox: [1, 1, 0, 2] },
          {
            id: 5,
            image_id: 1,
            category_id: 2,
            bbox: [1, 1, 2, 2],
            iscrowd: 1,
            segmentation: { counts: [1, 2], size: [3, 4] }
          },
          { id: 6, image_id: 4, category_id: 2, bbox: [1, 1, 2, 2], area: 4 },
          { image_id: 1, category_id: 2, bbox: [3, 3, 2, 2], iscrowd: 0 }
        ],
        categories: [
          { id: 1, name: 'car' },
          { id: 2, name: 'person' },
          { id: 3 },
          { id: 1, name: 'again' }
        ],
        info: { note: ['nested', { deep: true, none: null }] }
      },
      null,
      2
    )
    const out = agree(text)
    expect(out.problems.map((p) => p.field).sort()).toEqual(
      expect.arrayContaining(['bbox', 'categories', 'id', 'image_id'])
    )
  })

  it('hands the file to the generic reader when it is not in the layout', () => {
    const ok =
      '{"images":[{"id":1,"file_name":"a"}],"annotations":[{"image_id":1,"category_id":1,"bbox":[1,1,2,2]}],"categories":[{"id":1,"name":"c"}]}'
    expect(scanCoco(utf8(ok), 0)).toBeDefined()
    for (const bad of [
      ok.replace('"image_id":1', '"image_id":1,"image_id":1'),
      ok.replace('"image_id":1', '"image_id":"1"'),
      ok.replace('"bbox":[1,1,2,2]', '"bbox":[1,1,2]'),
      ok.replace('"bbox":[1,1,2,2]', '"bbox":[1,1,2,2],"x":{"a":1,"a":2}'),
      ok.replace('"bbox":[1,1,2,2]', '"bbox":[1,1,2,2],"iscrowd":true'),
      ok.replace('"file_name":"a"', '"file_name":"a\\"b"'),
      ok.replace('"file_name":"a"', '"file_name":null'),
      ok.replace('1,1,2,2', '1,01,2,2'),
      ok.replace(',"categories":[{"id":1,"name":"c"}]', ''),
      `${ok} x`,
      ok.slice(0, -1)
    ])
      expect(scanCoco(utf8(bad), 0)).toBeUndefined()
  })

  it('is not used when the annotator is a key of each annotation', () => {
    const text = readFileSync(path.join(root, 'broken.json'), 'utf8')
    const options: CocoOptions = {
      annotator: { kind: 'field', key: 'annotator' }
    }
    expect(read(text, options)).toEqual(read(generic(text), options))
  })

  it('gives the generic reader its errors: a duplicate key, a syntax error', () => {
    const ok =
      '{"images":[],"annotations":[{"image_id":1,"image_id":2}],"categories":[]}'
    expect(read(ok, file).error).toMatch(/appears twice/)
    expect(read('{"images":[', file).error).toBeDefined()
  })
})

describe('the fast paths of reading a COCO file agree with the slow ones on random files', () => {
  /** mulberry32: seeded, so a failure reproduces. */
  function rng(seed: number): () => number {
    let a = seed >>> 0
    return () => {
      a = (a + 0x6d2b79f5) >>> 0
      let t = a
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }

  /**
   * Images (some with string ids, no size or a bad one), annotations in a
   * shuffled order with keys in varying orders and extra keys, some of
   * unknown images or categories, crowds, boxes outside the image or with
   * no area; every annotation names its annotator `ann_a` in `who`.
   */
  function randomCoco(seed: number): string {
    const random = rng(seed)
    const images = Array.from({ length: 40 }, (_, i) => ({
      id: random() < 0.2 ? String(i + 1) : i + 1,
      file_name: `img${i}.jpg`,
      ...(random() < 0.9 && { width: 200, height: random() < 0.05 ? 0 : 100 })
    }))
    // Duplicate ids, as a number or as text: the first image is used.
    for (let i = 5; i < images.length; i += 9)
      images[i]!.id =
        random() < 0.5 ? Number(images[i - 3]!.id) : String(images[i - 3]!.id)
    const annotations: Record<string, unknown>[] = []
    for (let k = 0; k < 300; k++) {
      const r = random()
      const fields: [string, unknown][] = [
        ['id', k + 1],
        ['image_id', r < 0.03 ? 99 : 1 + Math.floor(random() * 40)],
        ['category_id', r > 0.97 ? 9 : 1 + Math.floor(random() * 3)],
        [
          'bbox',
          [
            Math.round(random() * 19000) / 100,
            Math.round(random() * 9000) / 100,
            random() < 0.02 ? 0 : Math.round(random() * 4000) / 100 + 1,
            Math.round(random() * 3000) / 100 + 1
          ]
        ],
        ['who', 'ann_a']
      ]
      if (random() < 0.05) fields.push(['iscrowd', 1])
      if (random() < 0.2) fields.push(['area', 12.5])
      if (random() < 0.1) fields.push(['note', { n: [1, 'x'] }])
      // Mostly one key order, sometimes another (the scanner predicts the order).
      if (random() < 0.15) fields.sort(() => random() - 0.5)
      annotations.push(Object.fromEntries(fields))
    }
    // Runs of one image's annotations, then a shuffle of some of them.
    annotations.sort(
      (a, b) => Number(a.image_id as number) - Number(b.image_id as number)
    )
    for (let k = 0; k < 60; k++) {
      const i = Math.floor(random() * annotations.length)
      const j = Math.floor(random() * annotations.length)
      ;[annotations[i], annotations[j]] = [annotations[j]!, annotations[i]!]
    }
    const categories = ['car', 'person', 'sign'].map((name, k) => ({
      id: k + 1,
      name
    }))
    return JSON.stringify({ images, annotations, categories }, null, 1)
  }

  it.each([1, 2, 3, 4, 5])(
    'scanner vs JSON.parse, and one annotator per file vs an annotator key (seed %i)',
    (seed) => {
      const text = randomCoco(seed)
      const byFile = agree(text)
      // The rows keyed by image alone (one annotator a file) against the rows
      // keyed by (image, annotator) that an annotator key needs.
      const byKey = read(text, { annotator: { kind: 'field', key: 'who' } })
      expect(byFile.rows).toEqual(byKey.rows)
      expect(byFile.problems).toEqual(byKey.problems)
      expect(byFile.rows.length).toBeGreaterThan(30)
      expect(byFile.problems.length).toBeGreaterThan(3)
      agree(text, { annotator: { kind: 'reference' } })
      // The boxes kept, from the parsed JSON by hand: known image and
      // category, not a crowd, a positive area.
      const data = JSON.parse(text) as {
        images: { id: number | string; file_name: string }[]
        annotations: {
          image_id: number
          category_id: number
          bbox: number[]
          iscrowd?: number
        }[]
        categories: { id: number; name: string }[]
      }
      const expected = data.annotations
        .filter(
          (a) =>
            a.iscrowd !== 1 &&
            data.images.some((i) => String(i.id) === String(a.image_id)) &&
            data.categories.some((c) => c.id === a.category_id) &&
            a.bbox[2]! > 0 &&
            a.bbox[3]! > 0
        )
        .map((a) =>
          JSON.stringify([
            data.images.find((i) => String(i.id) === String(a.image_id))!
              .file_name,
            data.categories.find((c) => c.id === a.category_id)!.name,
            ...a.bbox
          ])
        )
        .sort()
      const got = byFile.rows
        .flatMap(([item, , , boxes]) =>
          (boxes as unknown[][]).map((b) => JSON.stringify([item, ...b]))
        )
        .sort()
      expect(got).toEqual(expected)
      // One row per image whose id was not listed before it.
      const seen = new Set<string>()
      const first = data.images.filter(
        (i) => !seen.has(String(i.id)) && seen.add(String(i.id))
      )
      expect(byFile.rows.map(([item]) => item).sort()).toEqual(
        first.map((i) => i.file_name).sort()
      )
      expect(
        byFile.problems.filter((p) => p.message.includes('listed twice'))
      ).toHaveLength(data.images.length - first.length)
    }
  )
})
