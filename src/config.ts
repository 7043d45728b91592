/**
 * The one place that reads the environment. Every setting is declared here with its default,
 * documented in `.env.example`, and validated at start: a bad value stops the process with one
 * message that lists every bad key.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';

const Flag = (defaultValue: boolean, description: string) =>
  Type.Boolean({ default: defaultValue, description });

const EnvSchema = Type.Object({
  HOST: Type.String({ default: '0.0.0.0', minLength: 1 }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535 }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  PGLITE_DIR: Type.String({ default: 'data/pglite', minLength: 1 }),
  PGLITE_LOCK_STALE_MS: Type.Integer({ default: 20_000, minimum: 2000, maximum: 600_000 }),
  DB_CONNECT_TIMEOUT_MS: Type.Integer({ default: 5_000, minimum: 100, maximum: 120_000 }),
  DB_STATEMENT_TIMEOUT_MS: Type.Integer({ default: 30_000, minimum: 100, maximum: 3_600_000 }),
  AUTO_MIGRATE: Type.Enum(['auto', 'true', 'false'], { default: 'auto' }),
  LOAD_STARTER_CATALOG: Flag(true, 'load data/starter into an empty database at start'),
  BODY_LIMIT_BYTES: Type.Integer({ default: 1_048_576, minimum: 1024, maximum: 104_857_600 }),
  SHED_EVENT_LOOP_DELAY_MS: Type.Integer({ default: 1000, minimum: 0, maximum: 60_000 }),
  SHED_HEAP_USED_BYTES: Type.Integer({ default: 0, minimum: 0 }),
  SHUTDOWN_GRACE_MS: Type.Integer({ default: 10_000, minimum: 0 }),
  PRE_STOP_DELAY_MS: Type.Integer({ default: 0, minimum: 0, maximum: 120_000 }),
  CORS_ORIGINS: Type.String({
    default: '',
    pattern: '^(|\\*|https?://[^\\s,]+( *, *https?://[^\\s,]+)*)$',
    description: 'origins allowed to call the API from browsers, separated by commas, or * for any; empty: none',
  }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ default: 600, minimum: 0, maximum: 1_000_000 }),
  REQUEST_TIMEOUT_MS: Type.Integer({ default: 30_000, minimum: 1000, maximum: 600_000 }),
  HEADERS_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 1000, maximum: 600_000 }),
  KEEP_ALIVE_TIMEOUT_MS: Type.Integer({ default: 5_000, minimum: 100, maximum: 600_000 }),
  HANDLER_TIMEOUT_MS: Type.Integer({ default: 30_000, minimum: 100, maximum: 600_000 }),
  EMBEDDING_PROVIDER: Type.Enum(['transformers', 'openai', 'none'], { default: 'transformers' }),
  EMBEDDING_MODEL: Type.String({ default: 'Xenova/all-MiniLM-L6-v2', minLength: 1 }),
  EMBEDDING_DTYPE: Type.Enum(['auto', 'fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'bnb4', 'q4f16'], {
    default: 'fp32',
  }),
  MODEL_DIR: Type.String({ default: 'data/models', minLength: 1 }),
  ALLOW_REMOTE_MODELS: Flag(true, 'let transformers.js download models it does not find locally'),
  MODEL_LOAD_TIMEOUT_MS: Type.Integer({ default: 120_000, minimum: 1000 }),
  OPENAI_API_KEY: Type.Optional(Type.String({ minLength: 1 })),
  OPENAI_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  OPENAI_TIMEOUT_MS: Type.Integer({ default: 20_000, minimum: 100, maximum: 600_000 }),
  OPENAI_MAX_RETRIES: Type.Integer({ default: 2, minimum: 0, maximum: 10 }),
  INDEX_DIR: Type.String({ default: 'data/index', minLength: 1 }),
  INDEX_STORE: Type.Enum(['auto', 'files', 'database'], { default: 'auto' }),
  INDEX_WATCH_MS: Type.Integer({ default: 5000, minimum: 100, maximum: 3_600_000 }),
  JOB_LEASE_MS: Type.Integer({ default: 60_000, minimum: 300, maximum: 3_600_000 }),
  ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  AUTH_REQUIRED: Type.Enum(['auto', 'true', 'false'], { default: 'auto' }),
  OPTIMISER_DEADLINE_MS: Type.Integer({ default: 2_000, minimum: 10, maximum: 60_000 }),
  OPTIMISER_WORK_LIMIT: Type.Integer({ default: 20_000, minimum: 1, maximum: 10_000_000 }),
  OPTIMISER_THREADS: Type.Integer({ default: 0, minimum: 0, maximum: 64 }),
  DEFAULT_LANGUAGES: Type.String({
    default: 'en',
    pattern: '^(\\*|[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*( *, *[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*)*)$',
    description: 'language codes separated by commas (e.g. en,de) or * for any',
  }),
});

type Env = Static<typeof EnvSchema>;

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly database:
    | {
        readonly kind: 'postgres';
        readonly url: string;
        /** A connection not made within this fails (503 to a request) instead of hanging. */
        readonly connectTimeoutMs: number;
        /** PostgreSQL cancels a statement running longer than this. */
        readonly statementTimeoutMs: number;
      }
    | {
        readonly kind: 'pglite';
        readonly dataDir: string;
        /** The directory lock of a process that stopped refreshing it this long ago is taken over. */
        readonly lockStaleMs?: number;
      };
  /** Whether to apply pending migrations at start (default: only for the embedded database). */
  readonly autoMigrate: boolean;
  readonly loadStarterCatalog: boolean;
  readonly bodyLimitBytes: number;
  /** Expensive requests are shed (503 overloaded) past this event-loop delay / heap in use; 0 = off. */
  readonly shedding: { maxEventLoopDelayMs: number; maxHeapUsedBytes: number };
  readonly shutdownGraceMs: number;
  /** On SIGTERM, how long readiness reports 503 while requests are still served, before closing. */
  readonly preStopDelayMs: number;
  /** Browser origins allowed by CORS; empty: CORS off; ['*']: any origin. */
  readonly corsOrigins: readonly string[];
  /** Requests per minute per client address (health probes excepted); 0 = no limit. */
  readonly rateLimitPerMinute: number;
  /**
   * Socket limits: the whole request (headers and body) must arrive within `requestMs`, the
   * headers within `headersMs`; an idle keep-alive connection is closed after `keepAliveMs`;
   * a request not answered within `handlerMs` (say, on a database connection that froze without
   * closing) answers 503 instead of waiting for ever.
   */
  readonly timeouts: { readonly requestMs: number; readonly headersMs: number; readonly keepAliveMs: number; readonly handlerMs: number };
  readonly embedding: {
    readonly provider: Env['EMBEDDING_PROVIDER'];
    readonly model: string;
    readonly dtype: Env['EMBEDDING_DTYPE'];
    readonly modelDir: string;
    readonly allowRemoteModels: boolean;
    readonly loadTimeoutMs: number;
  };
  readonly openai: {
    readonly apiKey: string | undefined;
    readonly baseUrl: string | undefined;
    readonly timeoutMs: number;
    readonly maxRetries: number;
  };
  readonly indexDir: string;
  /**
   * Where index versions are published: `database` (every node sharing DATABASE_URL sees them;
   * INDEX_DIR is a cache) or `files` (INDEX_DIR alone). `auto`: database with DATABASE_URL.
   */
  readonly indexStore: 'files' | 'database';
  /** How often a server looks for a newer published index version. */
  readonly indexWatchMs: number;
  /** A background job whose owner has not renewed its lease for this long is taken over by another replica. */
  readonly jobLeaseMs: number;
  /** Bearer token for /v1/admin routes; unset disables them. */
  readonly adminToken: string | undefined;
  /**
   * Public routes need an API key (admin routes and listing a learner's reports always do).
   * `auto`: on with DATABASE_URL (a shared, deployed database), off on the embedded first run.
   */
  readonly authRequired: boolean;
  /** Wall-clock deadline of one path optimisation; past it the request answers 503, never another path. */
  readonly optimiserDeadlineMs: number;
  /** Branch-and-bound nodes per exact solve: the deterministic limit that decides where an unfinished search stops. */
  readonly optimiserWorkLimit: number;
  /**
   * Worker threads solving paths; 0 (the default) solves on the event loop. On 2 cores a worker
   * measured slower (40 distinct requests: 190 ms in-process, 463 ms with one worker; bench:http
   * distinct 343 → 155 req/s), since messaging and a second JIT cost more than the solves; it
   * bounds a hard solve's effect on other requests on machines with cores to spare.
   */
  readonly optimiserThreads: number;
  /** Course languages a request without `constraints.languages` is planned in; empty means any. */
  readonly defaultLanguages: readonly string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);

/** Environment strings → typed values; anything unrecognisable is left as is so validation names it. */
function coerce(schema: TSchema & { type?: unknown }, raw: string): unknown {
  const value = raw.trim();
  if (schema.type === 'boolean') {
    const lower = value.toLowerCase();
    if (TRUE_WORDS.has(lower)) return true;
    if (FALSE_WORDS.has(lower)) return false;
    return value;
  }
  if (schema.type === 'integer') return /^-?\d+$/.test(value) ? Number(value) : value;
  return value;
}

function describeError(key: string, schema: TSchema & Record<string, unknown>, received: unknown): string {
  const shown = /KEY|URL|TOKEN/.test(key) ? '(value hidden)' : JSON.stringify(received);
  if (Array.isArray(schema.enum)) return `${key}: must be one of ${schema.enum.join(', ')}; got ${shown}`;
  if (schema.type === 'boolean') return `${key}: must be true or false; got ${shown}`;
  if (schema.type === 'integer') {
    const range = [
      schema.minimum !== undefined ? `>= ${String(schema.minimum)}` : '',
      schema.maximum !== undefined ? `<= ${String(schema.maximum)}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    return `${key}: must be a whole number${range ? ` ${range}` : ''}; got ${shown}`;
  }
  // A pattern with a description is named by it: the regular expression helps nobody.
  if (typeof schema.pattern === 'string' && typeof schema.description === 'string') return `${key}: must be ${schema.description}; got ${shown}`;
  if (typeof schema.pattern === 'string') return `${key}: must match ${schema.pattern}; got ${shown}`;
  if (typeof schema.minLength === 'number') return `${key}: must be at least ${schema.minLength} characters; got ${shown}`;
  return `${key}: invalid value ${shown}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const properties = EnvSchema.properties as unknown as Record<string, TSchema & Record<string, unknown>>;
  const input: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(properties)) {
    const raw = env[key];
    // An empty assignment (`FOO=` in .env) means "use the default", as in most dotenv setups.
    if (raw === undefined || raw.trim() === '') continue;
    input[key] = coerce(schema, raw);
  }
  const withDefaults = Value.Default(EnvSchema, input) as Record<string, unknown>;

  const problems: string[] = [];
  for (const [key, schema] of Object.entries(properties)) {
    if (!(key in withDefaults)) continue;
    if (!Value.Check(schema, withDefaults[key])) problems.push(describeError(key, schema, withDefaults[key]));
  }
  const e = withDefaults as Env;
  if (e.EMBEDDING_PROVIDER === 'openai' && !e.OPENAI_API_KEY) problems.push('OPENAI_API_KEY: required when EMBEDDING_PROVIDER=openai');
  if (problems.length > 0) throw new ConfigError(problems);

  const database: Config['database'] = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL, connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS, statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS }
    : { kind: 'pglite', dataDir: path.resolve(e.PGLITE_DIR), lockStaleMs: e.PGLITE_LOCK_STALE_MS };
  // Migrating a shared PostgreSQL at start is an operator's decision (several replicas may
  // race); the embedded database belongs to this process alone, so it migrates itself.
  const autoMigrate = e.AUTO_MIGRATE === 'auto' ? database.kind === 'pglite' : e.AUTO_MIGRATE === 'true';

  return Object.freeze({
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    database: Object.freeze(database),
    autoMigrate,
    loadStarterCatalog: e.LOAD_STARTER_CATALOG,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    shedding: { maxEventLoopDelayMs: e.SHED_EVENT_LOOP_DELAY_MS, maxHeapUsedBytes: e.SHED_HEAP_USED_BYTES },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    preStopDelayMs: e.PRE_STOP_DELAY_MS,
    corsOrigins: Object.freeze(e.CORS_ORIGINS === '' ? [] : e.CORS_ORIGINS.split(',').map((o) => o.trim())),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    timeouts: Object.freeze({ requestMs: e.REQUEST_TIMEOUT_MS, headersMs: e.HEADERS_TIMEOUT_MS, keepAliveMs: e.KEEP_ALIVE_TIMEOUT_MS, handlerMs: e.HANDLER_TIMEOUT_MS }),
    embedding: Object.freeze({
      provider: e.EMBEDDING_PROVIDER,
      model: e.EMBEDDING_MODEL,
      dtype: e.EMBEDDING_DTYPE,
      modelDir: path.resolve(e.MODEL_DIR),
      allowRemoteModels: e.ALLOW_REMOTE_MODELS,
      loadTimeoutMs: e.MODEL_LOAD_TIMEOUT_MS,
    }),
    openai: Object.freeze({
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
      maxRetries: e.OPENAI_MAX_RETRIES,
    }),
    indexDir: path.resolve(e.INDEX_DIR),
    indexStore: e.INDEX_STORE === 'auto' ? (database.kind === 'postgres' ? 'database' : 'files') : e.INDEX_STORE,
    indexWatchMs: e.INDEX_WATCH_MS,
    jobLeaseMs: e.JOB_LEASE_MS,
    adminToken: e.ADMIN_TOKEN,
    authRequired: e.AUTH_REQUIRED === 'auto' ? database.kind === 'postgres' : e.AUTH_REQUIRED === 'true',
    optimiserDeadlineMs: e.OPTIMISER_DEADLINE_MS,
    optimiserWorkLimit: e.OPTIMISER_WORK_LIMIT,
    optimiserThreads: e.OPTIMISER_THREADS,
    defaultLanguages: Object.freeze(e.DEFAULT_LANGUAGES === '*' ? [] : [...new Set(e.DEFAULT_LANGUAGES.split(',').map((l) => l.trim().toLowerCase()))]),
  });
}

/**
 * For entry points: loads `./.env` (real environment variables win) and the config; on a bad
 * setting prints the one message listing every problem and exits 1.
 */
export function loadConfigOrExit(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
