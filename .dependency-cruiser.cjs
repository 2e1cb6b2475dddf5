// Import rules of src/: dependencies run one way (docs/architecture.md draws the layers).
// Checked by test/unit/architecture/boundaries.test.ts, so `npm test` fails on a
// wrong-way import; by hand: `npx depcruise src`.

/** The shell above the commands: entry point, command tree, completion. */
const SHELL = '^src/(cli|main|program[^/]*|command-words|top-summaries|report-error)\\.ts$|^src/completion/';
/** Concrete transports: only the runtime picks one; everyone else sees the client. */
const TRANSPORTS = [
  '^src/client/(http-transport|loopback-connector|embedded-[^/]+|direct-lane)\\.ts$',
  '^src/server/in-process/',
];
/** What the CLI runs on: the composition root (runtime.ts and its runtime-*.ts parts) and the per-run globals. */
const WIRING = '^src/(runtime[^/]*|globals|context)\\.ts$';
/** The client's data types: what renderers and services receive (types only, no code). */
const CLIENT_DATA_TYPES = '^src/client/(types|catalog-types|ledger-types)\\.ts$';

/**
 * The engine's concept folders, lowest first (src/engine/README.md): a folder imports its
 * own and lower ranks only. Folders of one rank do not import each other.
 */
const ENGINE_RANKS = [['request'], ['store'], ['webhooks'], ['assets'], ['catalog', 'ledger'], ['subscriptions'], ['customers'], ['movements', 'vendors'], ['fees'], ['reads', 'verify', 'portal', 'clock', 'accounts']];
const engineFolderRules = ENGINE_RANKS.flatMap((rank, i) =>
  rank.map((folder) => {
    const above = [...ENGINE_RANKS.slice(i + 1).flat(), ...rank.filter((f) => f !== folder)];
    return {
      name: `engine-${folder}-imports-lower-folders`,
      severity: 'error',
      comment: `src/engine/${folder}/ sits below ${above.join(', ')}: an import upwards would tangle the concepts.`,
      // Migrations that backfilled the hash chain hash exactly as the ledger does.
      from: { path: `^src/engine/${folder}/`, pathNot: folder === 'store' ? '^src/engine/store/schema/' : undefined },
      to: { path: `^src/engine/(${above.join('|')})/` },
    };
  }),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes load order matter and hides which module is the lower one.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'only-the-shell-imports-commands',
      severity: 'error',
      comment: 'Commands are the top of the CLI: nothing they use may reach back up into them.',
      from: { path: '^src/', pathNot: ['^src/commands/', SHELL] },
      to: { path: '^src/commands/' },
    },
    {
      name: 'commands-talk-to-the-client',
      severity: 'error',
      comment: 'A command parses, calls a service or the client, and renders: never a transport, the server or the engine.',
      from: { path: '^src/commands/', pathNot: '^src/commands/local/' },
      to: { path: ['^src/(engine|server)/', ...TRANSPORTS] },
    },
    {
      name: 'local-verbs-never-pick-a-transport',
      severity: 'error',
      comment: 'The `local` verbs administer the engine file and start the server; they still reach the API through the client.',
      from: { path: '^src/commands/local/' },
      to: { path: TRANSPORTS },
    },
    {
      name: 'services-below-commands',
      severity: 'error',
      comment: 'Services, pricing-as-code and the bulk pipeline take a client and hand data back: no engine, server or transport.',
      from: { path: '^src/(services|pricing|pipeline)/' },
      to: { path: ['^src/(engine|server)/', SHELL, ...TRANSPORTS] },
    },
    {
      name: 'services-do-not-render',
      severity: 'error',
      comment: 'A service returns data; the command hands it to a renderer.',
      from: { path: '^src/services/' },
      to: { path: '^src/render/' },
    },
    {
      name: 'client-knows-only-transports',
      severity: 'error',
      comment: 'The client speaks the API over the Transport interface; it knows no engine, server or CLI layer above it.',
      from: { path: '^src/client/' },
      to: { path: ['^src/(engine|server|commands|services|render|pipeline|pricing)/', SHELL, WIRING] },
    },
    {
      name: 'renderers-receive-data',
      severity: 'error',
      comment: 'A renderer formats what it is given and never fetches: of the client it sees only the data types.',
      from: { path: '^src/render/' },
      to: { path: '^src/client/', pathNot: CLIENT_DATA_TYPES },
    },
    {
      name: 'renderers-import-data-types-only',
      severity: 'error',
      comment: 'The client data types are imported with `import type`: a renderer loads no client code.',
      from: { path: '^src/render/' },
      to: { path: '^src/client/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'renderers-below-services',
      severity: 'error',
      comment: 'Renderers sit under everything that produces data.',
      from: { path: '^src/render/' },
      to: { path: ['^src/(services|pipeline|pricing|engine|server)/', SHELL, '^src/runtime\\.ts$'] },
    },
    {
      name: 'low-level-stays-low',
      severity: 'error',
      comment: 'io, config, money, json and webhooks (signatures) are the floor every layer stands on: they import none of the layers.',
      from: { path: '^src/(io|config|money|json|webhooks)/' },
      to: { path: ['^src/(client|commands|services|render|pipeline|pricing|engine|server)/', SHELL, WIRING] },
    },
    {
      name: 'engine-is-the-bottom',
      severity: 'error',
      comment: 'The wallet engine is domain logic and SQLite: it knows no HTTP, no CLI, no client.',
      from: { path: '^src/engine/' },
      to: { path: ['^src/(server|client|commands|services|render|pipeline|pricing|io|config)/', SHELL, WIRING] },
    },
    {
      name: 'server-serves-no-cli',
      severity: 'error',
      comment: 'The server answers HTTP over the engine; the CLI layers call it, never the reverse.',
      from: { path: '^src/server/' },
      to: { path: ['^src/(commands|services|render|pipeline|pricing)/', SHELL, WIRING] },
    },
    {
      name: 'only-the-runtime-wires-in-process',
      severity: 'error',
      comment: 'The in-process transport is chosen by the runtime (the embedded profile) and nowhere else.',
      from: { pathNot: ['^src/runtime\\.ts$', '^src/server/'] },
      to: { path: '^src/server/in-process/' },
    },
    ...engineFolderRules,
    {
      name: 'engine-folders-below-the-facade',
      severity: 'error',
      comment: 'engine.ts and index.ts are the way in from outside; a concept folder never goes through them.',
      from: { path: '^src/engine/[^/]+/' },
      to: { path: '^src/engine/(engine|index)\\.ts$' },
    },
  ],
  options: {
    includeOnly: '^src/',
    exclude: { path: '\\.test\\.ts$' },
    doNotFollow: { path: 'node_modules' },
    // `import type` counts: a type-only import still ties one layer to another's shapes.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      archi: { collapsePattern: '^src/[^/]+' },
      text: { highlightFocused: true },
    },
  },
};
