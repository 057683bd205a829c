import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { sampleOf } from './openapi-sample.js'
import { OpenApiValidator } from './openapi-validator.js'

/**
 * A loopback fake of the GitHub REST API: a real HTTP server on 127.0.0.1
 * with issue comments in memory. Every request is checked against GitHub's
 * OpenAPI description (the operations in the committed fixture); each
 * departure is recorded in `violations`, and tests assert there are none.
 * It can be told to fail the way GitHub fails: 403 on a path, 5xx a few
 * times, and 422 for a body over 65,536 characters; or misbehave: never
 * answer, or answer 200 and drip the body a byte at a time.
 */

export interface FakeComment {
  id: number
  issueNumber: number
  body: string
  login: string
  createdAt: string
  updatedAt: string
}

export interface RecordedRequest {
  method: string
  /** Path without the API prefix, with the query string. */
  path: string
  operationId?: string
  body: string
  status: number
}

export interface FailureRule {
  method?: string
  /** Matched against the path without prefix, with the query string. */
  path: RegExp
  status: number
  /** How many matching requests fail; then they succeed. Default: all. */
  times?: number
  message?: string
  headers?: Record<string, string>
}

/** How a stalled request misbehaves. */
export interface StallRule {
  method?: string
  path: RegExp
  /** `hang`: never answer; `drip`: 200, then a byte of body every 100 ms. */
  mode: 'hang' | 'drip'
}

/** A pull request as the fake serves it from `GET /repos/{o}/{r}/pulls/{n}`. */
export interface FakePull {
  number: number
  headSha: string
  headRef: string
  /** `owner/name` of the head repository (a fork's, or the base's); null: deleted. */
  headRepo: string | null
  state?: 'open' | 'closed'
}

export interface FakeGitHubOptions {
  /**
   * Tokens the fake accepts, each to the login it acts as. A login ending in
   * `[bot]` is an installation token: `GET /user` answers 403, as for a
   * workflow's GITHUB_TOKEN.
   */
  tokens?: Record<string, string>
  /** `/api/v3` to look like GitHub Enterprise Server. */
  prefix?: string
  /** Page size when a request gives no `per_page` (GitHub's default, 30). */
  defaultPerPage?: number
}

export const USER_TOKEN = 'ghp_fakeUserToken0123456789'
export const ACTIONS_TOKEN = 'ghs_fakeInstallationToken0123'
export const USER_LOGIN = 'labelgate-tester'

const BODY_MAX = 65_536

let validator: OpenApiValidator | undefined
function sharedValidator(): OpenApiValidator {
  validator ??= new OpenApiValidator()
  return validator
}
const DOCS = 'https://docs.github.com/rest'

export class FakeGitHub {
  readonly requests: RecordedRequest[] = []
  readonly violations: string[] = []
  // Shared: compiling the response schemas is the slow part of a test.
  readonly validator = sharedValidator()
  private readonly store: FakeComment[] = []
  private readonly failures: (FailureRule & { left: number })[] = []
  private readonly stalls: StallRule[] = []
  private readonly pulls = new Map<number, FakePull>()
  private nextId = 1_000_001
  private clock = Date.parse('2026-01-01T00:00:00Z')
  private readonly tokens: Record<string, string>
  private readonly prefix: string
  private readonly defaultPerPage: number

  private constructor(
    private readonly server: Server,
    options: FakeGitHubOptions
  ) {
    this.tokens = options.tokens ?? {
      [USER_TOKEN]: USER_LOGIN,
      [ACTIONS_TOKEN]: 'github-actions[bot]'
    }
    this.prefix = options.prefix ?? ''
    this.defaultPerPage = options.defaultPerPage ?? 30
  }

  static async start(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
    const server = createServer()
    const fake = new FakeGitHub(server, options)
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      fake.handle(req, res).catch((error: unknown) => {
        fake.violations.push(`fake crashed: ${String(error)}`)
        if (!res.headersSent) res.writeHead(500)
        res.end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return fake
  }

  /** The API base URL to give the client. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo
    return `http://127.0.0.1:${port}${this.prefix}`
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  /** Comments on one issue, oldest first (as GitHub lists them). */
  comments(issueNumber: number): FakeComment[] {
    return this.store.filter((c) => c.issueNumber === issueNumber)
  }

  /** Seeds a comment, as if written earlier by `login`. */
  addComment(issueNumber: number, body: string, login: string): FakeComment {
    const now = this.tick()
    const comment = {
      id: this.nextId++,
      issueNumber,
      body,
      login,
      createdAt: now,
      updatedAt: now
    }
    this.store.push(comment)
    return comment
  }

  /** Makes matching requests fail (`times` of them, or all). */
  fail(rule: FailureRule): void {
    this.failures.push({ ...rule, left: rule.times ?? Infinity })
  }

  /** Makes every matching request stall, until `unstall()`. */
  stall(rule: StallRule): void {
    this.stalls.push(rule)
  }

  unstall(): void {
    this.stalls.length = 0
  }

  /** Adds (or replaces) a pull request; comments on its number are its comments. */
  addPull(pull: FakePull): void {
    this.pulls.set(pull.number, pull)
  }

  /** Requests with a method, e.g. `count('PATCH')`. */
  count(method: string): number {
    return this.requests.filter((r) => r.method === method).length
  }

  private tick(): string {
    this.clock += 1000
    return new Date(this.clock).toISOString()
  }

  private async handle(
    req: IncomingMessage,
    res: ServerResponse
  ): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = req.method ?? 'GET'
    const inside = url.pathname.startsWith(this.prefix)
    const pathname = inside
      ? url.pathname.slice(this.prefix.length)
      : url.pathname
    const path = pathname + url.search
    const matched = inside ? this.validator.match(method, pathname) : undefined
    const record: RecordedRequest = {
      method,
      path,
      operationId: matched?.operationId,
      body,
      status: 0
    }
    this.requests.push(record)
    const send = (status: number, data?: unknown, headers = {}): void => {
      record.status = status
      res.writeHead(status, {
        ...(data === undefined
          ? {}
          : { 'content-type': 'application/json; charset=utf-8' }),
        ...headers
      })
      res.end(data === undefined ? undefined : JSON.stringify(data))
    }

    if (!inside) {
      this.violations.push(`${method} ${url.pathname}: outside ${this.prefix}`)
      return send(404, { message: 'Not Found', documentation_url: DOCS })
    }
    this.violations.push(
      ...this.validator.validateRequest({
        method,
        pathname,
        query: url.searchParams,
        contentType: req.headers['content-type'],
        body
      })
    )
    if (!matched)
      return send(404, { message: 'Not Found', documentation_url: DOCS })

    const login =
      this.tokens[
        /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ??
          ''
      ]
    if (login === undefined) {
      return send(401, { message: 'Bad credentials', documentation_url: DOCS })
    }

    const stall = this.stalls.find(
      (r) => (!r.method || r.method === method) && r.path.test(path)
    )
    if (stall?.mode === 'hang') return
    if (stall?.mode === 'drip') {
      record.status = 200
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      const timer = setInterval(() => res.write(' '), 100)
      res.on('close', () => clearInterval(timer))
      return
    }

    const failure = this.failures.find(
      (f) =>
        f.left > 0 && (!f.method || f.method === method) && f.path.test(path)
    )
    if (failure) {
      failure.left -= 1
      return send(
        failure.status,
        {
          message: failure.message ?? defaultMessage(failure.status),
          documentation_url: DOCS
        },
        failure.headers
      )
    }

    const json = parseObject(body) // invalid JSON is already a violation
    const respond = (status: number, data?: unknown, headers = {}): void => {
      if (data !== undefined) {
        this.violations.push(
          ...this.validator
            .validateResponse(matched.operationId, status, data)
            .map((v) => `fake response: ${v}`)
        )
      }
      send(status, data, headers)
    }
    const { owner, repo } = matched.params
    const base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${this.prefix}`

    switch (matched.operationId) {
      case 'users/get-authenticated':
        if (login.endsWith('[bot]')) {
          return send(403, {
            message: 'Resource not accessible by integration',
            documentation_url: `${DOCS}/users/users#get-the-authenticated-user`,
            status: '403'
          })
        }
        return respond(200, privateUserJson(login, base))

      case 'issues/list-comments': {
        const issue = Number(matched.params.issue_number)
        const perPage = Math.min(
          Number(url.searchParams.get('per_page') ?? this.defaultPerPage),
          100
        )
        const page = Number(url.searchParams.get('page') ?? 1)
        const all = this.comments(issue)
        const last = Math.max(1, Math.ceil(all.length / perPage))
        const items = all.slice((page - 1) * perPage, page * perPage)
        const link = (p: number, rel: string): string => {
          const q = new URLSearchParams(url.searchParams)
          q.set('page', String(p))
          return `<${base}${pathname}?${q}>; rel="${rel}"`
        }
        const links: string[] = []
        if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'))
        if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
        return respond(
          200,
          items.map((c) => commentJson(c, owner, repo, base)),
          links.length > 0 ? { link: links.join(', ') } : {}
        )
      }

      case 'issues/create-comment': {
        const text = json.body
        if (typeof text !== 'string') break // already a violation; 422 below
        if (tooLong(text)) return send(422, bodyTooLong())
        const comment = this.addComment(
          Number(matched.params.issue_number),
          text,
          login
        )
        return respond(201, commentJson(comment, owner, repo, base), {
          location: `${base}/repos/${owner}/${repo}/issues/comments/${comment.id}`
        })
      }

      case 'issues/update-comment': {
        const comment = this.store.find(
          (c) => c.id === Number(matched.params.comment_id)
        )
        if (!comment)
          return send(404, { message: 'Not Found', documentation_url: DOCS })
        const text = json.body
        if (typeof text !== 'string') break
        if (tooLong(text)) return send(422, bodyTooLong())
        comment.body = text
        comment.updatedAt = this.tick()
        return respond(200, commentJson(comment, owner, repo, base))
      }

      case 'issues/delete-comment': {
        const at = this.store.findIndex(
          (c) => c.id === Number(matched.params.comment_id)
        )
        if (at < 0)
          return send(404, { message: 'Not Found', documentation_url: DOCS })
        this.store.splice(at, 1)
        return send(204)
      }

      case 'pulls/get': {
        const pull = this.pulls.get(Number(matched.params.pull_number))
        if (!pull)
          return send(404, { message: 'Not Found', documentation_url: DOCS })
        return respond(200, pullJson(this.validator, pull, owner, repo, base))
      }

      default:
        return send(501, {
          message: `the fake does not implement ${matched.operationId}`
        })
    }
    send(422, {
      message: 'Invalid request.',
      documentation_url: DOCS,
      status: '422'
    })
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

/** GitHub counts characters (code points), not UTF-16 units. */
function tooLong(text: string): boolean {
  return [...text].length > BODY_MAX
}

function bodyTooLong(): unknown {
  return {
    message: 'Validation Failed',
    errors: [
      {
        resource: 'IssueComment',
        code: 'unprocessable',
        field: 'data',
        message: 'Body is too long (maximum is 65536 characters)'
      }
    ],
    documentation_url: `${DOCS}/issues/comments#create-an-issue-comment`,
    status: '422'
  }
}

function defaultMessage(status: number): string {
  if (status === 403) return 'Resource not accessible by integration'
  if (status === 404) return 'Not Found'
  if (status >= 500) return 'Server Error'
  return 'Error'
}

/** `GET /user` with a personal token: the private profile (nulls included). */
function privateUserJson(login: string, base: string): Record<string, unknown> {
  return {
    ...userJson(login, base),
    name: null,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 3,
    public_gists: 0,
    followers: 1,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true
  }
}

function userJson(login: string, base: string): Record<string, unknown> {
  const id = [...login].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 1e8, 7)
  const url = `${base}/users/${encodeURIComponent(login)}`
  const html = `https://github.com/${encodeURIComponent(login)}`
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: html,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false
  }
}

function commentJson(
  c: FakeComment,
  owner: string,
  repo: string,
  base: string
): Record<string, unknown> {
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${base}/repos/${owner}/${repo}/issues/comments/${c.id}`,
    html_url: `https://github.com/${owner}/${repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    body: c.body,
    user: userJson(c.login, base),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${base}/repos/${owner}/${repo}/issues/${c.issueNumber}`,
    author_association: c.login.endsWith('[bot]') ? 'NONE' : 'MEMBER',
    performed_via_github_app: null
  }
}

/**
 * A pull request that satisfies the OpenAPI schema of `pulls/get` (sampled
 * from it), with the fields the poster compares set from `pull`.
 */
function pullJson(
  validator: OpenApiValidator,
  pull: FakePull,
  owner: string,
  repo: string,
  base: string
): unknown {
  const operation = validator.fixture.operations.find(
    (o) => o.operationId === 'pulls/get'
  )!
  const schema = operation.responses['200']!.content!['application/json']!
    .schema as {
    properties: Record<string, { properties: Record<string, unknown> }>
  }
  const data = sampleOf(schema) as Record<string, unknown>
  const repoJson = (fullName: string): Record<string, unknown> => {
    const [o, r] = fullName.split('/')
    const headSchema = schema.properties.head!.properties.repo as Record<
      string,
      unknown
    >
    return {
      ...(sampleOf(headSchema) as Record<string, unknown>),
      name: r,
      full_name: fullName,
      owner: userJson(o!, base),
      fork: fullName !== `${owner}/${repo}`
    }
  }
  const user = userJson(pull.headRepo?.split('/')[0] ?? 'ghost', base)
  return {
    ...data,
    number: pull.number,
    state: pull.state ?? 'open',
    url: `${base}/repos/${owner}/${repo}/pulls/${pull.number}`,
    html_url: `https://github.com/${owner}/${repo}/pull/${pull.number}`,
    user,
    head: {
      label: `${pull.headRepo?.split('/')[0] ?? 'ghost'}:${pull.headRef}`,
      ref: pull.headRef,
      sha: pull.headSha,
      user,
      repo: pull.headRepo === null ? null : repoJson(pull.headRepo)
    },
    base: {
      label: `${owner}:main`,
      ref: 'main',
      sha: '0'.repeat(40),
      user: userJson(owner, base),
      repo: repoJson(`${owner}/${repo}`)
    }
  }
}
