/** The Markdown renderer lives in src/render/markdown; this keeps the old import path working. */
export {
  DEFAULT_MAX_LENGTH,
  REPORT_MARKER,
  renderMarkdown,
  SUMMARY_TRUNCATION_NOTE,
  TRUNCATION_NOTE,
  type MarkdownOptions
} from '../render/markdown/render-markdown.js'
