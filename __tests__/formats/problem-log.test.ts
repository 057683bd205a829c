import { describe, expect, it } from '@jest/globals'
import { formatCount, ProblemLog } from '../../src/formats/problem-log.js'

describe('ProblemLog', () => {
  it('keeps the first problems of each kind and summarises the rest', () => {
    const log = new ProblemLog(2)
    for (let line = 1; line <= 5; line++) {
      log.add('conflicting duplicates', {
        severity: 'error',
        file: 'a.csv',
        line,
        message: `c${line}`
      })
    }
    log.add('identical duplicates', {
      severity: 'warning',
      file: 'a.csv',
      line: 9,
      message: 'w'
    })
    expect(log.count('conflicting duplicates')).toBe(5)
    expect(log.finish()).toEqual([
      { severity: 'error', file: 'a.csv', line: 1, message: 'c1' },
      { severity: 'error', file: 'a.csv', line: 2, message: 'c2' },
      { severity: 'warning', file: 'a.csv', line: 9, message: 'w' },
      {
        severity: 'error',
        file: 'a.csv',
        line: 3,
        message: '... and 3 more conflicting duplicates'
      }
    ])
  })

  it('formats counts with thousands separators', () => {
    expect([0, 999, 1000, 4211, 1234567].map(formatCount)).toEqual([
      '0',
      '999',
      '1,000',
      '4,211',
      '1,234,567'
    ])
  })
})
