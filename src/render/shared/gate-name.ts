import { metricLabel } from './metric-labels.js'
import { gateSubject } from './gate-detail.js'
import type { GateResult } from '../../report/types.js'

/**
 * A gate row named as the comment names it: the metric's readable name, then
 * the key it has under `gates:` in labelgate.yml (what a user searches the
 * config for), then who or what the row is about. Raw text; each renderer
 * escapes it. `Krippendorff's α (krippendorff_alpha)`,
 * `Accuracy per annotator (annotator.accuracy) · vendor_07`.
 */
export function gateName(
  g: GateResult,
  label: (metric: string) => string = metricLabel
): string {
  const subject = gateSubject(g)
  return (
    `${label(g.metric)} (${g.metric})` +
    (subject === null ? '' : ` · ${subject}`)
  )
}

/**
 * A gate's message with the row's subject taken off its front
 * (`vendor_07: 62.0% < min 85.0%` → `62.0% < min 85.0%`), for a place that
 * already names the subject.
 */
export function gateMessageWithoutSubject(g: GateResult): string {
  const subject = g.annotator ?? gateSubject(g)
  if (subject === null) return g.message
  const prefix = `${subject}: `
  return g.message.startsWith(prefix)
    ? g.message.slice(prefix.length)
    : g.message
}
