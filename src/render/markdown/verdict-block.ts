import { formatCount } from '../shared/format-number.js'
import { codeOrText, dataText, idText } from './markdown-inline.js'
import { shortRef } from '../shared/short-ref.js'
import type { GateResult, Report } from '../../report/types.js'
import { metricLabel } from '../shared/metric-labels.js'
import { gateSubject, madeWorseClause } from '../shared/gate-detail.js'
import {
  changeText,
  gateValueText,
  levelText,
  NBSP,
  thresholdText
} from '../../metrics/units.js'
import type { Verdict, VerdictReason } from '../shared/verdict.js'
import { locationLink, type LinkTarget } from './problems-block.js'

/** Reasons named in the verdict; the gates table has the rest. */
const REASONS_SHOWN = 6

/**
 * The heading and the verdict under it: why (failing gates with value vs
 * threshold, data errors by kind with counts), who or what drives it, and
 * the next step. Data strings are escaped.
 */
export function verdictBlock(
  report: Report,
  verdict: Verdict,
  target: LinkTarget
): string {
  const lines = [heading(verdict), '', context(report)]
  const why = whyLines(verdict, target)
  if (why.length > 0) lines.push('', ...why)
  const drivers = driverLine(verdict)
  if (drivers !== null) lines.push('', drivers)
  const next = nextLine(verdict, target)
  if (next !== null) lines.push('', next)
  const soft = softLine(verdict)
  if (soft !== null) lines.push('', soft)
  return lines.join('\n')
}

/** `## ❌ labelgate failed: 3 gates, 4 data errors`. */
export function heading(v: Verdict): string {
  if (v.passed) {
    const warn =
      v.warningGates + v.dataWarnings > 0
        ? ` with ${plural(v.warningGates + v.dataWarnings, 'warning')}`
        : ''
    return `## ✅ labelgate passed${warn}`
  }
  const parts: string[] = []
  if (v.failingGates > 0) parts.push(plural(v.failingGates, 'gate'))
  if (v.dataErrors > 0) parts.push(plural(v.dataErrors, 'data error'))
  return `## ❌ labelgate failed${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`
}

function context(report: Report): string {
  const n = report.datasets.length
  const head = codeOrText(shortRef(report.head))
  const range =
    report.base === null
      ? `head ${head} (no base)`
      : `base ${codeOrText(shortRef(report.base))} → head ${head}`
  const source =
    report.config.source === 'file' ? 'given file' : report.config.source
  return `<sub>${plural(n, 'dataset')} · ${range} · config ${codeOrText(report.config.path)} (from the ${source})</sub>`
}

/**
 * A gate's value as its threshold reads it: a level, or for a `max_drop`
 * gate the change with the levels it runs between (`Δ -0.102 (0.842 →
 * 0.740)`), so the line says by how much without the table.
 */
function changeOf(g: GateResult, base: number | null): string {
  if (
    g.bound === 'max_decline' &&
    g.trend_best !== undefined &&
    g.value !== null
  ) {
    const n = g.trend_best.versions
    return `Δ${NBSP}${gateValueText(g, base)} from the best of the last ${n} version${n === 1 ? '' : 's'} (${levelText(g.metric, g.trend_best.value)} → ${levelText(g.metric, g.value)})`
  }
  if (g.bound !== 'max_drop') return gateValueText(g, base)
  const change = `Δ${NBSP}${gateValueText(g, base)}`
  if (g.metric === 'annotator.drift' || base === null || g.value === null)
    return change
  return `${change} (${levelText(g.metric, base)} → ${levelText(g.metric, g.value)})`
}

function whyLines(v: Verdict, target: LinkTarget): string[] {
  const lines: string[] = []
  const many = new Set(v.reasons.map((r) => r.dataset)).size > 1
  for (const r of v.reasons.slice(0, REASONS_SHOWN)) {
    const g = r.gate
    const where = many ? `**${dataText(r.dataset, 40)}** · ` : ''
    const subject = gateSubject(g)
    const who = reasonSubject(r.rows, g, subject)
    const worse = madeWorseClause(g)
    const value =
      g.value === null
        ? dataText(g.message, 160)
        : `${changeOf(g, r.base)}, needs ${thresholdText(g)}${worse === null ? '' : ` (${dataText(worse, 120)})`}`
    lines.push(`- ❌ ${where}${metricLabel(g.metric)}${who}: ${value}`)
  }
  if (v.reasons.length > REASONS_SHOWN) {
    lines.push(
      `- ❌ and ${plural(v.reasons.length - REASONS_SHOWN, 'more failing gate')} (below)`
    )
  }
  if (v.dataErrors > 0) {
    const kinds = v.errorKinds.slice(0, 3).map((k) => {
      const at = k.examples[0]
      return `${formatCount(k.count)} × ${dataText(k.count === 1 ? k.message : k.kind, 90)}${at === undefined ? '' : ` (${locationLink(at, target)})`}`
    })
    const rest =
      v.errorKinds.length > 3
        ? `; ${plural(v.errorKinds.length - 3, 'more kind')}`
        : ''
    lines.push(
      `- ❌ ${plural(v.dataErrors, 'data error')}: ${kinds.join('; ')}${rest}`
    )
  }
  return lines
}

/**
 * Who a grouped reason is about: one row names its annotator or slice; more
 * name how many and the worst, so a line never reads as one failure when the
 * heading counts several.
 */
function reasonSubject(
  rows: number,
  g: VerdictReason['gate'],
  subject: string | null
): string {
  if (subject === null) return ''
  if (rows === 1) return `: ${dataText(subject, 60)}`
  if (g.annotator !== undefined)
    return `: ${formatCount(rows)} annotators, worst ${idText(g.annotator, 40)}`
  if (g.slice !== undefined && g.metric.startsWith('slice_gap.')) {
    return `: ${formatCount(rows)} slice columns, widest ${dataText(subject, 60)}`
  }
  if (g.slice !== undefined)
    return `: ${formatCount(rows)} slices, worst ${dataText(subject, 60)}`
  return `: ${dataText(subject, 60)}`
}

function driverLine(v: Verdict): string | null {
  const parts = v.contributors.map((c) => {
    const items = c.items
      .map((i) => `${dataText(i.name, 30)} (${changeText(c.metric, i.change)})`)
      .join(', ')
    return c.what === 'annotators' ? `annotators ${items}` : `classes ${items}`
  })
  return parts.length === 0 ? null : `**Driven by:** ${parts.join(' · ')}`
}

function nextLine(v: Verdict, target: LinkTarget): string | null {
  const steps: string[] = []
  for (const s of v.nextSteps) {
    if (s.kind === 'migrate') {
      steps.push(
        `run \`labelgate migrate\`: ${s.labels
          .slice(0, 3)
          .map((l) => `'${dataText(l, 30)}'`)
          .join(
            ', '
          )} ${s.labels.length === 1 ? 'is an old name' : 'are old names'} of migrated categories`
      )
    } else if (s.kind === 'fix') {
      steps.push(`fix ${locationLink(s.location, target)}`)
    } else {
      steps.push(
        `decide the ${plural(s.items, 'queued item')} in the adjudication file (the action's \`adjudication\` output)`
      )
    }
  }
  const unique = [...new Set(steps)].slice(0, 4)
  return unique.length === 0 ? null : `**Next:** ${unique.join(' · ')}`
}

function softLine(v: Verdict): string | null {
  const parts: string[] = []
  if (v.warningGates > 0)
    parts.push(`⚠️ ${plural(v.warningGates, 'gate warning')}`)
  if (v.dataWarnings > 0)
    parts.push(`⚠️ ${plural(v.dataWarnings, 'data warning')}`)
  if (v.preExistingGates > 0) {
    parts.push(
      `⏸️ ${plural(v.preExistingGates, 'pre-existing breach', 'pre-existing breaches')} (already at the base, not made worse)`
    )
  }
  if (v.preExistingErrors > 0) {
    parts.push(
      `⏸️ ${plural(v.preExistingErrors, 'pre-existing data error')} (already at the base)`
    )
  }
  return parts.length === 0 ? null : parts.join(' · ')
}

export function plural(
  n: number,
  singular: string,
  pluralForm = `${singular}s`
): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`
}
