/**
 * Who may call what. Each route needs one scope (ROUTE_SCOPES); a key is presented as
 * `Authorization: Bearer sk_…` or `X-API-Key: sk_…`. With AUTH_REQUIRED off (the default on the
 * embedded first run) public routes are open, but some never are: admin routes, and listing a
 * learner's reports, which would otherwise let anyone read anyone's reports by guessing a
 * learner id. A report's own URL (a random UUID) stays a capability link anyone holding it can
 * open. ADMIN_TOKEN still works as an admin credential.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiKeyService, Scope, VerifiedKey } from '../core/api-keys.js';
import { adminDisabled, apiKeyInvalid, apiKeyRequired, insufficientScope } from '../core/errors.js';

export interface AuthOptions {
  keys: ApiKeyService;
  /** Public routes need a key too. */
  required: boolean;
  adminToken: string | undefined;
}

/** Route → scope. Routes not listed (health, docs, OpenAPI, pages, a report by id) are open. */
const ROUTE_SCOPES: Record<string, Scope> = {
  'GET /v1/skills': 'read',
  'GET /v1/skills/:id': 'read',
  'GET /v1/roles': 'read',
  'GET /v1/roles/:id': 'read',
  'GET /v1/courses': 'read',
  'GET /v1/courses/:id': 'read',
  'POST /v1/skills/extract': 'recommend',
  'POST /v1/recommend': 'recommend',
  'POST /v1/gap-reports': 'reports',
  'GET /v1/gap-reports': 'reports',
  'POST /v1/admin/index/refresh': 'admin',
  'GET /v1/admin/jobs/:id': 'admin',
};
/** Keyed whatever AUTH_REQUIRED says. */
const ALWAYS_KEYED = new Set(['GET /v1/gap-reports', 'POST /v1/admin/index/refresh', 'GET /v1/admin/jobs/:id']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified API key, when one was presented (rate limits count per key). */
    apiKey?: VerifiedKey;
  }
}

function presentedKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : null;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function registerAuth(app: FastifyInstance, options: AuthOptions): void {
  app.addHook('onRequest', async (request, reply) => {
    // Fastify answers HEAD with the GET handler: it needs what the GET needs.
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const route = `${method} ${request.routeOptions.url ?? ''}`;
    const scope = ROUTE_SCOPES[route];
    const presented = presentedKey(request);
    if (!scope) return;
    if (scope === 'admin' && options.adminToken && presented && sameToken(presented, options.adminToken)) return;

    const key = presented ? await options.keys.verify(presented) : null;
    if (key) request.apiKey = key;
    if (!options.required && !ALWAYS_KEYED.has(route)) return;

    void reply.header('www-authenticate', `Bearer realm="skillpath", scope="${scope}"`);
    if (!presented) {
      throw apiKeyRequired(scope);
    }
    if (!key) {
      if (scope === 'admin' && !options.adminToken && !presented.startsWith('sk_')) {
        throw adminDisabled();
      }
      throw apiKeyInvalid();
    }
    if (!key.scopes.has(scope)) {
      throw insufficientScope(scope);
    }
  });
}
