import type { GateResult } from '../../report/types.js'

/**
 * What a gate row means for the verdict, including `on_undefined`. The
 * outcomes that never fail (`not_applicable`, `too_few_items`,
 * `pre_existing`) keep their own names so that every output can show them
 * apart from failures.
 */
export type GateOutcome =
  | 'pass'
  | 'fail'
  | 'warn'
  | 'undefined-pass'
  | 'not_applicable'
  | 'too_few_items'
  | 'pre_existing'

export function gateOutcome(gate: GateResult): GateOutcome {
  switch (gate.status) {
    case 'pass':
      return 'pass'
    case 'not_applicable':
    case 'too_few_items':
    case 'pre_existing':
      return gate.status
    case 'undefined':
      if (gate.on_undefined === 'pass') return 'undefined-pass'
      if (gate.on_undefined === 'warn') return 'warn'
      break
    case 'fail':
      break
  }
  return gate.severity === 'warning' ? 'warn' : 'fail'
}
