import zlib from 'node:zlib'
import { snappyUncompress as snappy, type Compressors } from 'hyparquet'
import {
  decompressLz4,
  decompressLz4Raw
} from 'hyparquet-compressors/src/lz4.js'
import { decompress as fzstd } from 'fzstd'

/** What a Parquet page may hold once decompressed; the reader sets the bound. */
type Decompress = (input: Uint8Array, outputLength: number) => Uint8Array

/**
 * Zstandard: Node's own (Node 22.15 and later, so the action's node24) or
 * fzstd, a small pure-JS decoder, on older Nodes.
 */
const zstd: Decompress =
  typeof (zlib as { zstdDecompressSync?: unknown }).zstdDecompressSync ===
  'function'
    ? (input, outputLength) =>
        (
          zlib as unknown as {
            zstdDecompressSync: (b: Uint8Array, o: object) => Buffer
          }
        ).zstdDecompressSync(input, {
          maxOutputLength: Math.max(outputLength, 1)
        })
    : (input, outputLength) => fzstd(input, new Uint8Array(outputLength))

/**
 * The codecs Parquet writers use, beside snappy (which hyparquet decodes
 * itself): Node's zlib where it has the codec (gzip, brotli, zstd: native
 * and already in the runtime, so nothing is bundled for them), else small
 * JS decoders. Each call is told the page's declared size and never makes
 * more: zlib stops at `maxOutputLength`.
 */
export function parquetCodecs(
  guard: (outputLength: number) => void
): Compressors {
  const guarded =
    (decompress: Decompress): Decompress =>
    (input, outputLength) => {
      guard(outputLength)
      return decompress(input, outputLength)
    }
  return {
    GZIP: guarded((input, outputLength) =>
      zlib.gunzipSync(input, { maxOutputLength: Math.max(outputLength, 1) })
    ),
    BROTLI: guarded((input, outputLength) =>
      zlib.brotliDecompressSync(input, {
        maxOutputLength: Math.max(outputLength, 1)
      })
    ),
    ZSTD: guarded(zstd),
    LZ4: guarded(decompressLz4),
    LZ4_RAW: guarded(decompressLz4Raw),
    SNAPPY: guarded((input, outputLength) => {
      const out = new Uint8Array(outputLength)
      snappy(input, out)
      return out
    })
  }
}
