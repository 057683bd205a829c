import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  readTriggeringRun,
  type TriggeringRun
} from '../../src/action/triggering-run.js'
import { verifyCommentTarget } from '../../src/action/verify-comment-target.js'
import { GitHubRepo } from '../../src/github/github-repo.js'
import { FakeGitHub, USER_TOKEN } from '../github/fake-github.js'

const HEAD = 'ab'.repeat(20)
const OTHER = 'cd'.repeat(20)

function eventFile(data: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'labelgate-run-'))
  const file = path.join(dir, 'event.json')
  writeFileSync(file, JSON.stringify(data))
  return file
}

const forkRun: TriggeringRun = {
  id: 1,
  event: 'pull_request',
  headSha: HEAD,
  headBranch: 'patch-1',
  headRepository: 'Mallory/Labels',
  repository: 'acme/labels',
  pullRequests: []
}

describe('readTriggeringRun', () => {
  it('reads the workflow_run payload GitHub writes, SHAs lower-cased', () => {
    const run = readTriggeringRun({
      GITHUB_EVENT_NAME: 'workflow_run',
      GITHUB_EVENT_PATH: eventFile({
        workflow_run: {
          id: 9,
          event: 'pull_request',
          head_sha: HEAD.toUpperCase(),
          head_branch: 'patch-1',
          head_repository: { full_name: 'mallory/labels' },
          repository: { full_name: 'acme/labels' },
          pull_requests: [{ number: 3, head: { sha: HEAD } }]
        }
      })
    })
    expect(run).toEqual({
      id: 9,
      event: 'pull_request',
      headSha: HEAD,
      headBranch: 'patch-1',
      headRepository: 'mallory/labels',
      repository: 'acme/labels',
      pullRequests: [{ number: 3, headSha: HEAD }]
    })
  })

  it('refuses another event or a payload without the run', () => {
    expect(readTriggeringRun({ GITHUB_EVENT_NAME: 'pull_request' })).toEqual({
      error:
        'post-comment runs in a job triggered by workflow_run, not by "pull_request"'
    })
    expect(
      readTriggeringRun({
        GITHUB_EVENT_NAME: 'workflow_run',
        GITHUB_EVENT_PATH: eventFile({ workflow_run: { id: 1 } })
      })
    ).toEqual({
      error: expect.stringMatching(
        /^the workflow_run event payload lacks workflow_run\.event/
      )
    })
  })
})

describe('verifyCommentTarget', () => {
  let fake: FakeGitHub
  let github: GitHubRepo
  beforeAll(async () => {
    fake = await FakeGitHub.start()
    github = GitHubRepo.connect({
      repository: 'acme/labels',
      token: USER_TOKEN,
      timeoutSeconds: 30,
      client: { baseUrl: fake.url, retryAfterBaseMs: 1 }
    }) as GitHubRepo
    fake.addPull({
      number: 3,
      headSha: HEAD,
      headRef: 'patch-1',
      headRepo: 'mallory/labels'
    })
    fake.addPull({
      number: 4,
      headSha: HEAD,
      headRef: 'other',
      headRepo: 'mallory/labels'
    })
    fake.addPull({
      number: 5,
      headSha: OTHER,
      headRef: 'patch-1',
      headRepo: 'mallory/labels'
    })
  })
  afterAll(async () => {
    await fake.close()
  })

  it('accepts the PR whose head is the run’s, names compared without case', async () => {
    await expect(
      verifyCommentTarget(3, forkRun, github)
    ).resolves.toBeUndefined()
    expect(fake.violations).toEqual([])
  })

  it('refuses another branch, another commit, an issue, another repository', async () => {
    await expect(verifyCommentTarget(4, forkRun, github)).resolves.toBe(
      'PR #4 is for branch "other", but the triggering run was for "patch-1"'
    )
    await expect(verifyCommentTarget(5, forkRun, github)).resolves.toBe(
      `the head of PR #5 is ${OTHER.slice(0, 12)}, but the triggering run checked ${HEAD.slice(0, 12)}`
    )
    await expect(verifyCommentTarget(6, forkRun, github)).resolves.toBe(
      '#6 is not a pull request of acme/labels'
    )
    await expect(
      verifyCommentTarget(3, { ...forkRun, repository: 'evil/labels' }, github)
    ).resolves.toBe(
      'the triggering run belongs to "evil/labels", not acme/labels'
    )
  })

  it('cleans a hostile branch name in the reason to one printable line', async () => {
    const reason = await verifyCommentTarget(
      3,
      { ...forkRun, headBranch: 'x\u001b[2J\nALL PASSED' },
      github
    )
    expect(reason).toBe(
      'PR #3 is for branch "patch-1", but the triggering run was for "x?[2J?ALL PASSED"'
    )
  })
})
