import { CST, Lexer } from 'yaml'

/**
 * yaml runs out of stack, and then of memory (a crash, not an exception), on
 * flow collections nested tens of thousands deep; no config needs more than a
 * few. Lexing first is cheap and sees brackets only where YAML does.
 */
export const MAX_FLOW_DEPTH = 64

/** The offset of the first bracket past MAX_FLOW_DEPTH, if any. */
export function tooDeeplyNested(text: string): number | undefined {
  let depth = 0
  let offset = 0
  for (const token of new Lexer().lex(text)) {
    // The lexer's own markers take no room in the text.
    if (
      token === CST.DOCUMENT ||
      token === CST.SCALAR ||
      token === CST.FLOW_END
    )
      continue
    if (token === '[' || token === '{') depth += 1
    else if (token === ']' || token === '}') depth -= 1
    if (depth > MAX_FLOW_DEPTH) return offset
    offset += token.length
  }
  return undefined
}
