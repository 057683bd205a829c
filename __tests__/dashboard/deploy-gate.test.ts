import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'yaml'
import { GIT_ENV, git } from '../action/git-fixture.js'
import { runCli } from '../helpers/run-cli.js'
import { makeHistoryFixture, type HistoryFixture } from './history-fixture.js'

const SCRIPT = path.resolve('examples/workflows/labels-commit.sh')
let fixture: HistoryFixture
let tmp: string

beforeAll(async () => {
  // Label versions 1..4: the first passes every gate, the last breaches them.
  fixture = await makeHistoryFixture(4)
  tmp = await mkdtemp(path.join(tmpdir(), 'labelgate-deploy-'))
})

afterAll(async () => {
  await rm(fixture.repo, { recursive: true, force: true })
  await rm(tmp, { recursive: true, force: true })
})

/** The workflow's first step: the script on a metadata file, in the repository. */
async function labelsCommit(
  metadata: unknown,
  branch = 'main'
): Promise<{ code: number; output: string; stdout: string }> {
  const file = path.join(tmp, 'metadata.json')
  const output = path.join(tmp, `output-${Math.random()}`)
  await writeFile(file, JSON.stringify(metadata))
  await writeFile(output, '')
  try {
    const { stdout } = await promisify(execFile)(
      'bash',
      [SCRIPT, file, branch],
      {
        cwd: fixture.repo,
        env: { ...GIT_ENV, GITHUB_OUTPUT: output }
      }
    )
    return { code: 0, output: await readFile(output, 'utf8'), stdout }
  } catch (error) {
    const e = error as { code: number; stdout: string }
    return {
      code: e.code,
      output: await readFile(output, 'utf8'),
      stdout: e.stdout
    }
  }
}

/** The second step: the check of that commit, as the action's `head` input runs it. */
async function gate(sha: string): Promise<number> {
  return (await runCli(fixture.repo, ['check', '--head', sha, '--quiet'])).code
}

describe('the deployment gate example', () => {
  it('lets a model trained on a passing label version deploy', async () => {
    expect(fixture.reports[0]!.passed).toBe(true)
    const sha = fixture.commits[0]!
    const step = await labelsCommit({ labels_commit: sha, f1: 0.9 })
    expect(step).toMatchObject({ code: 0, output: `sha=${sha}\n` })
    expect(await gate(sha)).toBe(0)
  })

  it('stops a model trained on a label version that breached a gate', async () => {
    expect(fixture.reports.at(-1)!.passed).toBe(false)
    const sha = fixture.commits.at(-1)!
    const step = await labelsCommit({ labels_commit: sha })
    expect(step.code).toBe(0)
    expect(await gate(sha)).toBe(1)
  })

  it('refuses a labels_commit that is not a full SHA, not a commit, or not on the branch', async () => {
    const short = await labelsCommit({
      labels_commit: fixture.commits[0]!.slice(0, 7)
    })
    expect(short.code).toBe(1)
    expect(short.stdout).toMatch(
      /^::error file=.*::labels_commit must be a full 40-character/
    )
    expect(short.output).toBe('')
    const injected = await labelsCommit({ labels_commit: '$(touch pwned)' })
    expect(injected.code).toBe(1)
    expect(injected.stdout).not.toContain('$(touch')
    const absent = await labelsCommit({ labels_commit: 'f'.repeat(40) })
    expect(absent.code).toBe(1)
    expect(absent.stdout).toMatch(/is not a commit of this repository/)
    await git(
      fixture.repo,
      'checkout',
      '--quiet',
      '-b',
      'side',
      fixture.commits[1]!
    )
    await writeFile(path.join(fixture.repo, 'side.txt'), 'x\n')
    await git(fixture.repo, 'add', 'side.txt')
    await git(fixture.repo, 'commit', '--quiet', '-m', 'unreviewed labels')
    const side = await git(fixture.repo, 'rev-parse', 'HEAD')
    await git(fixture.repo, 'checkout', '--quiet', 'main')
    const unreviewed = await labelsCommit({ labels_commit: side })
    expect(unreviewed.code).toBe(1)
    expect(unreviewed.stdout).toMatch(/is not on main/)
  })

  it('makes the deploy job need the labels job, which checks that commit', async () => {
    const workflow = parse(
      await readFile('examples/workflows/deploy-model.yml', 'utf8')
    ) as {
      jobs: Record<
        string,
        {
          needs?: string
          steps: { uses?: string; with?: Record<string, string> }[]
        }
      >
    }
    expect(workflow.jobs.deploy!.needs).toBe('labels')
    const check = workflow.jobs.labels!.steps.find((s) =>
      s.uses?.startsWith('labelgate/labelgate@')
    )!
    expect(check.with!.head).toBe('${{ steps.labels.outputs.sha }}')
  })
})
