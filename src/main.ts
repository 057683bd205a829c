import { runAction } from './action/run-action.js'

/**
 * The GitHub Action entry: everything happens in `runAction`, which never
 * throws (failures become `core.setFailed`), so tests can import `run`.
 */
export async function run(): Promise<void> {
  await runAction()
}
