import { afterEach, describe, expect, it } from '@jest/globals'
import { commentMarker } from '../../src/github/comment-marker.js'
import { ApiDeadlineExceeded } from '../../src/github/api-deadline.js'
import { GitHubRepo } from '../../src/github/github-repo.js'
import { FakeGitHub, USER_TOKEN } from './fake-github.js'

const HEAD = 'a'.repeat(40)

function connect(
  fake: FakeGitHub,
  timeoutSeconds: number,
  warnings: string[] = []
): GitHubRepo {
  const github = GitHubRepo.connect({
    repository: 'acme/labels',
    token: USER_TOKEN,
    timeoutSeconds,
    client: {
      baseUrl: fake.url,
      retryAfterBaseMs: 1,
      log: {
        debug: () => undefined,
        info: () => undefined,
        warn: (m) => warnings.push(m),
        error: () => undefined
      }
    }
  })
  if (!(github instanceof GitHubRepo)) throw new Error(github.warning)
  return github
}

const comment = {
  issueNumber: 3,
  body: 'report',
  marker: commentMarker(),
  mode: 'always' as const,
  passed: true
}

describe('GitHubRepo', () => {
  let fake: FakeGitHub | undefined
  afterEach(async () => {
    await fake?.close()
    fake = undefined
  })

  it('resolves owner and name once, and refuses an empty token or repository with a warning', () => {
    const none = GitHubRepo.connect({
      repository: 'acme/labels',
      token: '',
      timeoutSeconds: 60
    })
    expect(none).toEqual({
      warning: expect.stringMatching(/github-token input is empty.*unaffected/)
    })
    for (const repository of [undefined, '', 'acme', 'a/b/c', 'a b/c']) {
      expect(
        GitHubRepo.connect({ repository, token: 't', timeoutSeconds: 60 })
      ).toEqual({ warning: expect.stringMatching(/GITHUB_REPOSITORY/) })
    }
    const ok = GitHubRepo.connect({
      repository: 'acme/labels',
      token: 't',
      timeoutSeconds: 60
    }) as GitHubRepo
    expect([ok.owner, ok.repo, ok.fullName]).toEqual([
      'acme',
      'labels',
      'acme/labels'
    ])
  })

  it("reads a pull request's head (a fork's), valid against the OpenAPI description", async () => {
    fake = await FakeGitHub.start()
    fake.addPull({
      number: 3,
      headSha: HEAD,
      headRef: 'patch-1',
      headRepo: 'mallory/labels'
    })
    const head = await connect(fake, 60).pullRequestHead(3)
    expect(head).toEqual({
      number: 3,
      state: 'open',
      sha: HEAD,
      ref: 'patch-1',
      repository: 'mallory/labels'
    })
    await expect(connect(fake, 60).pullRequestHead(4)).rejects.toMatchObject({
      status: 404
    })
    expect(fake.violations).toEqual([])
  })

  it('gives up at the deadline on a server that never answers', async () => {
    fake = await FakeGitHub.start()
    fake.stall({ path: /./, mode: 'hang' })
    const result = await connect(fake, 0.3).upsertComment(comment)
    expect(result).toEqual({
      action: 'skipped',
      warning: expect.stringMatching(
        /^Could not write the comment on acme\/labels#3: the GitHub API did not answer within 0\.3 s \(api-timeout\)\. The gate result is unaffected\.$/
      )
    })
    await expect(connect(fake, 0.3).pullRequestHead(1)).rejects.toThrow(
      /did not answer/
    )
  })

  it('gives up at the deadline on a body that drips a byte at a time', async () => {
    fake = await FakeGitHub.start()
    fake.stall({ path: /\/comments/, mode: 'drip' })
    const github = connect(fake, 0.5)
    const result = await github.upsertComment(comment)
    expect(result.warning).toMatch(/did not answer within 0\.5 s/)
    // Every later request is refused at once: the deadline is for all API work.
    fake.unstall()
    await expect(github.pullRequestHead(1)).rejects.toBeInstanceOf(
      ApiDeadlineExceeded
    )
    expect(fake.comments(3)).toEqual([])
  })

  it.each([
    [
      'a secondary rate limit (403, retry-after)',
      403,
      'You have exceeded a secondary rate limit.',
      { 'retry-after': '3601' }
    ],
    [
      'a primary rate limit (429, reset in an hour)',
      429,
      'API rate limit exceeded for installation.',
      {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600)
      }
    ]
  ])(
    'does not wait out %s past the deadline',
    async (_, status, message, headers) => {
      fake = await FakeGitHub.start()
      fake.fail({ path: /\/comments/, status, message, headers })
      const warnings: string[] = []
      // The unit is 1 ms in this test: a wait of 3,601 units is 3.6 s, past 2 s.
      const github = connect(fake, 2, warnings)
      const result = await github.upsertComment(comment)
      expect(result.action).toBe('skipped')
      expect(result.warning).toMatch(
        new RegExp(
          `rate limit \\(${status}: .*\\)\\. The gate result is unaffected`
        )
      )
      expect(warnings).toEqual([
        expect.stringMatching(/not waiting \d+ s, past the 2 s API deadline/)
      ])
      expect(fake.requests).toHaveLength(1)
    }
  )
})
