import packageJson from '../package.json' with { type: 'json' }

/**
 * Reported in the JSON report and by `--version`. package.json is the one
 * place the version is written: rollup inlines it into the bundles, so the
 * CLI, the action and the npm package always agree with the release tag.
 */
export const VERSION: string = packageJson.version
