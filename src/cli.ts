import { main } from './cli/main.js'

/* istanbul ignore next */
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
