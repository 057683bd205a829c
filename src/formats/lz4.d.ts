// hyparquet-compressors ships types for its index only; its LZ4 decoders
// (imported alone, so brotli's 80 KB dictionary stays out of the bundle):
declare module 'hyparquet-compressors/src/lz4.js' {
  export function decompressLz4(
    input: Uint8Array,
    outputLength: number
  ): Uint8Array
  export function decompressLz4Raw(
    input: Uint8Array,
    outputLength: number
  ): Uint8Array
}
