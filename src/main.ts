/**
 * The GitHub Action entry. The pull-request gate (base/head from git, the sticky
 * comment, annotations) arrives with the GitHub issue; until then the action
 * runs the same check as the CLI on the working tree and fails on a breach.
 */
export async function run(): Promise<void> {
  const { runAction } = await import('./action/run-action.js')
  await runAction()
}
