/**
 * Every stable error code, once: its kind (the HTTP layer maps kinds to statuses, see
 * `src/http/problem.ts`), what it means, and a named factory. Clients branch on `code`, so a
 * code is never renamed or reused; README.md lists the same table, checked by
 * test/unit/error-codes.test.ts. Core code throws these errors; it never builds replies.
 */
export type DomainErrorKind =
  | 'not_found'
  | 'invalid_input'
  | 'unprocessable'
  | 'unavailable'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  // Kinds only the HTTP transport produces (Fastify's client errors, the rate limiter, a crash).
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal';

interface ErrorCodeEntry {
  kind: DomainErrorKind;
  /** One line for the README's table. */
  meaning: string;
}

export const ERROR_CODES = {
  // Catalog and stored records
  skill_not_found: { kind: 'not_found', meaning: 'No skill with that id or external id.' },
  role_not_found: { kind: 'not_found', meaning: 'No role with that id or external id.' },
  course_not_found: { kind: 'not_found', meaning: 'No course with that id or external id.' },
  gap_report_not_found: { kind: 'not_found', meaning: 'No stored gap report with that id.' },
  job_not_found: { kind: 'not_found', meaning: 'No background job with that id.' },
  api_key_not_found: { kind: 'not_found', meaning: 'No API key with that id.' },
  index_not_found: { kind: 'not_found', meaning: 'No complete vector index version by that name.' },
  // Requests the engine cannot take
  target_required: { kind: 'invalid_input', meaning: 'The recommendation names no target role (`target.roleId` or `target.title`).' },
  role_unresolved: { kind: 'unprocessable', meaning: 'The target title matches no role closely enough; `candidates` lists the nearest.' },
  invalid_optimiser_input: { kind: 'invalid_input', meaning: 'The path optimiser was given inconsistent skills, courses, weights or limits.' },
  idempotency_key_reused: { kind: 'conflict', meaning: 'This Idempotency-Key was already used with a different request.' },
  invalid_report_id: { kind: 'invalid_input', meaning: 'The report id in the page URL is not a UUID.' },
  invalid_scopes: { kind: 'invalid_input', meaning: 'An API key was asked for with no scopes or unknown ones.' },
  ingest_rejected: { kind: 'invalid_input', meaning: '`--strict` ingest found problem rows, so nothing was stored.' },
  // Dependencies not ready or too slow right now (retry later)
  solve_deadline: { kind: 'unavailable', meaning: 'Planning the path took longer than the server allows right now.' },
  overloaded: { kind: 'unavailable', meaning: 'The server is busy; an expensive request was turned away.' },
  request_timeout: { kind: 'unavailable', meaning: 'The request took longer than the server allows.' },
  database_unavailable: { kind: 'unavailable', meaning: 'The database is not answering right now.' },
  database_not_migrated: { kind: 'unavailable', meaning: 'The database has pending migrations (`skillpath migrate`).' },
  database_locked: { kind: 'unavailable', meaning: 'Another process holds the embedded database.' },
  model_unavailable: { kind: 'unavailable', meaning: 'The embedding model needed to build the index cannot be loaded.' },
  index_mismatch: { kind: 'unavailable', meaning: 'The vector index was built with another model or dimension; rebuild it.' },
  index_corrupt: { kind: 'unavailable', meaning: 'A vector index file is unreadable or fails its checksum; rebuild it.' },
  // Access
  unauthorized: { kind: 'unauthorized', meaning: 'The route needs an API key and none, or an invalid one, was sent.' },
  insufficient_scope: { kind: 'forbidden', meaning: 'The API key lacks the scope the route needs.' },
  admin_disabled: { kind: 'forbidden', meaning: 'Admin routes need ADMIN_TOKEN set or an API key with the admin scope.' },
  // The HTTP transport: request shape, limits and crashes
  validation_failed: { kind: 'invalid_input', meaning: 'The request does not match the route schema; `errors` names each bad field.' },
  invalid_characters: { kind: 'invalid_input', meaning: 'A string or key holds a NUL character or a lone UTF-16 surrogate.' },
  non_finite_number: { kind: 'invalid_input', meaning: 'A number is not finite (such as 1e400).' },
  too_deeply_nested: { kind: 'invalid_input', meaning: 'The JSON nests deeper than any request needs.' },
  malformed_json: { kind: 'invalid_input', meaning: 'The body is not valid JSON.' },
  empty_body: { kind: 'invalid_input', meaning: 'The content type is JSON but the body is empty.' },
  invalid_content_length: { kind: 'invalid_input', meaning: 'The body size does not match Content-Length.' },
  bad_request: { kind: 'invalid_input', meaning: 'Any other request Fastify refuses (its own 4xx status is kept).' },
  body_too_large: { kind: 'too_large', meaning: 'The body is larger than the server accepts.' },
  unsupported_media_type: { kind: 'unsupported_media_type', meaning: 'The route does not read this content type.' },
  rate_limited: { kind: 'rate_limited', meaning: 'Too many requests from one client this minute.' },
  route_not_found: { kind: 'not_found', meaning: 'No route with that method and path (see /docs).' },
  internal_error: { kind: 'internal', meaning: 'Something failed on our side; quote the request id.' },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: ErrorCode,
    message: string,
    /** Extra machine-readable fields safe to show a client (e.g. candidate matches). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

const domainError = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new DomainError(ERROR_CODES[code].kind, code, message, details);

const recordNotFound = (code: ErrorCode, noun: string, id: string | number) =>
  domainError(code, `No ${noun} with id '${String(id)}'.`, { id: String(id) });

// Catalog and stored records
export const skillNotFound = (id: string | number) => recordNotFound('skill_not_found', 'skill', id);
export const roleNotFound = (id: string | number) => recordNotFound('role_not_found', 'role', id);
export const courseNotFound = (id: string | number) => recordNotFound('course_not_found', 'course', id);
export const gapReportNotFound = (id: string | number) => recordNotFound('gap_report_not_found', 'gap report', id);
export const jobNotFound = (id: string | number) => recordNotFound('job_not_found', 'job', id);
export const apiKeyNotFound = (id: string) => domainError('api_key_not_found', `No API key with id '${id}'.`);
export const indexNameInvalid = (version: string) => domainError('index_not_found', `'${version}' is not an index version name.`);
export const indexNotFound = (version: string, indexDir: string) =>
  domainError('index_not_found', `no complete index version ${version} in ${indexDir}.`);

// Requests the engine cannot take
export const targetRequired = () => domainError('target_required', 'Give the target as `target.roleId` or `target.title`.');
export const titleNamesNoRole = (title: string) =>
  domainError(
    'role_unresolved',
    `The title '${title}' names no occupation once seniority, employer, place, codes and gender markers are set aside.`,
    { candidates: [] },
  );
export const roleUnresolved = (title: string, candidates: unknown[]) =>
  domainError('role_unresolved', `No role matches the title '${title}' closely enough.`, { candidates });
export const invalidOptimiserInput = (detail: string) => domainError('invalid_optimiser_input', detail);
export const idempotencyKeyReused = () =>
  domainError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request; use a new key for a new report.');
export const invalidReportId = (id: string) => domainError('invalid_report_id', `'${id}' is not a report id (a UUID).`, { id });
export const invalidScopes = (allowed: readonly string[], unknown: readonly string[]) =>
  domainError(
    'invalid_scopes',
    `Scopes must be some of ${allowed.join(', ')}, separated by commas${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}.`,
  );
export const ingestRejected = (problemCount: number, shown: readonly string[]) =>
  domainError('ingest_rejected', `--strict: ${problemCount} problem row(s), nothing was stored:\n${shown.join('\n')}`);

// Dependencies not ready or too slow right now
export const solveDeadline = () =>
  domainError('solve_deadline', 'Planning this path took longer than the server allows right now; retry shortly.');
export const overloaded = () => domainError('overloaded', 'The server is busy; retry shortly.');
export const requestTimeout = () => domainError('request_timeout', 'This request took longer than the server allows; retry shortly.');
export const databaseUnavailable = () => domainError('database_unavailable', 'The database is not answering right now; retry shortly.');
export const databaseNotMigrated = (pending: number) =>
  domainError(
    'database_not_migrated',
    `The database has ${pending} pending migration(s). Run \`skillpath migrate\` (or set AUTO_MIGRATE=true).`,
  );
/** `holder` says who holds the lock; `lapseSeconds` is how long after it stopped the lock lapses. */
export const databaseLocked = (dir: string, holder: string, lapseSeconds: number, details: { pid?: number } = {}) =>
  domainError(
    'database_locked',
    `The embedded database in ${dir} is in use by ${holder}. ` +
      'Only one process can use an embedded database: stop that one first, or set DATABASE_URL to a PostgreSQL database that several processes can share. ' +
      `(If that process is gone, its lock lapses ${lapseSeconds} s after it stopped.)`,
    details,
  );
export const modelUnavailable = (detail: string) => domainError('model_unavailable', `The index needs the embedding model: ${detail}`);
export const indexMismatch = (detail: string, rebuildCommand: string) =>
  domainError('index_mismatch', `${detail}; run \`${rebuildCommand}\` to rebuild it.`);
export const indexCorrupt = (version: string, detail: string, rebuildCommand: string) =>
  domainError('index_corrupt', `index ${version} is unusable: ${detail}; run \`${rebuildCommand}\` to rebuild it.`);

// Access
export const apiKeyRequired = (scope: string) =>
  domainError(
    'unauthorized',
    `This route needs an API key with the '${scope}' scope: send \`Authorization: Bearer <key>\` (create one with \`skillpath keys create\`).`,
  );
export const apiKeyInvalid = () => domainError('unauthorized', 'The API key is not valid (unknown, revoked or mistyped).');
export const insufficientScope = (scope: string) =>
  domainError('insufficient_scope', `This API key lacks the '${scope}' scope this route needs.`);
export const adminDisabled = () =>
  domainError('admin_disabled', 'ADMIN_TOKEN is not set: use an API key with the admin scope (`skillpath keys create --scopes admin`).');

// The HTTP transport. Fastify's own errors keep Fastify's message (it describes the request).
export const validationFailed = (detail: string, errors: { field: string; message: string }[]) =>
  domainError('validation_failed', detail, { errors });
const unsafeValue = (code: ErrorCode) => (field: string, message: string) =>
  domainError(code, `The request is invalid: ${field} ${message}.`, { errors: [{ field, message }] });
export const invalidCharacters = unsafeValue('invalid_characters');
export const nonFiniteNumber = unsafeValue('non_finite_number');
export const tooDeeplyNested = unsafeValue('too_deeply_nested');
export const malformedJson = (message: string) => domainError('malformed_json', message);
export const emptyBody = (message: string) => domainError('empty_body', message);
export const invalidContentLength = (message: string) => domainError('invalid_content_length', message);
export const badRequest = (message: string) => domainError('bad_request', message);
export const bodyTooLarge = (message: string) => domainError('body_too_large', message);
export const unsupportedMediaType = (message: string) => domainError('unsupported_media_type', message);
export const rateLimited = (message: string) => domainError('rate_limited', message);
export const routeNotFound = (method: string, path: string) => domainError('route_not_found', `No route ${method} ${path}. See /docs.`);
export const internalError = () =>
  domainError('internal_error', 'Something went wrong on our side. Quote the request id if you report it.');
