/**
 * Intersection over union of two axis-aligned boxes given as (x, y, w, h).
 *
 * Continuous coordinates: a box covers [x, x + w) x [y, y + h), so its area
 * is w * h with no "+1 pixel" (the convention of the old PASCAL VOC devkit,
 * which treats corners as inclusive pixel indices; COCO and torchvision use
 * the continuous form, as here). Boxes that only touch along an edge have
 * intersection 0. IoU is 0 when the union is empty (two zero-area boxes):
 * readers reject non-positive areas, so that case only arises on bad data.
 */
export function iou(
  ax: number,
  ay: number,
  aw: number,
  ah: number,
  bx: number,
  by: number,
  bw: number,
  bh: number
): number {
  const iw = Math.min(ax + aw, bx + bw) - Math.max(ax, bx)
  if (!(iw > 0)) return 0
  const ih = Math.min(ay + ah, by + bh) - Math.max(ay, by)
  if (!(ih > 0)) return 0
  const inter = iw * ih
  const union = aw * ah + bw * bh - inter
  return union > 0 ? inter / union : 0
}

/** IoU of elements i and j of a packed (x, y, w, h) coordinate array. */
export function iouAt(coords: Float64Array, i: number, j: number): number {
  const a = 4 * i
  const b = 4 * j
  return iou(
    coords[a]!,
    coords[a + 1]!,
    coords[a + 2]!,
    coords[a + 3]!,
    coords[b]!,
    coords[b + 1]!,
    coords[b + 2]!,
    coords[b + 3]!
  )
}
