import { afterEach, describe, expect, it } from '@jest/globals'
import { commentMarker } from '../../src/github/comment-marker.js'
import {
  apiBaseUrl,
  createOctokit,
  DEFAULT_API_URL
} from '../../src/github/octokit.js'
import { upsertComment } from '../../src/github/sticky-comment.js'
import { FakeGitHub, USER_TOKEN } from './fake-github.js'

const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined
}

describe('apiBaseUrl', () => {
  it('defaults to api.github.com and follows GITHUB_API_URL', () => {
    expect(apiBaseUrl({})).toBe(DEFAULT_API_URL)
    expect(apiBaseUrl({ GITHUB_API_URL: '' })).toBe('https://api.github.com')
    expect(
      apiBaseUrl({ GITHUB_API_URL: 'https://ghe.example.com/api/v3/' })
    ).toBe('https://ghe.example.com/api/v3')
  })
})

describe('createOctokit', () => {
  const saved = process.env.GITHUB_API_URL
  let fake: FakeGitHub | undefined
  afterEach(async () => {
    if (saved === undefined) delete process.env.GITHUB_API_URL
    else process.env.GITHUB_API_URL = saved
    await fake?.close()
  })

  it('talks to GitHub Enterprise Server at GITHUB_API_URL', async () => {
    fake = await FakeGitHub.start({ prefix: '/api/v3' })
    process.env.GITHUB_API_URL = fake.url
    const octokit = createOctokit(USER_TOKEN, {
      retryAfterBaseMs: 1,
      log: quiet
    })
    const result = await upsertComment(octokit, {
      owner: 'corp',
      repo: 'labels',
      issueNumber: 2,
      body: 'report',
      marker: commentMarker(),
      mode: 'always',
      passed: true
    })
    expect(result.action).toBe('created')
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/corp/labels/issues/2/comments?per_page=100',
      'POST /repos/corp/labels/issues/2/comments'
    ])
    expect(fake.violations).toEqual([])
  })

  it('sends through the given fetch, with the token only in the header', async () => {
    fake = await FakeGitHub.start()
    const seen: string[] = []
    const recordingFetch: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers)
      seen.push(`${String(input)} ${headers.get('authorization')}`)
      return fetch(input, init)
    }
    const octokit = createOctokit(USER_TOKEN, {
      baseUrl: fake.url,
      request: { fetch: recordingFetch },
      log: quiet
    })
    const { data } = await octokit.rest.users.getAuthenticated()
    expect(data.login).toBe('labelgate-tester')
    expect(seen).toEqual([`${fake.url}/user token ${USER_TOKEN}`])
    expect(fake.violations).toEqual([])
  })
})
