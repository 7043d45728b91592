import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HealthService } from '../../core/health.js';

const Component = Type.Object({
  status: Type.Enum(['ready', 'loading', 'unavailable', 'not_built', 'disabled', 'down']),
  detail: Type.Optional(Type.String()),
});

const Readiness = Type.Object({
  status: Type.Enum(['ready', 'degraded', 'unavailable'], {
    description: 'degraded: serving, but with lexical search because the model or index is missing',
  }),
  components: Type.Object({ database: Component, model: Component, index: Component }),
});

export const healthRoutes: FastifyPluginAsyncTypebox<{ health: HealthService }> = async (app, { health }) => {
  app.get(
    '/health/live',
    {
      schema: {
        tags: ['health'],
        operationId: 'getLiveness',
        summary: 'The process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['health'],
        operationId: 'getReadiness',
        summary: 'Ready to serve: database, vector index and embedding model',
        description: '503 while the database is unreachable or the service is shutting down.',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const readiness = await health.readiness();
      return reply.code(readiness.status === 'unavailable' ? 503 : 200).send(readiness);
    },
  );
};
