/**
 * GitHub Actions workflow commands (`::error file=a.csv,line=3::message`),
 * written as text so that the CLI can annotate a run without `@actions/*`.
 * The runner reads one command per line; its escaping rules (as in
 * `@actions/core`): in the message `%`, CR and LF are percent-encoded; in a
 * property value also `:` and `,`, which would end the value.
 */
export type CommandKind = 'error' | 'warning' | 'notice'

/** The message part of a command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** A property value (file, title, ...). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** Properties an annotation may carry; absent ones are left out. */
export interface CommandProperties {
  file?: string
  line?: number
  title?: string
}

/** One workflow command line (no trailing newline). */
export function workflowCommand(
  kind: CommandKind,
  properties: CommandProperties,
  message: string
): string {
  const props: string[] = []
  if (properties.file !== undefined && properties.file !== '') {
    props.push(`file=${escapeProperty(properties.file)}`)
  }
  if (properties.line !== undefined && properties.line > 0) {
    props.push(`line=${properties.line}`)
  }
  if (properties.title !== undefined) {
    props.push(`title=${escapeProperty(properties.title)}`)
  }
  const head = props.length > 0 ? `::${kind} ${props.join(',')}` : `::${kind}`
  return `${head}::${escapeData(message)}`
}
