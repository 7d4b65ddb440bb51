// Import rules checked by `npm run check:boundaries` (and pinned by
// tests/integration/boundaries.test.ts, which proves each rule still fires).
//
// The shared packages stay pure TypeScript so the app, the relay and the tests can all use
// them: no UI framework, no browser database, no server framework, no runtime builtins,
// and no reaching into the app or the relay. packages/store-dexie is the one package
// allowed to import dexie, so it is not in the pure list.

/** Packages that must stay runtime-neutral. */
const PURE_PACKAGES = '^packages/(schema|store|search|sync|reports|transfer)/';

/** Module names, resolved (node_modules/...) or not (bare specifier). */
const npmModule = (names) => `(^|node_modules/)(${names.join('|')})(/|$)`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Circular imports make load order fragile and modules impossible to test alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment:
        'An import that cannot be resolved hides its edges from every other rule. ' +
        'SvelteKit virtual modules ($app, $env) and Bun builtins have no file to resolve to.',
      from: {},
      to: {
        couldNotResolve: true,
        pathNot: ['^[$]app/', '^[$]env/', '^[$]service-worker$', '^bun$', '^bun:'],
      },
    },
    {
      name: 'pure-packages-no-frameworks',
      severity: 'error',
      comment: 'Shared packages must not depend on Svelte, SvelteKit, Dexie or Elysia.',
      from: { path: PURE_PACKAGES },
      to: { path: npmModule(['svelte', 'dexie', 'elysia', '@sveltejs/[^/]+']) },
    },
    {
      name: 'pure-packages-no-store-dexie',
      severity: 'error',
      comment: 'Importing the Dexie adapter would pull Dexie into a pure package.',
      from: { path: PURE_PACKAGES },
      to: { path: '^packages/store-dexie/' },
    },
    {
      name: 'pure-packages-no-node-builtins',
      severity: 'error',
      comment: 'Shared packages run in browsers, Node and Bun: no Node builtins.',
      from: { path: PURE_PACKAGES },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'pure-packages-no-bun',
      severity: 'error',
      comment: 'Shared packages run in browsers, Node and Bun: no bun or bun:* modules.',
      from: { path: PURE_PACKAGES },
      to: { path: '^(bun:|(node_modules/)?(bun|@types/bun)(/|$))' },
    },
    {
      name: 'pure-packages-no-app-or-relay',
      severity: 'error',
      comment: 'Shared packages are used by the app and the relay, never the other way round.',
      from: { path: PURE_PACKAGES },
      to: { path: '^(src|sync-server)/' },
    },
  ],
  // scripts/boundaries.ts runs these rules and adds SvelteKit's $lib alias to the
  // resolver (tsconfig-paths misreads the paths SvelteKit generates in .svelte-kit/).
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '^(build|\\.svelte-kit)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types', 'svelte'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.svelte', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
