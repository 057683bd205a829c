// ESM jest with ts-jest, as in actions/typescript-action.
export default {
  clearMocks: true,
  collectCoverage: false,
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  preset: 'ts-jest',
  reporters: ['default'],
  resolver: 'ts-jest-resolver',
  testEnvironment: 'node',
  // Many tests run the CLI on real git repositories in-process (it changes
  // the working directory while it runs): on a loaded 2-core machine a 5 s
  // default timed out mid-run and left later suites in a deleted folder.
  testTimeout: 60_000,
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/dist/', '/node_modules/'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: 'tsconfig.test.json',
        useESM: true,
        diagnostics: { ignoreCodes: ['TS151001'] }
      }
    ]
  },
  verbose: false
}
