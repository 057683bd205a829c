import { CST, Lexer } from 'yaml'

/**
 * yaml runs out of stack, and then of memory (a crash, not an exception), on
 * collections nested thousands deep: brackets (`[[[[...`) or block indicators
 * (`- - - - ...` on one line, or ever deeper indentation). No config needs more
 * than a few levels. Lexing first is cheap, recursion-free, and sees brackets
 * and indicators only where YAML does (not inside quoted or block scalars).
 */
export const MAX_FLOW_DEPTH = 64

/** The same bound for block nesting: indentation levels plus indicators on a line. */
export const MAX_BLOCK_DEPTH = 64

/** Where and how a text nests too deeply. */
export interface TooDeep {
  offset: number
  kind: 'brackets' | 'blocks'
}

/** The first place past MAX_FLOW_DEPTH brackets or MAX_BLOCK_DEPTH block levels, if any. */
export function tooDeeplyNested(text: string): TooDeep | undefined {
  let depth = 0
  let offset = 0
  // Indentation of the enclosing block lines, innermost last.
  const indents: number[] = []
  let atLineStart = true
  let indent = 0
  let indicators = 0
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
    if (depth > MAX_FLOW_DEPTH) return { offset, kind: 'brackets' }

    if (atLineStart) {
      if (/^ +$/.test(token)) {
        indent = token.length
        offset += token.length
        continue
      }
      // Blank and comment-only lines open no block.
      if (token !== '\n' && !token.startsWith('#')) {
        while (indents.length > 0 && indents[indents.length - 1]! >= indent)
          indents.pop()
        indents.push(indent)
        indicators = 0
        atLineStart = false
      }
    }
    if (depth === 0 && (token === '-' || token === '?' || token === ':')) {
      indicators += 1
      if (indents.length + indicators > MAX_BLOCK_DEPTH)
        return { offset, kind: 'blocks' }
    }
    if (token.endsWith('\n')) {
      atLineStart = true
      indent = 0
    }
    offset += token.length
  }
  return undefined
}
