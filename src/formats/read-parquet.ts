import { parquetMetadata, parquetSchema } from 'hyparquet'
import type {
  ColumnChunk,
  DecodedArray,
  FileMetaData,
  SchemaTree
} from 'hyparquet'
// hyparquet's page-level functions (its package exports src/*.js; the
// version is pinned exactly in package.json for that reason).
import { parquetHeader } from 'hyparquet/src/column.js'
import { convert, DEFAULT_PARSERS } from 'hyparquet/src/convert.js'
import {
  decompressPage,
  readDataPage,
  readDataPageV2
} from 'hyparquet/src/datapage.js'
import { readPlain } from 'hyparquet/src/plain.js'
import type { ColumnDecoder } from 'hyparquet/src/types.js'
import { UserError } from '../errors.js'
import { excerpt } from '../util/excerpt.js'
import {
  isBlank,
  isIdRole,
  missingField,
  type FieldSpec,
  type RecordSink
} from './field-spec.js'
import { parquetCodecs } from './parquet-codecs.js'
import { formatCount, type ProblemLog } from './problem-log.js'
import { lfsPointerError, startsWithLfsPointer } from './text-checks.js'

/**
 * A Parquet file declares its own sizes (rows, page sizes, value counts), and
 * one from a pull request may lie to make a reader allocate far more than the
 * file holds. Every declared size is checked against these bounds and against
 * the file itself before a page is decoded, so memory follows the real data.
 */
export const PARQUET_LIMITS = {
  /** Rows one file may declare (10^8: a hundred times the benchmark). */
  rows: 100_000_000,
  /** Bytes one page may declare once decompressed (writers use about 1 MiB). */
  pageBytes: 256 * 1024 * 1024
} as const

/** Bytes of 'PAR1', the magic at both ends of a Parquet file. */
const MAGIC = [0x50, 0x41, 0x52, 0x31]

/**
 * Reads the mapped columns of a Parquet file, row group by row group, and
 * hands the interned codes to `sink` with the row number (from 1) as the
 * line. Any codec hyparquet-compressors decodes (snappy, gzip, zstd, brotli,
 * lz4), dictionary or plain encoding, nullable columns. A value that is not
 * text is written as text: numbers as JavaScript prints them, booleans as
 * `true`/`false`, dates and timestamps in ISO 8601. Null is missing, as an
 * empty CSV cell is.
 */
export function readParquet(
  bytes: Uint8Array,
  file: string,
  specs: readonly FieldSpec[],
  records: string,
  sink: RecordSink,
  log: ProblemLog
): void {
  if (startsWithLfsPointer(bytes)) throw lfsPointerError(file)
  if (!hasMagic(bytes)) {
    throw new UserError(
      'is not a Parquet file (it does not begin and end with PAR1); set format: to the file’s real format',
      { file }
    )
  }
  const buffer = ownBuffer(bytes)
  const metadata = corruptIfThrows(file, () => parquetMetadata(buffer))
  const schema = corruptIfThrows(file, () => parquetSchema(metadata))
  const columns = specs.map((spec) => findColumn(schema, spec, file))
  const leaves = leafIndexes(schema)
  const totalRows = Number(metadata.num_rows)
  if (!Number.isSafeInteger(totalRows) || totalRows < 0) {
    throw corrupt(file, `it declares ${String(metadata.num_rows)} rows`)
  }
  if (totalRows > PARQUET_LIMITS.rows) {
    throw new UserError(
      `declares ${formatCount(totalRows)} rows; labelgate reads at most ${formatCount(PARQUET_LIMITS.rows)} per file (split it into several files)`,
      { file }
    )
  }
  let declared = 0
  for (const group of metadata.row_groups) declared += Number(group.num_rows)
  if (declared !== totalRows) {
    throw corrupt(
      file,
      `its row groups hold ${declared} rows but the footer says ${totalRows}`
    )
  }

  const view = new DataView(buffer)
  const codes = new Int32Array(specs.length)
  const coders = specs.map((spec, k) => new ValueCoder(spec, columns[k]!))
  let rowNumber = 0
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows)
    if (rows === 0) continue
    const columnCodes = columns.map((column, k) => {
      const chunk = group.columns[leaves.get(column)!]
      return corruptIfThrows(file, () =>
        readChunk(view, metadata, chunk, schema, column, rows, coders[k]!, file)
      )
    })
    for (let r = 0; r < rows; r++) {
      rowNumber++
      let usable = true
      for (let k = 0; k < specs.length; k++) {
        const code = columnCodes[k]![r]!
        if (code >= 0) {
          codes[k] = code
          continue
        }
        const spec = specs[k]!
        log.add(`records without ${spec.role}`, {
          severity: 'error',
          file,
          line: rowNumber,
          field: spec.name,
          message: `${spec.role} ${EMPTY_REASON[-code - 1]} (column '${spec.name}', row ${rowNumber}); the row is skipped`
        })
        usable = false
        break
      }
      if (usable) sink(codes, rowNumber)
    }
  }
  if (rowNumber === 0) throw new UserError(`has no ${records}`, { file })
}

/** Why a required value is unusable, by the negative code `ValueCoder.code` returns. */
const EMPTY_REASON = [
  'is null',
  'is empty',
  'is only white space',
  'is not a plain value (a list, map or object)'
]
const NULL = -1
const EMPTY = -2
const BLANK = -3
const NOT_PLAIN = -4

/**
 * Turns one column's decoded values into interner codes. String values stay
 * bytes (the interner is keyed on UTF-8 bytes, so no string is made); a
 * dictionary page is coded once, and its data pages only index the codes.
 */
class ValueCoder {
  private readonly isId: boolean
  private readonly dateOnly: boolean
  private emptyCode = -1
  private lastBuffer: ArrayBufferLike | undefined
  private lastView: DataView<ArrayBufferLike> | undefined

  constructor(
    private readonly spec: FieldSpec,
    column: SchemaTree
  ) {
    this.isId = spec.required && isIdRole(spec.role)
    this.dateOnly =
      column.element.converted_type === 'DATE' ||
      column.element.logical_type?.type === 'DATE'
  }

  /** The code of a value, or NULL, EMPTY, BLANK (required values) or NOT_PLAIN. */
  code(value: unknown): number {
    const spec = this.spec
    if (value === null || value === undefined) {
      return spec.required ? NULL : this.empty()
    }
    if (value instanceof Uint8Array) {
      if (value.length === 0) return spec.required ? EMPTY : this.empty()
      if (this.isId && isBlankBytes(value)) return BLANK
      if (value.buffer !== this.lastBuffer) {
        this.lastBuffer = value.buffer
        this.lastView = new DataView(value.buffer)
      }
      return spec.interner.internView(
        this.lastView!,
        value.byteOffset,
        value.byteOffset + value.length
      )
    }
    const text = asText(value, this.dateOnly)
    if (text === undefined) return NOT_PLAIN
    if (text === '') return spec.required ? EMPTY : this.empty()
    if (this.isId && isBlank(text)) return BLANK
    return spec.interner.intern(text)
  }

  /** A null in a column that may be empty: the code of ''. */
  nullCode(): number {
    return this.code(null)
  }

  private empty(): number {
    if (this.emptyCode < 0) this.emptyCode = this.spec.interner.intern('')
    return this.emptyCode
  }
}

/**
 * The text of a value that is not a string column's bytes, or undefined when
 * it has none (a list, map or struct value).
 */
function asText(value: unknown, dateOnly: boolean): string | undefined {
  switch (typeof value) {
    case 'string':
      return value
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value)
    default:
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) return undefined
        const iso = value.toISOString()
        return dateOnly ? iso.slice(0, 10) : iso
      }
      return undefined
  }
}

/** ASCII white space only, or Unicode white space once decoded. */
function isBlankBytes(value: Uint8Array): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!
    if (c !== 0x20 && (c < 0x09 || c > 0x0d)) {
      return c >= 0x80 ? isBlank(new TextDecoder().decode(value)) : false
    }
  }
  return true
}

/**
 * The codes of one column chunk of one row group (one per row), after every
 * page header in it was checked against the chunk, the row group and
 * `PARQUET_LIMITS`.
 */
function readChunk(
  view: DataView,
  metadata: FileMetaData,
  chunk: ColumnChunk | undefined,
  root: SchemaTree,
  column: SchemaTree,
  rows: number,
  coder: ValueCoder,
  file: string
): Int32Array {
  const meta = chunk?.meta_data
  if (meta === undefined || chunk?.file_path !== undefined) {
    throw new Error(
      `column '${column.element.name}' is stored in another file, which is not supported`
    )
  }
  const dataStart = Number(meta.data_page_offset)
  const dictionary = Number(meta.dictionary_page_offset ?? 0)
  // Some writers leave a dictionary offset of 0 for no dictionary.
  const from = dictionary > 0 && dictionary < dataStart ? dictionary : dataStart
  const end = from + Number(meta.total_compressed_size)
  const footer = view.byteLength - 8 - metadata.metadata_length
  if (!(from >= 4 && end >= from && end <= footer)) {
    throw new Error(
      `a column chunk of '${column.element.name}' lies outside the file`
    )
  }
  const chunkView = new DataView(
    view.buffer,
    view.byteOffset + from,
    end - from
  )
  checkPages(chunkView, rows, column.element.name, file)
  const decoder: ColumnDecoder = {
    pathInSchema: meta.path_in_schema,
    type: meta.type,
    element: column.element,
    schemaPath: [root, column],
    codec: meta.codec,
    compressors: GUARDED,
    parsers: { ...DEFAULT_PARSERS, stringFromBytes: (b: Uint8Array) => b },
    utf8: true
  }
  // A flat column: a value is present where its definition level is 1.
  const optional = column.element.repetition_type !== 'REQUIRED'
  const out = new Int32Array(rows)
  let row = 0
  let dictionaryCodes: Int32Array | undefined
  const reader = { view: chunkView, offset: 0 }
  while (reader.offset < chunkView.byteLength) {
    const header = parquetHeader(reader)
    const bytes = new Uint8Array(
      chunkView.buffer,
      chunkView.byteOffset + reader.offset,
      header.compressed_page_size
    )
    reader.offset += header.compressed_page_size
    if (header.type === 'DICTIONARY_PAGE') {
      const diph = header.dictionary_page_header!
      const page = decompressPage(
        bytes,
        header.uncompressed_page_size,
        meta.codec,
        GUARDED
      )
      const values = convert(
        readPlain(
          {
            view: new DataView(page.buffer, page.byteOffset, page.byteLength),
            offset: 0
          },
          meta.type,
          diph.num_values,
          column.element.type_length
        ),
        decoder
      )
      dictionaryCodes = new Int32Array(values.length)
      for (let i = 0; i < values.length; i++) {
        dictionaryCodes[i] = coder.code(values[i])
      }
      continue
    }
    let page: { definitionLevels?: number[]; dataPage: DecodedArray }
    let encoding: string
    if (header.type === 'DATA_PAGE') {
      const daph = header.data_page_header!
      encoding = daph.encoding
      page = readDataPage(
        decompressPage(
          bytes,
          header.uncompressed_page_size,
          meta.codec,
          GUARDED
        ),
        daph,
        decoder
      )
    } else if (header.type === 'DATA_PAGE_V2') {
      encoding = header.data_page_header_v2!.encoding
      page = readDataPageV2(bytes, header, decoder)
    } else {
      continue
    }
    const count =
      header.data_page_header?.num_values ??
      header.data_page_header_v2!.num_values
    const levels = page.definitionLevels ?? []
    const indexed = encoding.endsWith('_DICTIONARY')
    if (indexed && dictionaryCodes === undefined) {
      throw new Error(`column '${column.element.name}' has no dictionary page`)
    }
    const values = indexed ? page.dataPage : convert(page.dataPage, decoder)
    let j = 0
    for (let i = 0; i < count; i++) {
      if (optional && levels.length > 0 && levels[i] !== 1) {
        out[row++] = coder.nullCode()
        continue
      }
      const v = values[j++]
      if (indexed) {
        const code = dictionaryCodes![v as number]
        if (code === undefined) {
          throw new Error(
            `column '${column.element.name}' indexes past its dictionary`
          )
        }
        out[row++] = code
      } else {
        out[row++] = coder.code(v)
      }
    }
    if (j > values.length) {
      throw new Error(
        `column '${column.element.name}' has fewer values than its page declares`
      )
    }
  }
  if (row !== rows) {
    throw new Error(
      `column '${column.element.name}' has ${row} values for ${rows} rows`
    )
  }
  return out
}

/**
 * Walks the page headers of a chunk (without decoding a page): each page must
 * lie inside the chunk and stay under the page limit, and the data pages
 * together must declare exactly the row group's rows, so no page can make the
 * decoder fill more values than the file has rows.
 */
function checkPages(
  chunk: DataView,
  rows: number,
  name: string,
  file: string
): void {
  const reader = { view: chunk, offset: 0 }
  let values = 0
  while (reader.offset < chunk.byteLength) {
    const header = parquetHeader(reader)
    const size = header.compressed_page_size
    const unpacked = header.uncompressed_page_size
    if (!(size >= 0 && reader.offset + size <= chunk.byteLength)) {
      throw new Error(`a page of column '${name}' runs past its column chunk`)
    }
    if (!(unpacked >= 0 && unpacked <= PARQUET_LIMITS.pageBytes)) {
      throw new UserError(
        `declares a page of ${formatCount(unpacked)} bytes in column '${name}'; labelgate reads pages of at most ${formatCount(PARQUET_LIMITS.pageBytes)}`,
        { file, field: name }
      )
    }
    const data = header.data_page_header ?? header.data_page_header_v2
    const dictionary = header.dictionary_page_header
    if (data !== undefined) {
      values += data.num_values
      if (!(data.num_values >= 0) || values > rows) {
        throw new Error(
          `column '${name}' declares more values than its row group's ${rows} rows`
        )
      }
    } else if (
      dictionary !== undefined &&
      !(dictionary.num_values >= 0 && dictionary.num_values <= unpacked)
    ) {
      throw new Error(
        `column '${name}' declares a dictionary larger than its page`
      )
    }
    reader.offset += size
  }
  if (values !== rows) {
    throw new Error(`column '${name}' has ${values} values for ${rows} rows`)
  }
}

/** Decompressors that refuse a declared size past the page limit before allocating it. */
const GUARDED = parquetCodecs((outputLength) => {
  if (!(outputLength >= 0 && outputLength <= PARQUET_LIMITS.pageBytes)) {
    throw new Error(`a page declares ${outputLength} bytes`)
  }
})

/** The top-level column a spec names; it must hold one plain value per row. */
function findColumn(
  schema: SchemaTree,
  spec: FieldSpec,
  file: string
): SchemaTree {
  const names = schema.children.map((c) => c.element.name)
  const column = schema.children.find((c) => c.element.name === spec.name)
  if (column === undefined) {
    throw missingField('column', spec, names, { file })
  }
  if (
    column.children.length > 0 ||
    column.element.repetition_type === 'REPEATED'
  ) {
    throw new UserError(
      `column '${spec.name}' holds lists or nested records, not one value per row; labelgate reads plain columns (set ${spec.configKey} to one)`,
      { file, field: spec.name }
    )
  }
  return column
}

/** Each top-level leaf column's position among the row group's column chunks. */
function leafIndexes(schema: SchemaTree): Map<SchemaTree, number> {
  const out = new Map<SchemaTree, number>()
  let leaf = 0
  const walk = (node: SchemaTree): void => {
    if (node.children.length === 0) out.set(node, leaf++)
    else node.children.forEach(walk)
  }
  schema.children.forEach(walk)
  return out
}

function hasMagic(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false
  const end = bytes.length - 4
  return MAGIC.every((b, i) => bytes[i] === b && bytes[end + i] === b)
}

/** The file's bytes as an ArrayBuffer of their own (copied only when a view of a larger one). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  if (
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
  ) {
    return bytes.buffer
  }
  return bytes.slice().buffer
}

function corrupt(file: string, why: string): UserError {
  return new UserError(`is not a readable Parquet file: ${why}`, { file })
}

/** Runs a step of the decoder; whatever it throws becomes one line naming the file. */
function corruptIfThrows<T>(file: string, step: () => T): T {
  try {
    return step()
  } catch (error) {
    if (error instanceof UserError) throw error
    const why = error instanceof Error ? error.message : String(error)
    throw corrupt(file, excerpt(why.replace(/^parquet /, ''), 200))
  }
}
