import { gateOutcome, type GateOutcome } from '../shared/gate-outcome.js'
import { details } from './markdown-details.js'
import { codeOrText, dataText } from './markdown-inline.js'
import { markdownTable } from './markdown-table.js'
import type { DatasetReport, GateResult } from '../../report/types.js'
import {
  attentionGates,
  OUTCOME_WORD,
  orderGates
} from '../shared/gate-order.js'
import { metricLabel } from '../shared/metric-labels.js'
import {
  gateBaseValue,
  gateDetail,
  gateSubject
} from '../shared/gate-detail.js'
import { gateValueText, thresholdText } from '../../metrics/units.js'
import { plural } from './verdict-block.js'

export const OUTCOME_ICON: Record<GateOutcome, string> = {
  pass: '✅',
  fail: '❌',
  warn: '⚠️',
  'undefined-pass': '➖',
  not_applicable: '➖',
  too_few_items: '➖',
  pre_existing: '⏸️'
}

/**
 * The gates of a dataset: failing rows, then warnings, then pre-existing
 * breaches, all shown; the gates that passed or could not apply folded
 * below (`passedRows` of them listed; 0 leaves only their count). A failing
 * row is never folded or counted away.
 */
export function gatesBlock(dataset: DatasetReport, passedRows: number): string {
  const gates = dataset.gates
  if (gates.length === 0) return '_No gates configured for this dataset._'
  const ordered = orderGates(gates)
  const open = attentionGates(ordered)
  const folded = [...ordered.notJudged, ...ordered.passed]
  const parts: string[] = []
  if (open.length > 0) parts.push(table(dataset, open))
  if (folded.length > 0) {
    const passed = gates.filter((g) => gateOutcome(g) === 'pass').length
    const others = gates.length - passed - open.length
    const title =
      `${open.length > 0 ? 'Other gates' : 'Gates'}: ${plural(passed, 'pass', 'pass')}` +
      (others > 0 ? `, ${formatNotJudged(ordered.notJudged)}` : '')
    if (passedRows === 0) parts.push(`_${title}._`)
    else {
      const shown = folded.slice(0, passedRows)
      const rest = folded.length - shown.length
      parts.push(
        details(
          title,
          table(dataset, shown) +
            (rest > 0
              ? `\n\n_and ${plural(rest, 'more row')} that passed or could not apply._`
              : '')
        )
      )
    }
  }
  return `**Gates**\n\n${parts.join('\n\n')}`
}

function formatNotJudged(rows: GateResult[]): string {
  const counts = new Map<string, number>()
  for (const g of rows) {
    const w = OUTCOME_WORD[gateOutcome(g)]
    counts.set(w, (counts.get(w) ?? 0) + 1)
  }
  return [...counts].map(([w, n]) => `${n} ${w}`).join(', ')
}

function table(dataset: DatasetReport, rows: GateResult[]): string {
  return markdownTable(
    ['Gate', 'Value', 'Threshold', 'Status', 'Detail'],
    rows.map((g) => {
      const outcome = gateOutcome(g)
      const name =
        `${metricLabel(g.metric)} <sub>${codeOrText(g.metric, 60)}</sub>` +
        (gateSubject(g) === null ? '' : ` · ${dataText(gateSubject(g)!, 60)}`)
      return [
        name,
        gateValueText(g, gateBaseValue(dataset, g)),
        thresholdText(g),
        `${OUTCOME_ICON[outcome]} ${OUTCOME_WORD[outcome]}`,
        dataText(gateDetail(dataset, g), 200)
      ]
    }),
    ['left', 'right', 'right', 'left', 'left']
  )
}
