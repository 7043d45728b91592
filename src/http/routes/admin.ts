/**
 * Admin routes: start an index refresh in the background and follow it. They cost real CPU,
 * so they always need an API key with the admin scope, or ADMIN_TOKEN.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { INDEX_REFRESH_JOB } from '../../jobs/indexing.js';
import { jobNotFound } from '../../core/errors.js';
import type { JobRunner } from '../../jobs/job-runner.js';
import { Nullable, problemResponses } from '../../contract/common.js';

const Job = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.String(),
    status: Type.Enum(['queued', 'running', 'succeeded', 'failed']),
    progress: Type.Object({
      stage: Nullable(Type.String()),
      done: Nullable(Type.Number()),
      total: Nullable(Type.Number()),
    }),
    summary: Nullable(Type.Object({}, { additionalProperties: true, description: 'The refresh summary once it succeeded' })),
    error: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    startedAt: Nullable(Type.String({ format: 'date-time' })),
    finishedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'Job' },
);

export const adminSchemas = [Job];

/** Keys are checked by http/auth.ts: these routes need the admin scope (or ADMIN_TOKEN). */
export const adminRoutes: FastifyPluginAsyncTypebox<{ jobs: JobRunner }> = async (app, { jobs }) => {
  app.post(
    '/index/refresh',
    {
      schema: {
        tags: ['admin'],
        operationId: 'refreshIndex',
        summary: 'Start an incremental index refresh in the background (one at a time)',
        description: 'Answers 202 with the job; while a refresh runs, asking again returns that job.',
        security: [{ bearerAuth: [] }],
        body: Type.Optional(Type.Object({ force: Type.Boolean({ default: false }) }, { additionalProperties: false })),
        response: { 202: Type.Ref('Job'), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const force = request.body?.force ?? false;
      const { job } = await jobs.startHandled(INDEX_REFRESH_JOB, { force });
      return reply.code(202).header('location', `/v1/admin/jobs/${job.id}`).send(job);
    },
  );

  app.get(
    '/jobs/:id',
    {
      schema: {
        tags: ['admin'],
        operationId: 'getJob',
        summary: 'Status, progress and summary of a background job',
        security: [{ bearerAuth: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 200: Type.Ref('Job'), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const job = await jobs.get(request.params.id);
      if (!job) throw jobNotFound(request.params.id);
      return job;
    },
  );
};
