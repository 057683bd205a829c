import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { commentMarker } from '../../src/github/comment-marker.js'
import { COMMENT_CUT_NOTE } from '../../src/github/comment-size.js'
import { createOctokit, type OctokitLog } from '../../src/github/octokit.js'
import {
  upsertComment,
  type UpsertCommentRequest
} from '../../src/github/sticky-comment.js'
import {
  ACTIONS_TOKEN,
  FakeGitHub,
  USER_LOGIN,
  USER_TOKEN
} from './fake-github.js'

const OWNER = 'acme'
const REPO = 'labels'
const PR = 7
const MARKER = commentMarker()

let fake: FakeGitHub
let logged: string[]

beforeEach(async () => {
  fake = await FakeGitHub.start()
  logged = []
})

afterEach(async () => {
  await fake.close()
})

const recordingLog: OctokitLog = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message) => logged.push(message),
  error: (message) => logged.push(message)
}

/** A client as one action run would make it, with waits shrunk to 1 ms. */
function client(token = USER_TOKEN) {
  return createOctokit(token, {
    baseUrl: fake.url,
    retryAfterBaseMs: 1,
    log: recordingLog
  })
}

function report(text: string, passed = false): UpsertCommentRequest {
  return {
    owner: OWNER,
    repo: REPO,
    issueNumber: PR,
    body: `${MARKER}\n## labelgate\n\n${text}\n`,
    marker: MARKER,
    mode: 'always',
    passed
  }
}

describe('upsertComment', () => {
  it('creates the comment once, then updates it in place', async () => {
    const first = await upsertComment(client(), report('kappa 0.61'))
    expect(first.action).toBe('created')
    expect(first.url).toMatch(
      /^https:\/\/github\.com\/acme\/labels\/pull\/7#issuecomment-\d+$/
    )

    const second = await upsertComment(client(), report('kappa 0.72'))
    expect(second).toEqual({ action: 'updated', url: first.url })
    const stored = fake.comments(PR)
    expect(stored).toHaveLength(1)
    expect(stored[0].body).toContain('kappa 0.72')
    expect(stored[0].body).not.toContain('kappa 0.61')
    expect(stored[0].login).toBe(USER_LOGIN)
    expect(fake.count('POST')).toBe(1)
    expect(fake.count('PATCH')).toBe(1)
    expect(fake.violations).toEqual([])
  })

  it('sends nothing when the body is unchanged', async () => {
    await upsertComment(client(), report('same'))
    const result = await upsertComment(client(), report('same'))
    expect(result.action).toBe('unchanged')
    expect(result.url).toBeDefined()
    expect(fake.count('PATCH')).toBe(0)
    expect(fake.violations).toEqual([])
  })

  it('finds its comment on page 3 of 250 comments', async () => {
    for (let i = 0; i < 230; i++) fake.addComment(PR, `chatter ${i}`, 'alice')
    const ours = fake.addComment(PR, `${MARKER}\nold report`, USER_LOGIN)
    for (let i = 0; i < 19; i++) fake.addComment(PR, `more ${i}`, 'bob')
    expect(fake.comments(PR)).toHaveLength(250)

    const result = await upsertComment(client(), report('new report'))
    expect(result.action).toBe('updated')
    expect(ours.body).toContain('new report')
    const pages = fake.requests
      .filter((r) => r.operationId === 'issues/list-comments')
      .map((r) => new URL(r.path, 'http://x').searchParams)
    expect(pages.map((q) => q.get('per_page'))).toEqual(['100', '100', '100'])
    expect(pages.map((q) => q.get('page') ?? '1')).toEqual(['1', '2', '3'])
    expect(fake.count('POST')).toBe(0)
    expect(fake.violations).toEqual([])
  })

  it("ignores another user's comment that carries the marker", async () => {
    const theirs = fake.addComment(PR, `${MARKER}\ncopied report`, 'mallory')
    const result = await upsertComment(client(), report('ours'))
    expect(result.action).toBe('created')
    expect(theirs.body).toBe(`${MARKER}\ncopied report`)
    expect(fake.comments(PR)).toHaveLength(2)
    expect(fake.violations).toEqual([])
  })

  it('ignores the marker anywhere but on the first line', async () => {
    fake.addComment(PR, `> quoting\n> ${MARKER}`, USER_LOGIN)
    const result = await upsertComment(client(), report('ours'))
    expect(result.action).toBe('created')
    expect(fake.comments(PR)).toHaveLength(2)
    expect(fake.violations).toEqual([])
  })

  it('falls back to github-actions[bot] when GET /user is forbidden', async () => {
    const ours = fake.addComment(PR, `${MARKER}\nold`, 'github-actions[bot]')
    fake.addComment(PR, `${MARKER}\nnot ours`, USER_LOGIN)

    const result = await upsertComment(client(ACTIONS_TOKEN), report('new'))
    expect(result.action).toBe('updated')
    expect(ours.body).toContain('new')
    const user = fake.requests.find(
      (r) => r.operationId === 'users/get-authenticated'
    )
    expect(user?.status).toBe(403)
    expect(fake.comments(PR).map((c) => c.body)).toEqual([
      expect.stringContaining('new'),
      `${MARKER}\nnot ours`
    ])
    expect(fake.violations).toEqual([])
  })

  it('keeps two markers with different ids apart', async () => {
    const a = commentMarker('labels/a.yml')
    const b = commentMarker('labels/b.yml')
    await upsertComment(client(), { ...report('config a'), marker: a })
    await upsertComment(client(), { ...report('config b'), marker: b })
    const updated = await upsertComment(client(), {
      ...report('config a again'),
      marker: a
    })
    expect(updated.action).toBe('updated')
    const bodies = fake.comments(PR).map((c) => c.body)
    expect(bodies).toHaveLength(2)
    expect(bodies[0].startsWith(`${a}\n`)).toBe(true)
    expect(bodies[0]).toContain('config a again')
    expect(bodies[1].startsWith(`${b}\n`)).toBe(true)
    expect(bodies[1]).toContain('config b')
    expect(fake.violations).toEqual([])
  })

  it('on-failure: creates nothing while passing and none exists', async () => {
    const result = await upsertComment(client(), {
      ...report('all green', true),
      mode: 'on-failure'
    })
    expect(result).toEqual({ action: 'skipped' })
    expect(fake.comments(PR)).toHaveLength(0)
    expect(fake.count('POST')).toBe(0)
    expect(fake.violations).toEqual([])
  })

  it('on-failure: creates when failing, updates when the PR turns green', async () => {
    const failing = await upsertComment(client(), {
      ...report('kappa 0.4', false),
      mode: 'on-failure'
    })
    expect(failing.action).toBe('created')
    const green = await upsertComment(client(), {
      ...report('kappa 0.8', true),
      mode: 'on-failure'
    })
    expect(green.action).toBe('updated')
    expect(fake.comments(PR)).toHaveLength(1)
    expect(fake.comments(PR)[0].body).toContain('kappa 0.8')
    expect(fake.violations).toEqual([])
  })

  it('never: makes no request at all', async () => {
    const result = await upsertComment(client(), {
      ...report('x'),
      mode: 'never'
    })
    expect(result).toEqual({ action: 'skipped' })
    expect(fake.requests).toHaveLength(0)
    expect(fake.violations).toEqual([])
  })

  it('returns a warning, not an error, on 403 when creating', async () => {
    fake.fail({ method: 'POST', path: /\/issues\/7\/comments$/, status: 403 })
    const result = await upsertComment(client(), report('fork PR'))
    expect(result.action).toBe('skipped')
    expect(result.warning).toContain(
      'Could not create the comment on acme/labels#7'
    )
    expect(result.warning).toContain('403')
    expect(result.warning).toContain('Resource not accessible by integration')
    expect(result.warning).toContain('two-workflow pattern')
    expect(fake.comments(PR)).toHaveLength(0)
    expect(fake.count('POST')).toBe(1) // a 403 is not retried
    expect(fake.violations).toEqual([])
  })

  it('returns a warning on 404 when listing (no access)', async () => {
    fake.fail({ method: 'GET', path: /\/comments/, status: 404 })
    const result = await upsertComment(client(), report('x'))
    expect(result.action).toBe('skipped')
    expect(result.warning).toMatch(
      /^Could not list the comments of acme\/labels#7 \(404: Not Found/
    )
    expect(result.warning).toContain('two-workflow pattern')
    expect(fake.violations).toEqual([])
  })

  it('retries a 500 twice and then updates', async () => {
    const ours = fake.addComment(PR, `${MARKER}\nold`, USER_LOGIN)
    fake.fail({ method: 'PATCH', path: /./, status: 500, times: 2 })
    const result = await upsertComment(client(), report('after outage'))
    expect(result.action).toBe('updated')
    expect(result.warning).toBeUndefined()
    expect(ours.body).toContain('after outage')
    expect(
      fake.requests.filter((r) => r.method === 'PATCH').map((r) => r.status)
    ).toEqual([500, 500, 200])
    expect(fake.violations).toEqual([])
  })

  it('gives up with a warning when 5xx persists after retries', async () => {
    fake.fail({
      method: 'GET',
      path: /\/comments/,
      status: 502,
      message: 'Bad Gateway'
    })
    const result = await upsertComment(client(), report('x'))
    expect(result.action).toBe('skipped')
    expect(result.warning).toContain('(502: Bad Gateway')
    expect(result.warning).not.toContain('two-workflow')
    expect(fake.count('GET')).toBe(4) // one try and three retries
    expect(fake.violations).toEqual([])
  })

  it('cuts an oversized body to the limit with a note the fake accepts', async () => {
    const huge = report('| row | value |\n'.repeat(6000))
    expect(huge.body.length).toBeGreaterThan(65_536)
    const result = await upsertComment(client(), huge)
    expect(result.action).toBe('created')
    const [stored] = fake.comments(PR)
    expect(stored.body.length).toBeLessThanOrEqual(65_536)
    expect(stored.body.startsWith(`${MARKER}\n`)).toBe(true)
    expect(stored.body.trimEnd().endsWith(COMMENT_CUT_NOTE)).toBe(true)
    expect(fake.violations).toEqual([])
  })

  it('the fake rejects an uncut body with GitHub’s 422', async () => {
    const octokit = client()
    const error = await octokit.rest.issues
      .createComment({
        owner: OWNER,
        repo: REPO,
        issue_number: PR,
        body: 'x'.repeat(65_537)
      })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 422 })
    expect(String(error)).toContain(
      'Body is too long (maximum is 65536 characters)'
    )
    expect(fake.count('POST')).toBe(1) // a 422 is not retried
    expect(fake.violations).toEqual([])
  })

  it('after a race keeps the oldest, updates it, and deletes the others', async () => {
    const oldest = fake.addComment(PR, `${MARKER}\nrun 1`, USER_LOGIN)
    fake.addComment(PR, 'a human', 'alice')
    const second = fake.addComment(PR, `${MARKER}\nrun 2`, USER_LOGIN)
    const third = fake.addComment(PR, `${MARKER}\nrun 3`, USER_LOGIN)

    const result = await upsertComment(client(), report('run 4'))
    expect(result.action).toBe('updated')
    expect(result.warning).toBeUndefined()
    const left = fake.comments(PR)
    expect(left.map((c) => c.id)).toEqual([oldest.id, left[1].id])
    expect(left[1].login).toBe('alice')
    expect(oldest.body).toContain('run 4')
    const deleted = fake.requests
      .filter((r) => r.method === 'DELETE')
      .map((r) => r.path)
    expect(deleted).toEqual([
      `/repos/acme/labels/issues/comments/${second.id}`,
      `/repos/acme/labels/issues/comments/${third.id}`
    ])
    expect(fake.violations).toEqual([])
  })

  it('treats a duplicate already deleted by the other run as done', async () => {
    fake.addComment(PR, `${MARKER}\nrun 1`, USER_LOGIN)
    fake.addComment(PR, `${MARKER}\nrun 2`, USER_LOGIN)
    fake.fail({ method: 'DELETE', path: /./, status: 404 })
    const result = await upsertComment(client(), report('run 3'))
    expect(result.action).toBe('updated')
    expect(result.warning).toBeUndefined()
    expect(fake.violations).toEqual([])
  })

  it('waits out a rate limit once, then gives up with a warning', async () => {
    const reset = String(Math.floor(Date.now() / 1000))
    fake.fail({
      method: 'GET',
      path: /\/comments/,
      status: 403,
      message: 'API rate limit exceeded for installation ID 1.',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }
    })
    const result = await upsertComment(client(), report('x'))
    expect(result.action).toBe('skipped')
    expect(result.warning).toContain('GitHub API rate limit')
    expect(result.warning).not.toContain('two-workflow')
    expect(fake.count('GET')).toBe(2)
    expect(logged.some((m) => /rate limit.*retrying once/.test(m))).toBe(true)
    expect(logged.some((m) => /rate limit.*giving up/.test(m))).toBe(true)
    expect(fake.violations).toEqual([])
  })

  it('succeeds after one secondary rate limit', async () => {
    fake.fail({
      method: 'GET',
      path: /\/comments/,
      status: 403,
      times: 1,
      message: 'You have exceeded a secondary rate limit.',
      headers: { 'retry-after': '1' }
    })
    const result = await upsertComment(client(), report('x'))
    expect(result.action).toBe('created')
    expect(logged).toEqual([
      expect.stringMatching(
        /^GitHub API secondary rate limit for GET .*retrying once after 1 s$/
      )
    ])
    expect(fake.violations).toEqual([])
  })

  it('never puts the token in a warning or a log line', async () => {
    fake.fail({ method: 'POST', path: /./, status: 403 })
    fake.fail({ method: 'GET', path: /\/comments/, status: 500, times: 1 })
    const result = await upsertComment(client(), report('x'))
    expect(result.warning).toBeDefined()
    const text = [result.warning, ...logged, ...fake.violations].join('\n')
    expect(text).not.toContain(USER_TOKEN)
    expect(fake.violations).toEqual([])
  })
})
