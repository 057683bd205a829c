// The cleaning lives with the other text utilities; errors use it too.
export { cleanText } from '../util/clean-text.js'
