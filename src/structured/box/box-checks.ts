/**
 * What is wrong with one box, or undefined when nothing is. Coordinates are
 * absolute (x, y, w, h); `image` is [width, height] when known.
 *
 * - a non-finite number (NaN, Infinity, or a value that is not a number) and
 *   a non-positive width or height make the box unusable: `usable` is false
 *   and the reader leaves the box out;
 * - a box reaching outside the image is kept (its IoU is still defined) but
 *   reported. A box may touch the right and bottom edges: it covers
 *   [x, x + w), so x + w = width is inside. Exports that round through
 *   normalized or percent values overshoot by tiny amounts; up to 1e-6 of
 *   the image's side is tolerated.
 */
export interface BoxCheck {
  usable: boolean
  message: string
}

export function checkBox(
  x: number,
  y: number,
  w: number,
  h: number,
  image: readonly [number, number] | undefined
): BoxCheck | undefined {
  // Four tests, not [x, y, w, h].every(...): this runs once per box read.
  if (!(
    Number.isFinite(x) &&
    Number.isFinite(y) &&
    Number.isFinite(w) &&
    Number.isFinite(h)
  )) {
    return {
      usable: false,
      message: `box [${[x, y, w, h].map(show).join(', ')}] has a coordinate that is not a finite number; left out`
    }
  }
  if (w <= 0 || h <= 0) {
    return {
      usable: false,
      message: `box [${[x, y, w, h].map(show).join(', ')}] has ${w <= 0 ? `width ${show(w)}` : `height ${show(h)}`}: the area must be positive; left out`
    }
  }
  if (image !== undefined) {
    const [width, height] = image
    const ex = 1e-6 * width
    const ey = 1e-6 * height
    if (x < -ex || y < -ey || x + w > width + ex || y + h > height + ey) {
      return {
        usable: true,
        message: `box [${[x, y, w, h].map(show).join(', ')}] (x, y, w, h) reaches outside the ${show(width)} x ${show(height)} image`
      }
    }
  }
  return undefined
}

/** A number as a message shows it: at most 6 significant digits, no exponent for pixel values. */
export function show(v: number): string {
  if (!Number.isFinite(v)) return String(v)
  // Fast path for pixel values with at most two decimals below 10^4 (the
  // common case; adjudication lists millions of them): v is then the double
  // nearest a decimal of at most 6 significant digits, so toPrecision(6)
  // gives that decimal back and the result is String(v) either way.
  if (Math.abs(v) < 1e4 && Math.round(v * 100) / 100 === v) return String(v)
  return String(Number(v.toPrecision(6)))
}

/** A JSON value as a coordinate: numbers only (a numeric string is not a coordinate). */
export function coordinate(value: unknown): number {
  return typeof value === 'number' ? value : NaN
}
