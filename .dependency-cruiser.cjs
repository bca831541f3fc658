/**
 * Package boundaries (house-style.md "Layout"): core depends on nothing; inside core imports go one
 * way, stats ← domain ← rules ← analyses; apps never import apps; nothing imports an app; web never
 * imports storage; no cycles anywhere.
 */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-is-self-contained',
      comment: 'core imports nothing outside itself; its tests may use the testkit',
      severity: 'error',
      from: { path: '^packages/core/src', pathNot: '\\.test\\.ts$' },
      to: { pathNot: '^packages/core/src' },
    },
    {
      name: 'stats-knows-no-clinical-code',
      severity: 'error',
      from: { path: '^packages/core/src/stats' },
      to: { path: '^packages/core/src/(domain|rules|analyses)' },
    },
    {
      name: 'domain-below-rules-and-analyses',
      severity: 'error',
      from: { path: '^packages/core/src/domain' },
      to: { path: '^packages/core/src/(rules|analyses)' },
    },
    {
      name: 'rules-below-analyses',
      severity: 'error',
      from: { path: '^packages/core/src/rules' },
      to: { path: '^packages/core/src/analyses' },
    },
    {
      name: 'packages-never-import-apps',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-never-import-apps',
      comment: 'one exception, ADR 0006: `mmreg serve` starts the server through its public entry',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/cli/src/commands/registry-commands\\.ts$' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'serve-uses-only-the-server-entry',
      severity: 'error',
      from: { path: '^apps/cli/src/commands/registry-commands\\.ts$' },
      to: { path: '^apps/', pathNot: '^apps/(cli/|server/src/index\\.ts$)' },
    },
    {
      name: 'web-never-imports-storage',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^packages/storage/' },
    },
    {
      name: 'testkit-only-in-tests',
      severity: 'error',
      from: { path: '^(packages|apps)/', pathNot: '\\.test\\.ts$|^packages/testkit/' },
      to: { path: '^packages/testkit/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^apps/web/dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'default'] },
  },
};
