/** Reported in the JSON report and `--version`; keep in step with package.json. */
export const VERSION = '0.1.0'
