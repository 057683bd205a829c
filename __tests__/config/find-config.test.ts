import { describe, expect, it } from '@jest/globals'
import { findConfigPath } from '../../src/config/find-config.js'
import { UserError } from '../../src/errors.js'

const existing =
  (...paths: string[]) =>
  (p: string): boolean =>
    paths.includes(p)

describe('findConfigPath', () => {
  it('takes the named file when it exists', () => {
    expect(
      findConfigPath('ci/gate.yml', existing('ci/gate.yml', 'labelgate.yml'))
    ).toBe('ci/gate.yml')
  })

  it('does not fall back to a default when the named file is missing', () => {
    const find = () => findConfigPath('ci/gate.yml', existing('labelgate.yml'))
    expect(find).toThrow(UserError)
    expect(find).toThrow('config file not found')
  })

  it('names the missing file as the place of the error', () => {
    let error: unknown
    try {
      findConfigPath('ci/gate.yml', existing())
    } catch (e) {
      error = e
    }
    expect((error as UserError).format()).toBe(
      'ci/gate.yml: config file not found'
    )
  })

  it('prefers .github/labelgate.yml to labelgate.yml', () => {
    expect(
      findConfigPath(
        undefined,
        existing('labelgate.yml', '.github/labelgate.yml')
      )
    ).toBe('.github/labelgate.yml')
  })

  it('falls back to labelgate.yml', () => {
    expect(findConfigPath(undefined, existing('labelgate.yml'))).toBe(
      'labelgate.yml'
    )
  })

  it('treats an empty name (an unset action input) as none', () => {
    expect(findConfigPath('', existing('labelgate.yml'))).toBe('labelgate.yml')
  })

  it('lists the places it looked at when there is no config', () => {
    const looked: string[] = []
    const find = () =>
      findConfigPath(undefined, (p) => {
        looked.push(p)
        return false
      })
    expect(find).toThrow(
      new UserError(
        'no config file: looked for .github/labelgate.yml and labelgate.yml; ' +
          "create one, or name another with --config (the action's 'config' input)"
      )
    )
    expect(looked).toEqual(['.github/labelgate.yml', 'labelgate.yml'])
  })
})
