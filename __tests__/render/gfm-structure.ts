import { Lexer, type Token, type Tokens } from 'marked'

/**
 * The elements GitHub keeps when it sanitizes rendered Markdown: the
 * `WHITELIST[:elements]` of html-pipeline's SanitizationFilter
 * (gjtorikian/html-pipeline, lib/html/pipeline/sanitization_filter.rb), the
 * filter GitHub published for its user content. Anything else is stripped,
 * so a tag outside this list would show as broken text or vanish.
 */
export const GITHUB_ALLOWED_ELEMENTS: ReadonlySet<string> = new Set(
  (
    'h1 h2 h3 h4 h5 h6 h7 h8 br b i strong em a pre code img tt ' +
    'div ins del sup sub p ol ul table thead tbody tfoot blockquote ' +
    'dl dt dd kbd q samp var hr ruby rt rp li tr td th s strike summary details'
  ).split(' ')
)

/** The one HTML comment a body may hold: the sticky comment's marker. */
const MARKER = '<!-- labelgate:report -->'

function lex(markdown: string): Token[] {
  return new Lexer({ gfm: true }).lex(markdown)
}

/** Every token of the tree, depth first (list items, table cells and inline tokens included). */
function* walk(tokens: readonly Token[]): Generator<Token> {
  for (const token of tokens) {
    yield token
    if (token.type === 'table') {
      const table = token as Tokens.Table
      for (const cell of [...table.header, ...table.rows.flat()])
        yield* walk(cell.tokens)
    }
    if (token.type === 'list') yield* walk((token as Tokens.List).items)
    if ('tokens' in token && Array.isArray(token.tokens))
      yield* walk(token.tokens)
  }
}

/**
 * A GFM table row has as many cells as the delimiter row or the table does
 * not parse. marked, like GitHub, pads or cuts a body row to the header's
 * width, so a row is checked on its own: under the table's delimiter row it
 * must parse as a table of the same width (the parser's own cell splitting,
 * with escaped pipes and code spans).
 */
function tableProblems(table: Tokens.Table): string[] {
  const width = table.header.length
  const lines = table.raw.split('\n').filter((l) => l.trim() !== '')
  const delimiter = lines[1]!
  const problems: string[] = []
  for (const [i, line] of lines.entries()) {
    if (i === 1) continue
    const alone = lex(`${line}\n${delimiter}\n`)
    const cells =
      alone[0]?.type === 'table' ? (alone[0] as Tokens.Table).header.length : 0
    if (cells !== width)
      problems.push(`table row without ${width} cells: ${line.slice(0, 80)}`)
  }
  return problems
}

/** Tag names in a piece of raw HTML, and whether it holds a comment. */
function htmlProblems(raw: string): string[] {
  const problems: string[] = []
  const rest = raw.replace(MARKER, '')
  if (rest.includes('<!--'))
    problems.push(`HTML comment: ${rest.trim().slice(0, 80)}`)
  for (const m of rest.matchAll(/<\/?([A-Za-z][A-Za-z0-9-]*)/g)) {
    const tag = m[1]!.toLowerCase()
    if (!GITHUB_ALLOWED_ELEMENTS.has(tag))
      problems.push(`<${tag}> is not kept by GitHub`)
  }
  return problems
}

/**
 * What in a comment body GitHub would not render as meant, by marked's GFM
 * token tree: table rows of the wrong width, table-looking lines that did not
 * parse as a table, HTML elements GitHub's sanitizer strips, HTML comments
 * other than the marker. Empty when the body is well formed.
 */
export function gfmStructureProblems(body: string): string[] {
  const problems: string[] = []
  for (const token of walk(lex(body))) {
    if (token.type === 'table')
      problems.push(...tableProblems(token as Tokens.Table))
    else if (token.type === 'html') problems.push(...htmlProblems(token.raw))
    else if (token.type === 'paragraph' && /^\s*\|.*\|\s*$/m.test(token.raw))
      problems.push(`a table that does not parse: ${token.raw.slice(0, 80)}`)
  }
  return problems
}
