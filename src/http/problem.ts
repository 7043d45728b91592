/**
 * RFC 9457 problem details for every error. Domain errors map to their status and code;
 * validation errors become 400 with one entry per bad field; anything unexpected becomes a
 * 500 whose body says nothing about internals (the real error is logged with the request id).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorKind } from '../core/errors.js';
import { isDependencyUnavailable } from './dependency-errors.js';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  not_found: 404,
  invalid_input: 400,
  unprocessable: 422,
  conflict: 409,
  not_implemented: 501,
  unavailable: 503,
  unauthorized: 401,
  forbidden: 403,
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
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
  SKILLPATH_RATE_LIMITED: 'rate_limited',
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
  code: string,
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
      return sendProblem(reply, problem(request, status, error.code, error.message, error.details));
    }

    if (error.validation) {
      const errors = validationErrors(error.validation as ValidationIssue[], error.validationContext);
      const detail = `The ${error.validationContext ?? 'request'} is invalid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`;
      return sendProblem(reply, problem(request, 400, 'validation_failed', detail, { errors }));
    }

    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_HANDLER_TIMEOUT') {
      // The answer took longer than HANDLER_TIMEOUT_MS: a dependency is stuck, retrying may help.
      request.log.warn({ err: error }, 'request timed out');
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return sendProblem(reply, problem(request, 503, 'request_timeout', 'This request took longer than the server allows; retry shortly.'));
    }
    if (status >= 400 && status < 500) {
      // Fastify's client-error messages describe the request, not the server: safe to show.
      const code = FASTIFY_CODES[error.code] ?? (status === 413 ? 'body_too_large' : 'bad_request');
      return sendProblem(reply, problem(request, status, code, error.message));
    }

    if (isDependencyUnavailable(error)) {
      request.log.warn({ err: error }, 'request failed: the database is unavailable');
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return sendProblem(reply, problem(request, 503, 'database_unavailable', 'The database is not answering right now; retry shortly.'));
    }

    request.log.error({ err: error }, 'unhandled error');
    const detail = 'Something went wrong on our side. Quote the request id if you report it.';
    return sendProblem(reply, problem(request, 500, 'internal_error', detail));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problem(request, 404, 'route_not_found', `No route ${request.method} ${request.url.split('?')[0] ?? ''}. See /docs.`),
    ),
  );
}
