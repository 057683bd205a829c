import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  DASHBOARD_ARTIFACT,
  uploadDashboard
} from '../../src/action/upload-dashboard.js'
import { parseActionInputs } from '../../src/action/inputs.js'
import {
  fakeRuntimeToken,
  FakeArtifactService
} from './fake-artifact-service.js'

const service = new FakeArtifactService()
let folder: string
const saved = { ...process.env }

beforeAll(async () => {
  await service.start()
  folder = await mkdtemp(path.join(tmpdir(), 'labelgate-artifact-'))
  await writeFile(path.join(folder, 'index.html'), '<!doctype html><p>site')
  await writeFile(path.join(folder, 'history.json'), '{"schema":"x"}\n')
  // What the runner sets for every action step; the client reads process.env.
  process.env.ACTIONS_RUNTIME_TOKEN = fakeRuntimeToken(
    'run-backend',
    'job-backend'
  )
  process.env.ACTIONS_RESULTS_URL = `${service.url}/`
  process.env.GITHUB_SERVER_URL = 'https://github.com'
  process.env.GITHUB_WORKSPACE = folder
})

afterAll(async () => {
  process.env = saved
  await service.stop()
  await rm(folder, { recursive: true, force: true })
})

describe('the dashboard artifact upload (real @actions/artifact client, loopback fake service)', () => {
  it('creates, uploads the zip of the site and finalizes one artifact', async () => {
    const uploaded = await uploadDashboard(
      folder,
      ['index.html', 'history.json'],
      {
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'octo/labels',
        GITHUB_RUN_ID: '77'
      }
    )
    expect(uploaded).toEqual({
      id: 4242,
      url: 'https://github.com/octo/labels/actions/runs/77/artifacts/4242'
    })
    const twirp = service.requests.filter((r) => r.path.startsWith('/twirp/'))
    expect(twirp.map((r) => r.path.split('/').pop())).toEqual([
      'CreateArtifact',
      'FinalizeArtifact'
    ])
    expect(twirp[0]!.authorization).toBe(
      `Bearer ${process.env.ACTIONS_RUNTIME_TOKEN}`
    )
    const create = twirp[0]!.body as Record<string, unknown>
    expect(create).toMatchObject({
      workflow_run_backend_id: 'run-backend',
      workflow_job_run_backend_id: 'job-backend',
      name: DASHBOARD_ARTIFACT
    })
    const finalize = twirp[1]!.body as Record<string, unknown>
    expect(Number(finalize.size)).toBe(service.blob!.length)
    // The uploaded blob is a zip of exactly the site's files.
    const zip = path.join(folder, 'uploaded.zip')
    await writeFile(zip, service.blob!)
    const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' })
    expect(listing.trim().split('\n').sort()).toEqual([
      'history.json',
      'index.html'
    ])
    expect(
      execFileSync('unzip', ['-p', zip, 'index.html'], { encoding: 'utf8' })
    ).toBe('<!doctype html><p>site')
  })
})

describe('input dashboard', () => {
  it('is false by default, true or false when given, else an error', () => {
    const inputs = (value: string) =>
      parseActionInputs((name) => (name === 'dashboard' ? value : ''))
    expect(inputs('').dashboard).toBe(false)
    expect(inputs('true').dashboard).toBe(true)
    expect(inputs('false').dashboard).toBe(false)
    expect(() => inputs('yes')).toThrow(
      "input 'dashboard' must be one of true, false, not 'yes'"
    )
  })
})
