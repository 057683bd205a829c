import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request the fake received. */
export interface ArtifactRequest {
  method: string
  path: string
  query: Record<string, string>
  authorization: string | undefined
  contentType: string | undefined
  /** JSON bodies parsed (twirp); blob bodies as their length. */
  body: unknown
}

/**
 * A loopback fake of the two services `@actions/artifact` talks to: the
 * Actions results service (twirp JSON: CreateArtifact, FinalizeArtifact) and
 * the blob storage its signed upload URL points at (Azure "Put Block" and
 * "Put Block List"). It keeps the uploaded blob so a test can unzip it.
 */
export class FakeArtifactService {
  readonly requests: ArtifactRequest[] = []
  private readonly blocks = new Map<string, Buffer>()
  blob: Buffer | undefined
  private server: Server | undefined
  url = ''

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, headers, body }) => {
          res.writeHead(status, headers)
          res.end(body)
        },
        (error: unknown) => {
          res.writeHead(500)
          res.end(String(error))
        }
      )
    })
    await new Promise<void>((resolve) =>
      this.server!.listen(0, '127.0.0.1', resolve)
    )
    const { port } = this.server.address() as AddressInfo
    this.url = `http://127.0.0.1:${port}`
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }

  private async handle(req: IncomingMessage): Promise<{
    status: number
    headers: Record<string, string>
    body: string
  }> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks)
    const url = new URL(req.url ?? '/', this.url)
    const query = Object.fromEntries(url.searchParams)
    const isJson = (req.headers['content-type'] ?? '').includes('json')
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body: isJson ? (JSON.parse(raw.toString('utf8')) as unknown) : raw.length
    })
    const json = (value: unknown) => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(value)
    })
    const twirp = '/twirp/github.actions.results.api.v1.ArtifactService/'
    if (req.method === 'POST' && url.pathname === `${twirp}CreateArtifact`) {
      return json({
        ok: true,
        signed_upload_url: `${this.url}/devstoreaccount1/actions-results/dashboard.zip?sig=fake-signature`
      })
    }
    if (req.method === 'POST' && url.pathname === `${twirp}FinalizeArtifact`) {
      return json({ ok: true, artifact_id: '4242' })
    }
    if (req.method === 'PUT' && url.pathname.startsWith('/devstoreaccount1/')) {
      const headers = {
        etag: '"0x1"',
        'last-modified': new Date().toUTCString(),
        'x-ms-request-id': 'fake',
        'x-ms-version': '2025-01-05',
        'x-ms-request-server-encrypted': 'true'
      }
      if (query.comp === 'block') {
        this.blocks.set(query.blockid!, raw)
        return { status: 201, headers, body: '' }
      }
      if (query.comp === 'blocklist') {
        const ids = [
          ...raw
            .toString('utf8')
            .matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)</g)
        ].map((m) => m[1]!)
        this.blob = Buffer.concat(ids.map((id) => this.blocks.get(id)!))
        return { status: 201, headers, body: '' }
      }
      // A single-shot upload (Put Blob).
      this.blob = raw
      return { status: 201, headers, body: '' }
    }
    return { status: 404, headers: {}, body: 'not found' }
  }
}

/** An unsigned JWT with the runner's Actions.Results scope (the client only decodes it). */
export function fakeRuntimeToken(run: string, job: string): string {
  const part = (value: unknown) =>
    Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: `Actions.GenericRead Actions.Results:${run}:${job}` })}.sig`
}
