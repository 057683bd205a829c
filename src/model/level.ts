/** Krippendorff's levels of measurement; they choose the distance between labels. */
export const LEVELS = ['nominal', 'ordinal', 'interval', 'ratio'] as const
export type Level = (typeof LEVELS)[number]

export function isNumericLevel(level: Level): boolean {
  return level === 'interval' || level === 'ratio'
}
