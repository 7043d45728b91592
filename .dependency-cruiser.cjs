/**
 * The import rules of skillpath's layers (`npm run lint:deps`; CI runs it with lint).
 * Data flows one way: sources → ingest → store + index → engine → HTTP / CLI / page, and shared
 * contracts sit below the code that uses them. See the README's Layout section.
 */
const LAYERS_ABOVE_CORE = '^src/(adapters|ingest|jobs|http|cli|reports|contract|container|server|services)';
const FRAMEWORKS = '^node_modules/(fastify|@fastify|drizzle-orm|postgres|@electric-sql|hnswlib-node|@huggingface|openai|piscina|minisearch|pino)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: pull the shared part down into its own module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'http-stays-in-http',
      severity: 'error',
      comment: 'Only the HTTP layer and the server import from src/http; shared contracts live in src/contract.',
      from: { path: '^src/', pathNot: '^src/(http/|server\\.ts$)' },
      to: { path: '^src/http/' },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'src/core is the domain: it declares ports and imports no layer above it and no framework.',
      from: { path: '^src/core/' },
      to: { path: [LAYERS_ABOVE_CORE, FRAMEWORKS] },
    },
    {
      name: 'contract-below-users',
      severity: 'error',
      comment: 'The wire contract is imported by HTTP, the CLI and readers; it imports only typebox and core types.',
      from: { path: '^src/contract/' },
      to: { path: '^src/(adapters|ingest|jobs|http|cli|reports|container|server|services)' },
    },
    {
      name: 'ingest-reads-only',
      severity: 'error',
      comment: 'Readers turn sources into records; storing them is the adapters\' job.',
      from: { path: '^src/ingest/' },
      to: { path: '^src/(adapters|jobs|http|cli|container|server|services)' },
    },
    {
      name: 'adapters-below-jobs-and-delivery',
      severity: 'error',
      comment: 'Adapters implement ports; they do not call jobs, HTTP, the CLI or the wiring.',
      from: { path: '^src/adapters/' },
      to: { path: '^src/(jobs|http|cli|container|server|services)' },
    },
    {
      name: 'vector-store-behind-ports',
      severity: 'error',
      comment: 'Jobs reach the vector index through the IndexStore and VectorIndex ports; only the wiring names an adapter.',
      from: { path: '^src/jobs/' },
      to: { path: '^src/adapters/(index|workers)/' },
    },
    {
      name: 'only-entry-points-wire',
      severity: 'error',
      comment: 'The container is built by the server and the CLI; everything else receives services.',
      from: { path: '^src/', pathNot: '^src/(server\\.ts|cli/|container\\.ts)' },
      to: { path: '^src/container\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
