import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ProblemLog } from '../../../src/formats/problem-log.js'
import {
  ElementTableBuilder,
  type ElementTable
} from '../../../src/structured/element-table.js'
import { readCoco } from '../../../src/structured/box/read-coco.js'
import {
  readYoloClasses,
  readYoloFile,
  yoloFolderAnnotator
} from '../../../src/structured/box/read-yolo.js'
import { readImageSizes } from '../../../src/structured/box/image-sizes.js'
import { readLabelStudioBoxes } from '../../../src/structured/box/read-label-studio-boxes.js'
import { isUserError } from '../../../src/errors.js'

const root = path.join(process.cwd(), '__fixtures__', 'boxes')
const bytes = (p: string) => new Uint8Array(readFileSync(path.join(root, p)))
const repoPath = (p: string) => `data/boxes/${p}`

/** Rows as [item, annotator, [[label, x, y, w, h]...]], in table order. */
function rowsOf(
  t: ElementTable
): [string, string | null, (string | number)[][]][] {
  return Array.from({ length: t.size }, (_, r) => {
    const boxes: (string | number)[][] = []
    for (let e = t.start[r]!; e < t.start[r + 1]!; e++)
      boxes.push([
        t.labels.value(t.label[e]!),
        ...Array.from(t.coords.subarray(4 * e, 4 * e + 4))
      ])
    const a = t.annotator[r]!
    return [
      t.items.value(t.item[r]!),
      a < 0 ? null : t.annotators.value(a),
      boxes
    ]
  })
}

describe('COCO', () => {
  it('reads one file per annotator, the annotator from the file name, every listed image a box set', () => {
    const b = new ElementTableBuilder('box')
    const log = new ProblemLog()
    for (const f of ['coco/alice.json', 'coco/bob.json'])
      readCoco(
        bytes(f),
        0,
        repoPath(f),
        { annotator: { kind: 'file' } },
        b,
        log
      )
    const t = b.finish()
    expect(rowsOf(t)).toEqual([
      [
        'street_0001.jpg',
        'alice',
        [
          ['car', 100.5, 200, 80, 60.25],
          ['person', 300, 150, 40, 120]
        ]
      ],
      ['street_0002.jpg', 'alice', []],
      [
        'street_0003.jpg',
        'alice',
        [
          ['car', 10, 20, 300, 200],
          ['person', 900, 300, 50, 150]
        ]
      ],
      ['street_0001.jpg', 'bob', [['car', 102, 198, 79, 62]]],
      ['street_0002.jpg', 'bob', [['person', 50, 60, 30, 90]]],
      ['street_0003.jpg', 'bob', [['car', 12, 25, 295, 190]]]
    ])
    expect(t.imageSize.get(t.items.get('street_0003.jpg')!)).toEqual([
      1280, 720
    ])
    // Row lines point at the image record (or the first box) in the file.
    expect(t.files[t.file[0]!]).toBe('data/boxes/coco/alice.json')
    expect(t.line[1]).toBe(12)
    // The crowd region is left out with one warning at its line.
    expect(log.finish()).toEqual([
      {
        severity: 'warning',
        file: 'data/boxes/coco/bob.json',
        line: 12,
        field: 'iscrowd',
        message: expect.stringMatching(
          /^1 crowd region \(iscrowd: 1\) left out/
        )
      }
    ])
  })

  it('takes the annotator from a key of each annotation and reports each bad record at its line', () => {
    const b = new ElementTableBuilder('box')
    const log = new ProblemLog()
    readCoco(
      bytes('coco/broken.json'),
      0,
      'broken.json',
      { annotator: { kind: 'field', key: 'annotator' } },
      b,
      log
    )
    const problems = log
      .finish()
      .map((p) => `${p.line} ${p.field} ${p.severity}: ${p.message}`)
    expect(problems).toEqual([
      '7 bbox error: box [600, 400, 80, 100] (x, y, w, h) reaches outside the 640 x 480 image',
      '8 bbox error: box [10, 10, 0, 20] has width 0: the area must be positive; left out',
      '9 bbox error: box [10, 10, NaN, 20] has a coordinate that is not a finite number; left out',
      "10 image_id error: image_id '9' is not in the file's images; the box is left out",
      "11 category_id error: category_id '7' is not in the file's categories; the box is left out",
      "12 annotator error: the box has no annotator (key 'annotator'); left out",
      '13 bbox error: bbox must be [x, y, width, height], found 3 values; left out'
    ])
    // Both annotators of the file are taken to have seen both images.
    expect(rowsOf(b.finish())).toEqual([
      ['street_0001.jpg', 'carol', [['car', 600, 400, 80, 100]]],
      ['street_0001.jpg', 'dave', []],
      ['street_0002.jpg', 'carol', []],
      ['street_0002.jpg', 'dave', [['person', 5, 5, 20, 20]]]
    ])
  })

  it('reads a reference file as one box set per image', () => {
    const b = new ElementTableBuilder('box')
    readCoco(
      bytes('coco/reference.json'),
      0,
      'ref.json',
      { annotator: { kind: 'reference' } },
      b,
      new ProblemLog()
    )
    expect(rowsOf(b.finish())).toEqual([
      [
        'street_0001.jpg',
        null,
        [
          ['car', 101, 199, 80, 61],
          ['person', 300, 150, 40, 120]
        ]
      ],
      ['street_0002.jpg', null, []]
    ])
  })

  it('stops with one line naming the file for what is not COCO', () => {
    const run = (text: string) => {
      try {
        readCoco(
          new TextEncoder().encode(text),
          0,
          'x.json',
          { annotator: { kind: 'file' } },
          new ElementTableBuilder('box'),
          new ProblemLog()
        )
      } catch (e) {
        if (isUserError(e)) return e.format()
        throw e
      }
      return 'no error'
    }
    expect(run('[]')).toBe(
      'x.json:1: expected a COCO object with images, annotations and categories, found an array'
    )
    expect(run('{"images": [], "annotations": {}}')).toBe(
      "x.json:1: field 'annotations': a COCO file needs an array 'annotations', found an object"
    )
    expect(run('{"images": [\n}')).toMatch(/^x\.json:2:/)
  })
})

describe('YOLO', () => {
  it('reads the classes file (trailing blank lines ignored) and data.yaml', () => {
    expect(readYoloClasses(bytes('yolo/classes.txt'), 'classes.txt')).toEqual([
      'person',
      'car',
      'bicycle'
    ])
    expect(readYoloClasses(bytes('yolo/data.yaml'), 'data.yaml')).toEqual([
      'person',
      'car',
      'bicycle'
    ])
    expect(() =>
      readYoloClasses(new TextEncoder().encode('a\n\nb\n'), 'c.txt')
    ).toThrow(/blank line/)
  })

  it('converts normalized centre boxes to pixels with the sizes file and reports bad lines', () => {
    const classes = readYoloClasses(bytes('yolo/classes.txt'), 'classes.txt')
    const log = new ProblemLog()
    const sizes = readImageSizes(bytes('yolo/sizes.csv'), 'sizes.csv', log)
    const b = new ElementTableBuilder('box')
    for (const f of [
      'alice/street_0001.txt',
      'alice/street_0002.txt',
      'bob/street_0001.txt',
      'bob/street_0002.txt'
    ]) {
      const file = `yolo/labels/${f}`
      readYoloFile(
        bytes(file),
        file,
        {
          annotator: { kind: 'fixed', name: yoloFolderAnnotator(file) },
          classes,
          size: sizes.get(f.slice(f.indexOf('/') + 1, -4))
        },
        b,
        log
      )
    }
    const rows = rowsOf(b.finish())
    expect(rows.map(([i, a, boxes]) => [i, a, boxes.length])).toEqual([
      ['street_0001', 'alice', 2],
      ['street_0002', 'alice', 0],
      ['street_0001', 'bob', 1],
      ['street_0002', 'bob', 2]
    ])
    const [label, x, y, w, h] = rows[0]![2][0]! as [
      string,
      number,
      number,
      number,
      number
    ]
    expect(label).toBe('car')
    expect(x).toBeCloseTo((0.219141 - 0.0625) * 640, 9)
    expect(y).toBeCloseTo((0.479427 - 0.125521 / 2) * 480, 9)
    expect(w).toBeCloseTo(80, 9)
    expect(h).toBeCloseTo(60.25008, 9)
    expect(
      log
        .finish()
        .map((p) => `${p.file}:${p.line} ${p.field ?? ''}: ${p.message}`)
    ).toEqual([
      "yolo/labels/bob/street_0002.txt:2 class: class id '7' is not in the classes file (0 to 2); left out",
      'yolo/labels/bob/street_0002.txt:3 cx cy w h: box [595.2, 216, 64, 48] (x, y, w, h) reaches outside the 640 x 480 image',
      "yolo/labels/bob/street_0002.txt:4 : expected 'class cx cy w h' (5 values), found 4; left out",
      'yolo/labels/bob/street_0002.txt:5 cx cy w h: box [352, 216, -64, 48] has width -64: the area must be positive; left out',
      'yolo/labels/bob/street_0002.txt:6 cx cy w h: box [NaN, 216, 64, 48] has a coordinate that is not a finite number; left out'
    ])
  })

  it('without a size keeps normalized coordinates and still checks the unit square', () => {
    const b = new ElementTableBuilder('box')
    const log = new ProblemLog()
    readYoloFile(
      new TextEncoder().encode('0 0.5 0.5 0.2 0.4\n0 0.95 0.5 0.2 0.2\n'),
      'l/a/img.txt',
      {
        annotator: { kind: 'fixed', name: 'a' },
        classes: ['x'],
        size: undefined
      },
      b,
      log
    )
    const t = b.finish()
    expect(
      Array.from(t.coords.subarray(0, 4)).map((v) => Number(v.toFixed(12)))
    ).toEqual([0.4, 0.3, 0.2, 0.4])
    expect(t.imageSize.size).toBe(0)
    expect(log.finish()[0]!.message).toMatch(/reaches outside the 1 x 1 image/)
  })
})

describe('Label Studio rectanglelabels', () => {
  it('converts percents with original_width/height, one box set per annotation; rotation is reported', () => {
    const b = new ElementTableBuilder('box')
    const log = new ProblemLog()
    readLabelStudioBoxes(
      bytes('label-studio/boxes.json'),
      0,
      'ls.json',
      { itemKey: 'image_id' },
      b,
      log
    )
    const rows = rowsOf(b.finish())
    expect(rows.map(([i, a, boxes]) => [i, a, boxes.map((x) => x[0])])).toEqual(
      [
        ['street_0001.jpg', 'alice@example.com', ['car', 'person']],
        ['street_0001.jpg', '12', ['car']],
        ['street_0002.jpg', '12', []]
      ]
    )
    const car = rows[0]![2][0]! as number[]
    expect(car.slice(1).map((v) => Number(v.toFixed(4)))).toEqual([
      100.5, 200, 80, 60.25
    ])
    expect(
      log.finish().map((p) => `${p.line} ${p.field}: ${p.message}`)
    ).toEqual([
      "37 result[1].value.rotation: box 'person' is rotated by 15 degrees: only axis-aligned boxes can be matched; left out",
      '72 was_cancelled: 1 cancelled annotation (was_cancelled: true) skipped; first here'
    ])
  })
})
