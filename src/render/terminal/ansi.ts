/** Styling for the terminal; with colour off every style returns its text unchanged. */
export interface Styles {
  green(text: string): string
  red(text: string): string
  yellow(text: string): string
  bold(text: string): string
  dim(text: string): string
}

export function styles(color: boolean): Styles {
  const sgr =
    (open: number, close: number) =>
    (text: string): string =>
      color && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text
  return {
    green: sgr(32, 39),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    bold: sgr(1, 22),
    dim: sgr(2, 22)
  }
}
