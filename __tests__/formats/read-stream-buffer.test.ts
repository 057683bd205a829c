import { describe, expect, it } from '@jest/globals'
import {
  CHUNK_BYTES,
  readStream,
  type PieceReader
} from '../../src/formats/read-stream.js'
import { memoryStream, type ByteStream } from '../../src/source/byte-stream.js'

const encoder = new TextEncoder()

/** A stream that records the room each read offers (the buffer's size). */
function recording(bytes: Uint8Array): { stream: ByteStream; room: number[] } {
  const inner = memoryStream(bytes)
  const room: number[] = []
  return {
    room,
    stream: {
      size: inner.size,
      read(buffer, offset, length, position) {
        room.push(buffer.length)
        return inner.read(buffer, offset, length, position)
      },
      close: () => inner.close()
    }
  }
}

/** Takes every complete line; keeps the text it was given. */
function lines(): { reader: PieceReader; text: string[] } {
  const text: string[] = []
  const decoder = new TextDecoder()
  return {
    text,
    reader: {
      feed(bytes, pos, limit, final) {
        let end = final ? limit : bytes.lastIndexOf(0x0a, limit - 1) + 1
        if (end < pos) end = pos
        text.push(decoder.decode(bytes.subarray(pos, end)))
        return end
      },
      finish: () => undefined
    }
  }
}

describe('readStream buffer', () => {
  it('is no bigger than a small file (not 4 MiB for each of many small files)', async () => {
    const file = encoder.encode('item_id,annotator,label\na,b,c\n')
    const { stream, room } = recording(file)
    const { reader, text } = lines()
    await readStream(stream, 'x.csv', 'annotation records', reader)
    expect(text.join('')).toBe('item_id,annotator,label\na,b,c\n')
    expect(Math.max(...room)).toBeLessThanOrEqual(file.length + 1)
  })

  it('is the 4 MiB piece for a file larger than that', async () => {
    const row = 'a,b,c\n'
    const file = encoder.encode(
      `item_id,annotator,label\n${row.repeat(Math.ceil(CHUNK_BYTES / row.length) + 10)}`
    )
    const { stream, room } = recording(file)
    const { reader, text } = lines()
    await readStream(stream, 'x.csv', 'annotation records', reader)
    expect(room[0]).toBe(CHUNK_BYTES)
    expect(text.join('').length).toBe(file.length)
  })
})
