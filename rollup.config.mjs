// Three bundles from one core: the action (dist/index.js), the CLI
// (dist/cli.js), and the worker both start to read large CSV and TSV files in
// parallel (dist/parse-worker.js, found next to them by import.meta.url).
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import nodeResolve from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'

const plugins = () => [
  typescript({
    tsconfig: 'tsconfig.json',
    outDir: 'dist',
    rootDir: '.',
    sourceMap: true
  }),
  nodeResolve({ preferBuiltins: true }),
  commonjs(),
  json()
]

/** @type {import('rollup').RollupOptions[]} */
const config = [
  {
    input: 'src/index.ts',
    output: {
      esModule: true,
      dir: 'dist',
      entryFileNames: 'index.js',
      // The dashboard's code (with the artifact client) loads only with
      // `dashboard: true`: its own file, so other runs start faster.
      chunkFileNames: 'index-[name].js',
      format: 'es',
      sourcemap: true
    },
    plugins: plugins()
  },
  {
    input: 'src/cli.ts',
    output: {
      esModule: true,
      file: 'dist/cli.js',
      format: 'es',
      sourcemap: true,
      banner: '#!/usr/bin/env node'
    },
    plugins: plugins()
  },
  {
    input: 'src/formats/parse-worker.ts',
    output: {
      esModule: true,
      file: 'dist/parse-worker.js',
      format: 'es',
      sourcemap: true
    },
    plugins: plugins()
  }
]

export default config
