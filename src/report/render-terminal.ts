/** The terminal renderer lives in src/render/terminal; this keeps the old import path working. */
export {
  renderTerminal,
  type TerminalOptions
} from '../render/terminal/render-terminal.js'
