#!/usr/bin/env node
// Release steps that .github/workflows/release.yml runs, kept here so they
// can be run and tested on a real repository:
//
//   node script/release.mjs check vX.Y.Z          the tag names package.json's version
//   node script/release.mjs notes vX.Y.Z           the CHANGELOG.md section of that version
//   node script/release.mjs move vX.Y.Z [--push] [--remote NAME]
//        point vX and vX.Y at the release, as Actions users pin `@v1`; a
//        tag moves only to the highest release of its line (a patch to an
//        older line moves vX.Y, never vX backwards); pre-releases move nothing.
//
// git runs with argument vectors only; the tag is validated before any use.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const RELEASE = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/

class ReleaseError extends Error {}

function git(args) {
  return execFileSync('git', args, { encoding: 'utf8' }).trim()
}

function parseTag(tag) {
  const m = RELEASE.exec(tag ?? '')
  if (m === null) {
    throw new ReleaseError(
      `'${String(tag).slice(0, 100)}' is not a release tag: vMAJOR.MINOR.PATCH`
    )
  }
  return {
    tag,
    version: tag.slice(1),
    parts: [Number(m[1]), Number(m[2]), Number(m[3])],
    prerelease: m[4] !== undefined
  }
}

/** The commit a tag names; the tag must exist. */
function commitOf(tag) {
  try {
    return git([
      'rev-parse',
      '--verify',
      '--quiet',
      `refs/tags/${tag}^{commit}`
    ])
  } catch {
    throw new ReleaseError(`tag ${tag} does not exist`)
  }
}

function check(tag) {
  const release = parseTag(tag)
  const sha = commitOf(release.tag)
  const manifest = JSON.parse(git(['show', `${sha}:package.json`]))
  if (manifest.version !== release.version) {
    throw new ReleaseError(
      `tag ${release.tag} but package.json at ${sha.slice(0, 12)} says version ${manifest.version}: set the version there, commit, and tag that commit`
    )
  }
  return `${release.tag} is package.json's version at ${sha.slice(0, 12)}`
}

function notes(tag, changelog = 'CHANGELOG.md') {
  const { version } = parseTag(tag)
  const lines = readFileSync(changelog, 'utf8').split('\n')
  const start = lines.findIndex((l) => l.startsWith(`## [${version}]`))
  if (start < 0) {
    throw new ReleaseError(
      `${changelog} has no '## [${version}]' section: move the Unreleased entries under it`
    )
  }
  const end = lines.findIndex(
    (l, i) => i > start && /^## |^\[[^\]]+\]: /.test(l)
  )
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim()
}

const compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]

function move(tag, { push, remote }) {
  const release = parseTag(tag)
  if (release.prerelease) return [`${tag} is a pre-release: no tag moved`]
  const sha = commitOf(release.tag)
  const [major, minor] = release.parts
  const releases = git(['tag', '--list', `v${major}.*`])
    .split('\n')
    .filter((t) => RELEASE.test(t) && !parseTag(t).prerelease)
    .map((t) => parseTag(t).parts)
  const highest = (line) =>
    releases.filter(line).sort(compare).at(-1) ?? release.parts
  const log = []
  const moved = []
  for (const [name, line] of [
    [`v${major}`, (p) => p[0] === major],
    [`v${major}.${minor}`, (p) => p[0] === major && p[1] === minor]
  ]) {
    const top = highest(line)
    if (compare(release.parts, top) < 0) {
      log.push(`${name} stays at v${top.join('.')}, a later release`)
      continue
    }
    git(['tag', '--force', name, sha])
    moved.push(name)
    log.push(`${name} -> ${tag} (${sha.slice(0, 12)})`)
  }
  if (push && moved.length > 0) {
    git([
      'push',
      '--force',
      remote,
      ...moved.map((name) => `refs/tags/${name}:refs/tags/${name}`)
    ])
    log.push(`pushed ${moved.join(', ')} to ${remote}`)
  }
  return log
}

function main(argv) {
  const [command, tag, ...rest] = argv
  const push = rest.includes('--push')
  const r = rest.indexOf('--remote')
  const remote = r >= 0 ? rest[r + 1] : 'origin'
  if (remote === undefined || remote.startsWith('-')) {
    throw new ReleaseError('--remote needs a remote name')
  }
  if (command === 'check') return [check(tag)]
  if (command === 'notes') return [notes(tag)]
  if (command === 'move') return move(tag, { push, remote })
  throw new ReleaseError(
    'usage: release.mjs check|notes|move vX.Y.Z [--push] [--remote NAME]'
  )
}

try {
  for (const line of main(process.argv.slice(2))) console.log(line)
} catch (error) {
  if (!(error instanceof ReleaseError)) throw error
  console.error(`release: ${error.message}`)
  process.exitCode = 1
}
