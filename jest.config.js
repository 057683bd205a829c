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
  verbose: false,
  // A worker that has run many suites holds a large heap (each suite's
  // modules in its own VM context), and the allocation-heavy property
  // tests slowed 6x behind it (43 s alone, 271 s in the full run): such a
  // worker is replaced once it holds more than this between suites.
  workerIdleMemoryLimit: '512MB'
}
