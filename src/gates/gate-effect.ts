import type { GateResult } from '../report/types.js'

/**
 * What a gate row does to the verdict: an error, a warning, or nothing.
 * `pass`, `not_applicable` and `too_few_items` never count; `pre_existing`
 * is a warning (a gate with `pre_existing: fail` reports `fail` instead);
 * `undefined` follows the row's `on_undefined`; `fail` has the gate's severity.
 */
export function gateEffect(result: GateResult): 'error' | 'warning' | null {
  switch (result.status) {
    case 'pass':
    case 'not_applicable':
    case 'too_few_items':
      return null
    case 'pre_existing':
      return 'warning'
    case 'undefined':
      if (result.on_undefined === 'pass') return null
      if (result.on_undefined === 'warn') return 'warning'
      return result.severity
    case 'fail':
      return result.severity
  }
}
