/**
 * The boundaries of the code, held by a tool (docs/architecture.md, "Rules of the house"):
 * - `core/` and `stats/` never import a feature;
 * - a feature imports another feature only through its `index.ts`;
 * - no import cycle across files... of different features or of core (a feature's own files may refer to each other
 *   as long as they form no cycle).
 */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-feature',
      severity: 'error',
      comment: 'core/ has no domain words: it never imports a feature (features plug into it).',
      from: { path: '^src/core/' },
      to: { path: '^src/features/' },
    },
    {
      name: 'stats-is-pure',
      severity: 'error',
      comment: 'The statistics engine has no I/O and no dependency on the application.',
      from: { path: '^src/stats/' },
      to: { path: '^src/(core|features)/|^node_modules/' },
    },
    {
      name: 'feature-through-index',
      severity: 'error',
      comment: "A feature imports another feature only through that feature's index.ts.",
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/([^/]+)/', pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$'] },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycle at run time (a cycle made only of type imports vanishes when compiled).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|test/fixtures)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js'] },
  },
}
