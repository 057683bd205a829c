// Module hooks that let plain Node run the TypeScript sources and the test
// scenarios without a build: `./x.js` resolves to `./x.ts` when only the .ts
// exists, and .ts files are transpiled (types dropped, no type check).
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

export async function resolve(specifier, context, nextResolve) {
  if (
    specifier.startsWith('.') &&
    specifier.endsWith('.js') &&
    context.parentURL
  ) {
    const tsUrl = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL)
    const js = new URL(specifier, context.parentURL)
    if (!existsSync(fileURLToPath(js)) && existsSync(fileURLToPath(tsUrl)))
      return { url: tsUrl.href, shortCircuit: true }
  }
  return nextResolve(specifier, context)
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts')) return nextLoad(url, context)
  const source = await readFile(fileURLToPath(url), 'utf8')
  const { outputText } = ts.transpileModule(source, {
    fileName: fileURLToPath(url),
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: false,
      isolatedModules: true
    }
  })
  return { format: 'module', source: outputText, shortCircuit: true }
}
