#!/usr/bin/env node
// Entry point of the `alliance` command: loads TypeScript sources through tsx, then runs the CLI.
import { setFlagsFromString } from 'node:v8'
import { register } from 'tsx/esm/api'

// V8 lets the old generation grow to 4 × what survived its last full collection on a machine with memory to
// spare: under load, a server that keeps ~75 MB alive reached ~500 MB resident. 1.5 × instead keeps an instance
// near 300 MB (docs/operations.md, « Mémoire »). An operator's own `--heap-growing-percent` wins.
if (!process.execArgv.some((a) => a.startsWith('--heap-growing-percent'))) setFlagsFromString('--heap-growing-percent=50')

register()
await import('../src/cli/main.ts')
