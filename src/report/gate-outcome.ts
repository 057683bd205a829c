import type { GateResult } from './types.js'

/** What a gate row means for the verdict, including `on_undefined`. */
export type GateOutcome = 'pass' | 'fail' | 'warn' | 'undefined-pass'

export function gateOutcome(gate: GateResult): GateOutcome {
  if (gate.status === 'pass') return 'pass'
  if (gate.status === 'not_applicable' || gate.status === 'too_few_items')
    return 'undefined-pass'
  if (gate.status === 'pre_existing') return 'warn'
  if (gate.status === 'undefined') {
    if (gate.on_undefined === 'pass') return 'undefined-pass'
    if (gate.on_undefined === 'warn') return 'warn'
  }
  return gate.severity === 'warning' ? 'warn' : 'fail'
}
