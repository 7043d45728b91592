/**
 * Builds the Fastify app without listening, so tests drive it with `app.inject()`. Plugins
 * are registered explicitly and in order: request ids and errors, OpenAPI, health, /v1 routes.
 */
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import type { Logger } from '../logger.js';
import { registerAuth } from './auth.js';
import { registerInputGuard } from './input-guard.js';
import { registerLoadShedding, type LoadSheddingOptions } from './load-shedding.js';
import { registerProblemHandlers } from './problem.js';
import { registerProtection, type ProtectionOptions } from './protection.js';
import { adminRoutes, adminSchemas } from './routes/admin.js';
import { catalogRoutes } from './routes/catalog.js';
import { healthRoutes } from './routes/health.js';
import { recommendationRoutes } from './routes/recommendations.js';
import { reportFormRoutes } from './routes/report-form.js';
import { reportPageRoutes } from './routes/report-pages.js';
import { sharedSchemas } from '../contract/catalog.js';
import { ProblemSchema } from '../contract/common.js';
import { recommendationSchemas } from '../contract/recommendation.js';

export interface AppOptions {
  logger: Logger;
  adminToken?: string | undefined;
  /** Public routes need an API key too (admin routes and listing reports always do). */
  authRequired?: boolean;
  bodyLimitBytes: number;
  version: string;
  /** Shed expensive requests under load (see load-shedding); off when absent. */
  loadShedding?: LoadSheddingOptions;
  /** CORS and rate limits (see protection); security headers are always on. */
  protection?: ProtectionOptions;
  /** Socket timeouts (see Config.timeouts); Node's defaults when absent. */
  timeouts?: { requestMs: number; headersMs: number; keepAliveMs: number; handlerMs?: number };
}

/** Inbound request ids are echoed only when they look like ids, never arbitrary header text. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildApp(services: Services, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; typing it as such keeps the instance type the default one.
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimitBytes,
    // A client that sends headers or a body slower than this (or a body shorter than its
    // Content-Length) is cut off instead of holding a socket for minutes.
    ...(options.timeouts
      ? {
          requestTimeout: options.timeouts.requestMs,
          keepAliveTimeout: options.timeouts.keepAliveMs,
          ...(options.timeouts.handlerMs ? { handlerTimeout: options.timeouts.handlerMs } : {}),
          // Node checks those limits only this often (30 s by default, which would double them).
          http: {
            headersTimeout: options.timeouts.headersMs,
            connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(Math.min(options.timeouts.requestMs, options.timeouts.headersMs) / 4))),
          },
        }
      : {}),
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      // Probes hit health every few seconds; their lines would drown the real traffic.
      disableRequestLogging: (request) => request.url.startsWith('/health/'),
    }),
    genReqId: (request) => {
      const inbound = request.headers['x-request-id'];
      return typeof inbound === 'string' && SAFE_REQUEST_ID.test(inbound) ? inbound : randomUUID();
    },
    ajv: {
      // Reject unknown properties instead of silently dropping them (Fastify's default), so a
      // misspelt constraint is an error the caller sees rather than a constraint ignored.
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerProblemHandlers(app);
  registerInputGuard(app);
  await registerProtection(app, options.protection ?? { corsOrigins: [], rateLimitPerMinute: 0 });
  // After helmet and CORS, so a 401 or 403 carries their headers too.
  registerAuth(app, { keys: services.apiKeys, required: options.authRequired ?? false, adminToken: options.adminToken });
  if (options.loadShedding) await registerLoadShedding(app, options.loadShedding);

  for (const schema of [ProblemSchema, ...sharedSchemas, ...recommendationSchemas, ...adminSchemas]) app.addSchema(schema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'skillpath',
        version: options.version,
        description:
          'Personalised learning paths: compare what a learner holds with a target role and get the cheapest ordered path of micro-credentials that closes the gap. Errors are RFC 9457 problem details with a stable `code`.',
      },
      tags: [
        { name: 'recommendations', description: 'Learning paths' },
        { name: 'gap reports', description: 'Stored, shareable gap reports' },
        { name: 'skills', description: 'Skills from ESCO, O*NET and the starter taxonomy' },
        { name: 'roles', description: 'Roles and occupations with their required skills' },
        { name: 'courses', description: 'Courses and micro-credentials' },
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'admin', description: 'Index refresh jobs (bearer token)' },
      ],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key (`skillpath keys create`), or ADMIN_TOKEN for admin routes' },
          apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
    },
    // Name shared components after their $id instead of def-0, def-1, ...
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Browsers ask every origin for a favicon; an empty answer beats a logged 404 on every page.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.code(204).header('cache-control', 'public, max-age=86400').send());

  await app.register(healthRoutes, { health: services.health });
  // The advisor's pages: a form that builds reports, and each report at a shareable URL.
  await app.register(reportFormRoutes);
  await app.register(reportPageRoutes, { gapReports: services.gapReports });
  await app.register(
    async (v1) => {
      await v1.register(catalogRoutes, { catalog: services.catalog });
      await v1.register(recommendationRoutes, {
        recommendations: services.recommendations,
        gapReports: services.gapReports,
        store: services.recommendationStore,
      });
      await v1.register(adminRoutes, {
        prefix: '/admin',
        jobs: services.jobs,
      });
    },
    { prefix: '/v1' },
  );

  return app;
}
