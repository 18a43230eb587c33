#!/usr/bin/env node
// Entry point of the `alliance` command: runs the CLI from the sources transpiled by esbuild (bin/compiled.js,
// ADR 0008), or through tsx when the build cannot be written.
import { setFlagsFromString } from 'node:v8'
import { compiledEntry } from './compiled.js'

// V8 lets the old generation grow to 4 × what survived its last full collection on a machine with memory to
// spare: under load, a server that keeps ~75 MB alive reached ~500 MB resident. 2 × instead keeps an instance
// under 300 MB with fewer collections than 1.5 × (docs/operations.md, « Mémoire »). An operator's own
// `--heap-growing-percent` wins.
if (!process.execArgv.some((a) => a.startsWith('--heap-growing-percent'))) setFlagsFromString('--heap-growing-percent=100')

let entry
try {
  entry = await compiledEntry()
} catch (error) {
  process.stderr.write(`alliance : sources exécutées par tsx, la compilation a échoué (${error instanceof Error ? error.message : error})\n`)
  const { register } = await import('tsx/esm/api')
  register()
  entry = '../src/cli/main.ts'
}
await import(entry)
