/**
 * What a service exposed on a network needs from its HTTP layer, from well-kept plugins:
 * security headers on every response (@fastify/helmet), a CORS policy that is off unless
 * configured (@fastify/cors), and per-key (else per-address) rate limits (@fastify/rate-limit) answered as a 429
 * problem with Retry-After and the IETF RateLimit headers. Health probes are never limited.
 */
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { RATE_LIMITED } from './problem.js';

export interface ProtectionOptions {
  /** Origins allowed to call the API from a browser; empty: no CORS headers at all; ['*']: any. */
  corsOrigins: readonly string[];
  /** Requests per minute per client address; 0 switches limiting off. */
  rateLimitPerMinute: number;
}

export async function registerProtection(app: FastifyInstance, options: ProtectionOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        // Pages are never framed (clickjacking); scripts and styles come from this origin only
        // (the report page's inline <style> needs 'unsafe-inline' for styles, which helmet allows).
        'frame-ancestors': ["'none'"],
      },
    },
    // Swagger UI and the report pages load nothing cross-origin; no need to relax these.
    crossOriginEmbedderPolicy: false,
  });

  if (options.corsOrigins.length > 0) {
    const any = options.corsOrigins.includes('*');
    await app.register(cors, {
      origin: any ? '*' : [...options.corsOrigins],
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'x-request-id', 'idempotency-key'],
      exposedHeaders: ['x-request-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'location'],
      maxAge: 600,
    });
  }

  if (options.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: options.rateLimitPerMinute,
      timeWindow: 60_000,
      // After authentication (onRequest), so a caller with an API key is counted per key —
      // many clients behind one proxy address do not share one budget — and others per address.
      hook: 'preHandler',
      keyGenerator: (request) => (request.apiKey ? `key:${request.apiKey.id}` : `ip:${request.ip}`),
      // The IETF draft's RateLimit-* headers, plus Retry-After on a 429.
      enableDraftSpec: true,
      allowList: (request) => request.url.startsWith('/health/'),
      // Thrown by the plugin and answered by the problem handler, like every other error.
      errorResponseBuilder: (_request, context) =>
        Object.assign(new Error(`Too many requests: at most ${context.max} a minute from one client; retry in ${Math.ceil(context.ttl / 1000)} s.`), {
          statusCode: 429,
          code: RATE_LIMITED,
        }),
    });
  }
}
