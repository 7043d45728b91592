/**
 * Recommendation and gap-report routes. Their contracts are final; the engine that answers
 * them is not built yet, so they answer 501 with a problem body — never a fake answer.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notImplemented } from '../../core/errors.js';
import { problemResponses } from '../schemas/common.js';
import {
  GapReport,
  GapReportParams,
  GapReportRequest,
  RecommendRequest,
} from '../schemas/recommendation.js';

const ENGINE_PENDING = 'The recommendation engine is not available in this version; catalog search and detail routes work.';

export const recommendationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/recommend',
    {
      schema: {
        tags: ['recommendations'],
        operationId: 'recommend',
        summary: 'The cheapest ordered path of micro-credentials from what a learner holds to a target role',
        body: RecommendRequest,
        response: { 200: Type.Ref('Recommendation'), ...problemResponses(400, 404, 413, 422, 501, 503) },
      },
    },
    async () => {
      throw notImplemented('recommend', ENGINE_PENDING);
    },
  );

  app.post(
    '/gap-reports',
    {
      schema: {
        tags: ['gap reports'],
        operationId: 'createGapReport',
        summary: 'Run and store a gap report for a learner and a target role',
        body: GapReportRequest,
        response: { 201: GapReport, ...problemResponses(400, 404, 413, 422, 501, 503) },
      },
    },
    async () => {
      throw notImplemented('gap_reports', ENGINE_PENDING);
    },
  );

  app.get(
    '/gap-reports/:id',
    {
      schema: {
        tags: ['gap reports'],
        operationId: 'getGapReport',
        summary: 'A stored gap report',
        params: GapReportParams,
        response: { 200: GapReport, ...problemResponses(400, 404, 501) },
      },
    },
    async () => {
      throw notImplemented('gap_reports', ENGINE_PENDING);
    },
  );
};
