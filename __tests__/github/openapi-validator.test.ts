import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createOctokit } from '../../src/github/octokit.js'
import { FakeGitHub, USER_TOKEN } from './fake-github.js'
import {
  loadOperations,
  OpenApiValidator,
  toJsonSchema
} from './openapi-validator.js'

const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined
}

describe('the OpenAPI fixture', () => {
  it('records its source and holds the operations we use', () => {
    const fixture = loadOperations()
    expect(fixture.package).toBe('@octokit/openapi@23.0.2')
    expect(fixture.infoVersion).toBe('23.0.2')
    expect(fixture.openapi).toMatch(/^3\.0\./)
    expect(fixture.operations.map((o) => o.operationId).sort()).toEqual([
      'issues/create-comment',
      'issues/delete-comment',
      'issues/list-comments',
      'issues/update-comment',
      'pulls/get',
      'repos/get-content',
      'users/get-authenticated'
    ])
  })
})

describe('OpenApiValidator', () => {
  const validator = new OpenApiValidator()
  const request = (
    method: string,
    pathname: string,
    body = '',
    query = ''
  ) => ({
    method,
    pathname,
    query: new URLSearchParams(query),
    contentType: 'application/json; charset=utf-8',
    body
  })

  it('accepts a valid create-comment request', () => {
    expect(
      validator.validateRequest(
        request('POST', '/repos/o/r/issues/1/comments', '{"body":"hi"}')
      )
    ).toEqual([])
  })

  it('rejects a create-comment body without `body`', () => {
    expect(
      validator.validateRequest(
        request('POST', '/repos/o/r/issues/1/comments', '{"text":"hi"}')
      )
    ).toEqual([
      "POST /repos/o/r/issues/1/comments body must have required property 'body'"
    ])
  })

  it('rejects a missing body, a wrong type and a non-integer path parameter', () => {
    expect(
      validator.validateRequest(
        request('PATCH', '/repos/o/r/issues/comments/5')
      )
    ).toEqual(['PATCH /repos/o/r/issues/comments/5: missing request body'])
    expect(
      validator.validateRequest(
        request('PATCH', '/repos/o/r/issues/comments/5', '{"body":42}')
      )
    ).toEqual(['PATCH /repos/o/r/issues/comments/5 body/body must be string'])
    expect(
      validator.validateRequest(
        request('DELETE', '/repos/o/r/issues/comments/x')
      )
    ).toEqual([
      'DELETE /repos/o/r/issues/comments/x path comment_id must be integer'
    ])
  })

  it('rejects unknown operations and bad or unknown query parameters', () => {
    expect(
      validator.validateRequest(request('PUT', '/repos/o/r/issues/1/comments'))
    ).toEqual([
      'PUT /repos/o/r/issues/1/comments: no such operation in the OpenAPI fixture'
    ])
    expect(
      validator.validateRequest(
        request(
          'GET',
          '/repos/o/r/issues/1/comments',
          '',
          'per_page=lots&sort=asc'
        )
      )
    ).toEqual([
      'GET /repos/o/r/issues/1/comments query per_page must be integer',
      'GET /repos/o/r/issues/1/comments: unknown query parameter sort'
    ])
  })

  it('matches a multi-segment path parameter', () => {
    expect(
      validator.match('GET', '/repos/o/r/contents/labels/a b.csv')
    ).toEqual({
      operationId: 'repos/get-content',
      params: { owner: 'o', repo: 'r', path: 'labels/a b.csv' }
    })
  })

  it('checks the fake responses too, with OpenAPI nullable', () => {
    const comment = {
      id: 1,
      node_id: 'IC_1',
      url: 'https://api.github.com/repos/o/r/issues/comments/1',
      html_url: 'https://github.com/o/r/pull/1#issuecomment-1',
      issue_url: 'https://api.github.com/repos/o/r/issues/1',
      user: null,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      author_association: 'NONE'
    }
    expect(
      validator.validateResponse('issues/create-comment', 201, comment)
    ).toEqual([])
    expect(
      validator.validateResponse('issues/create-comment', 201, {
        ...comment,
        author_association: null
      })
    ).toEqual([
      'issues/create-comment 201 response/author_association must be string',
      'issues/create-comment 201 response/author_association must be equal to one of the allowed values'
    ])
  })
})

describe('toJsonSchema', () => {
  it('turns OpenAPI nullable into JSON Schema, enums and untyped schemas included', () => {
    expect(
      toJsonSchema({ type: 'string', enum: ['a'], nullable: true })
    ).toEqual({
      type: ['string', 'null'],
      enum: ['a', null]
    })
    expect(
      toJsonSchema({ allOf: [{ type: 'object' }], nullable: true })
    ).toEqual({
      anyOf: [{ allOf: [{ type: 'object' }] }, { type: 'null' }]
    })
    expect(
      toJsonSchema({
        type: 'object',
        properties: { nullable: { type: 'integer', nullable: false } }
      })
    ).toEqual({ type: 'object', properties: { nullable: { type: 'integer' } } })
  })
})

describe('the fake records invalid requests', () => {
  let fake: FakeGitHub
  beforeEach(async () => {
    fake = await FakeGitHub.start()
  })
  afterEach(async () => {
    await fake.close()
  })

  it('flags a POST without `body` sent through Octokit', async () => {
    const octokit = createOctokit(USER_TOKEN, {
      baseUrl: fake.url,
      retryAfterBaseMs: 1,
      log: quiet
    })
    // A plain string route: the typed route would not let `body` be left out.
    const route: string =
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments'
    await octokit
      .request(route, {
        owner: 'o',
        repo: 'r',
        issue_number: 3,
        title: 'not a comment field'
      })
      .catch(() => undefined)
    expect(fake.violations).toEqual([
      "POST /repos/o/r/issues/3/comments body must have required property 'body'"
    ])
    expect(fake.comments(3)).toEqual([])
  })

  it('flags a path outside the API', async () => {
    const octokit = createOctokit(USER_TOKEN, {
      baseUrl: fake.url,
      retryAfterBaseMs: 1,
      log: quiet
    })
    const error = await octokit
      .request('GET /repos/{owner}/{repo}/labels', { owner: 'o', repo: 'r' })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 404 })
    expect(fake.violations).toEqual([
      'GET /repos/o/r/labels: no such operation in the OpenAPI fixture'
    ])
  })
})
