// `npm run preview [-- --out DIR]`: the PR comment and the job summary of each
// scenario of the renderer tests (__tests__/render/scenarios.ts, built from the
// sample reports in __fixtures__/report) as HTML pages rendered as GitHub
// renders them, with an index page. Open DIR/index.html in a browser.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { register } from 'node:module'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { COMMENT_WIDTH, htmlPage, SUMMARY_WIDTH } from './page.mjs'

register('./ts-hooks.mjs', import.meta.url)

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const require = createRequire(import.meta.url)

/** The options the action gives the renderer (src/action/comment-body.ts, run-action.ts). */
export const REPOSITORY_URL = 'https://github.com/owner/repo'
export const SUMMARY_URL = 'https://github.com/owner/repo/actions/runs/1'
const SUMMARY_LIMIT = 1_000_000

/** Comment and job summary Markdown of every scenario, by scenario name. */
export async function renderScenarios(
  renderer = join(ROOT, 'src/render/markdown/render-markdown.ts')
) {
  const { SCENARIOS } = await import(
    join(ROOT, '__tests__/render/scenarios.ts')
  )
  const { renderMarkdown } = await import(renderer)
  return Object.entries(SCENARIOS).map(([name, build]) => ({
    name,
    comment: renderMarkdown(build(), {
      summaryUrl: SUMMARY_URL,
      repositoryUrl: REPOSITORY_URL
    }),
    summary: renderMarkdown(build(), {
      maxLength: SUMMARY_LIMIT,
      target: 'summary',
      repositoryUrl: REPOSITORY_URL
    })
  }))
}

function escapeHtml(text) {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;')
}

/**
 * Writes the pages and index.html to `out`; returns the scenarios written.
 * `renderer` is the module with `renderMarkdown` (another checkout's, to compare).
 */
export async function writePreview(out, renderer) {
  mkdirSync(out, { recursive: true })
  // process.cwd() is the repository root for the fixtures' paths.
  process.chdir(ROOT)
  const css = readFileSync(
    require.resolve('github-markdown-css/github-markdown-light.css'),
    'utf8'
  )
  const mermaidSrc = relative(
    out,
    require.resolve('mermaid/dist/mermaid.min.js')
  )
    .split('\\')
    .join('/')
  const scenarios = await renderScenarios(renderer)
  const rows = []
  for (const { name, comment, summary } of scenarios) {
    writeFileSync(join(out, `${name}.comment.md`), comment)
    writeFileSync(
      join(out, `${name}.comment.html`),
      htmlPage({
        title: `${name}: PR comment`,
        markdown: comment,
        css,
        mermaidSrc,
        width: COMMENT_WIDTH,
        author: 'github-actions bot'
      })
    )
    writeFileSync(
      join(out, `${name}.summary.html`),
      htmlPage({
        title: `${name}: job summary`,
        markdown: summary,
        css,
        mermaidSrc,
        width: SUMMARY_WIDTH,
        author: 'labelgate job summary'
      })
    )
    rows.push(
      `<tr><td>${escapeHtml(name)}</td><td><a href="${name}.comment.html">comment</a> (<a href="${name}.comment.md">md</a>)</td>` +
        `<td align="right">${comment.length.toLocaleString('en')}</td><td align="right">${comment.split('\n').length}</td>` +
        `<td><a href="${name}.summary.html">job summary</a></td><td align="right">${summary.length.toLocaleString('en')}</td></tr>`
    )
  }
  writeFileSync(
    join(out, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>labelgate comment preview</title>
<style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 10px;border-bottom:1px solid #ddd}</style></head><body>
<h1>labelgate: the PR comment and job summary, rendered</h1>
<p>Scenarios of <code>__tests__/render/scenarios.ts</code>; comment width ${COMMENT_WIDTH} px, light theme. Made by <code>npm run preview</code>.</p>
<table><tr><th>scenario</th><th>comment</th><th>characters</th><th>lines</th><th>summary</th><th>characters</th></tr>
${rows.join('\n')}
</table></body></html>
`
  )
  return scenarios
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out')
  const out = resolve(i > 0 ? process.argv[i + 1] : join(ROOT, 'preview'))
  const names = await writePreview(out)
  console.log(
    `wrote ${names.length} comments and job summaries to ${join(out, 'index.html')}`
  )
}
