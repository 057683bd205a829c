// One Markdown body as an HTML page that looks as GitHub shows it: GFM by
// marked, GitHub's own Markdown stylesheet (github-markdown-css, light theme),
// ```mermaid blocks drawn by Mermaid's browser bundle loaded from a local file
// (the page needs no network).
import { Marked } from 'marked'

/** Width of the text column of a PR comment on a desktop-wide GitHub page. */
export const COMMENT_WIDTH = 748
/** A job summary is shown wider, across the run page. */
export const SUMMARY_WIDTH = 1012

function escapeHtml(text) {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

/** marked with GFM, and ```mermaid blocks left for Mermaid to draw. */
export function gfm() {
  return new Marked({
    gfm: true,
    renderer: {
      code(token) {
        if (token.lang !== 'mermaid') return false
        return `<pre class="mermaid">${escapeHtml(token.text)}</pre>\n`
      }
    }
  })
}

/**
 * The page. `mermaidSrc` is the path of mermaid.min.js relative to the page.
 * When Mermaid is done (or at once, without a chart) the page sets
 * `data-height` on <body> to the rendered height of the body in px, which
 * the screenshot script reads from the DOM.
 */
export function htmlPage({ title, markdown, css, mermaidSrc, width, author }) {
  const body = gfm().parse(markdown)
  const hasChart = body.includes('<pre class="mermaid">')
  const measure = `
const done = () => {
  const el = document.querySelector('.markdown-body')
  document.body.dataset.height = String(Math.round(el.getBoundingClientRect().height))
}
${
  hasChart
    ? `mermaid.initialize({ startOnLoad: false, theme: 'default', securityLevel: 'strict' })
mermaid.run().then(done, (e) => { document.body.dataset.error = String(e); done() })`
    : 'done()'
}`
  return `<!doctype html>
<html lang="en" data-color-mode="light" data-light-theme="light">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
${css}
body { margin: 0; background: #fff; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
.timeline { width: ${width + 2 + 32}px; margin: 24px auto; }
.comment { border: 1px solid #d0d7de; border-radius: 6px; }
.comment-header { background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 8px 16px; font-size: 14px; color: #59636e; border-radius: 6px 6px 0 0; }
.comment-header b { color: #1f2328; }
.markdown-body { box-sizing: border-box; width: ${width + 32}px; padding: 16px; }
</style>
</head>
<body>
<div class="timeline">
<div class="comment">
<div class="comment-header"><b>${escapeHtml(author)}</b> commented</div>
<div class="markdown-body">
${body}
</div>
</div>
</div>
${hasChart ? `<script src="${escapeHtml(mermaidSrc)}"></script>` : ''}
<script>${measure}</script>
</body>
</html>
`
}
