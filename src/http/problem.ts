/**
 * RFC 9457 problem details for every error. Domain errors map to their status and code;
 * validation errors become 400 with one entry per bad field; anything unexpected becomes a
 * 500 whose body says nothing about internals (the real error is logged with the request id).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  badRequest,
  bodyTooLarge,
  databaseUnavailable,
  DomainError,
  emptyBody,
  internalError,
  invalidContentLength,
  malformedJson,
  rateLimited,
  requestTimeout,
  routeNotFound,
  unsupportedMediaType,
  validationFailed,
  type DomainErrorKind,
} from '../core/errors.js';
import { isDependencyUnavailable } from './dependency-errors.js';

export const STATUS_BY_KIND: Readonly<Record<DomainErrorKind, number>> = {
  not_found: 404,
  invalid_input: 400,
  unprocessable: 422,
  conflict: 409,
  unavailable: 503,
  unauthorized: 401,
  forbidden: 403,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

/** Seconds a client should wait before retrying a 503. */
const RETRY_AFTER_SECONDS = 1;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** Fastify's own 4xx codes, mapped to stable codes of ours (clients should not see FST_ names). */
const FASTIFY_CODES: Record<string, (message: string) => DomainError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: bodyTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: unsupportedMediaType,
  FST_ERR_CTP_EMPTY_JSON_BODY: emptyBody,
  FST_ERR_CTP_INVALID_JSON_BODY: malformedJson,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: invalidContentLength,
  SKILLPATH_RATE_LIMITED: rateLimited,
};

/** The error code the rate limiter's errors carry (see protection.ts). */
export const RATE_LIMITED = 'SKILLPATH_RATE_LIMITED';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  requestId: string;
  errors?: { field: string; message: string }[];
  [extra: string]: unknown;
}

export function problem(
  request: FastifyRequest,
  status: number,
  code: DomainError['code'],
  detail: string,
  extra: Record<string, unknown> = {},
): ProblemBody {
  return {
    type: `urn:skillpath:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
    ...extra,
  };
}

/** The problem body for a domain error, with its kind's status. */
export function problemOf(request: FastifyRequest, error: DomainError, status = STATUS_BY_KIND[error.kind]): ProblemBody {
  return problem(request, status, error.code, error.message, error.details);
}

export function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}

interface ValidationIssue {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns Ajv issues into `{ field, message }` with a dotted path a person can find in their request. */
export function validationErrors(issues: ValidationIssue[], context: string | undefined) {
  const root = context ?? 'request';
  return issues.map((issue) => {
    const segments = issue.instancePath.split('/').filter(Boolean);
    const missing = issue.params.missingProperty;
    const extra = issue.params.additionalProperty;
    if (typeof missing === 'string') segments.push(missing);
    if (typeof extra === 'string') segments.push(extra);
    const field = segments.reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : `${path}.${s}`), root);
    let message = issue.message ?? 'is invalid';
    if (typeof extra === 'string') message = 'is not an allowed property';
    if (typeof missing === 'string') message = 'is required';
    if (Array.isArray(issue.params.allowedValues)) message = `must be one of: ${issue.params.allowedValues.join(', ')}`;
    return { field, message };
  });
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
    if (error instanceof DomainError) {
      const status = STATUS_BY_KIND[error.kind];
      if (status >= 500) request.log.warn({ code: error.code, err: error }, 'request failed on a dependency');
      // Every 503 is a "not now" (a dependency down, a deadline passed): say when to come back.
      if (status === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return sendProblem(reply, problemOf(request, error));
    }

    if (error.validation) {
      const errors = validationErrors(error.validation as ValidationIssue[], error.validationContext);
      const detail = `The ${error.validationContext ?? 'request'} is invalid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`;
      return sendProblem(reply, problemOf(request, validationFailed(detail, errors)));
    }

    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_HANDLER_TIMEOUT') {
      // The answer took longer than HANDLER_TIMEOUT_MS: a dependency is stuck, retrying may help.
      request.log.warn({ err: error }, 'request timed out');
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return sendProblem(reply, problemOf(request, requestTimeout()));
    }
    if (status >= 400 && status < 500) {
      // Fastify's client-error messages describe the request, not the server: safe to show.
      const toDomainError = FASTIFY_CODES[error.code] ?? (status === 413 ? bodyTooLarge : badRequest);
      // Fastify's status stands (a 414 stays a 414); only the code becomes ours.
      return sendProblem(reply, problemOf(request, toDomainError(error.message), status));
    }

    if (isDependencyUnavailable(error)) {
      request.log.warn({ err: error }, 'request failed: the database is unavailable');
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return sendProblem(reply, problemOf(request, databaseUnavailable()));
    }

    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, problemOf(request, internalError()));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemOf(request, routeNotFound(request.method, request.url.split('?')[0] ?? ''))),
  );
}
