/** Recommendations and stored gap reports. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { GapReportService, RecommendationStore } from '../../core/recommend/reports.js';
import type { RecommendationService } from '../../core/recommend/recommendation-service.js';
import type { Recommendation, RecommendRequest as CoreRequest } from '../../core/recommend/types.js';
import { gapReportCsv } from '../../reports/gap-report-csv.js';
import { problemResponses } from '../../contract/common.js';
import { GapReport, GapReportList, GapReportListQuery, GapReportParams, GapReportRequest, RecommendRequest } from '../../contract/recommendation.js';

/** A retry-safety key for creating reports (see the route's description). */
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' })),
});

/** Content negotiation between JSON (the default) and CSV, honouring q-values. */
function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const quality = (type: string) => {
    let best = 0;
    for (const part of accept.split(',')) {
      const [range = '', ...params] = part.trim().toLowerCase().split(';');
      if (range !== type && range !== `${type.split('/')[0]}/*` && range !== '*/*') continue;
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      // An exact type outranks a wildcard of the same q, as in RFC 9110.
      const value = (q ? Number(q.slice(2)) : 1) - (range === type ? 0 : 0.0001);
      best = Math.max(best, Number.isFinite(value) ? value : 0);
    }
    return best;
  };
  const csv = quality('text/csv');
  return csv > 0 && csv > quality('application/json');
}

/** `<uuid>.csv` asks for CSV; the schema has already checked the shape. */
function splitFormat(param: string): { id: string; csv: boolean } {
  return param.endsWith('.csv') ? { id: param.slice(0, -4), csv: true } : { id: param, csv: false };
}

export interface RecommendationRouteOptions {
  recommendations: RecommendationService;
  gapReports: GapReportService;
  store: RecommendationStore;
}

export const recommendationRoutes: FastifyPluginAsyncTypebox<RecommendationRouteOptions> = async (app, { recommendations, gapReports, store }) => {
  const serialised = new WeakMap<Recommendation, string>();

  /** Buffered and written in batches, so logging never slows or fails a request. */
  const logServed = (requestId: string, kind: 'recommendation' | 'gap_report', request: CoreRequest, recommendation: Recommendation, started: number) => {
    const entry = {
      requestId,
      kind,
      learnerRef: request.learner.id ?? null,
      roleId: recommendation.target.role.id,
      request,
      recommendation,
      durationMs: performance.now() - started,
    };
    store.log(entry).catch((error: unknown) => app.log.warn({ err: error, requestId }, 'could not log the recommendation'));
  };

  app.post(
    '/recommend',
    {
      schema: {
        tags: ['recommendations'],
        operationId: 'recommend',
        summary: 'The cheapest ordered path of micro-credentials from what a learner holds to a target role',
        description:
          'Resolves the learner (credentials, skills, free text) and the target role, computes the weighted gap, and solves for the ' +
          'cheapest set of courses that covers it under the constraints (exactly, as a MIP, within a fixed amount of search work; 503 with Retry-After past the deadline). Constraints no path ' +
          'can satisfy give 200 with a partial path, the uncovered skills and the binding constraint.',
        body: RecommendRequest,
        response: { 200: Type.Ref('Recommendation'), ...problemResponses(400, 404, 413, 422, 503) },
      },
    },
    async (request, reply) => {
      const started = performance.now();
      const body = request.body as CoreRequest;
      const recommendation = await recommendations.recommend(body);
      logServed(String(request.id), 'recommendation', body, recommendation, started);
      // A cached answer is the same object every time it is served: serialise it (by the
      // response schema) once, not once per request.
      let json = serialised.get(recommendation);
      if (json === undefined) {
        json = String(reply.serialize(recommendation));
        serialised.set(recommendation, json);
      }
      return reply.type('application/json; charset=utf-8').send(json);
    },
  );

  app.post(
    '/gap-reports',
    {
      schema: {
        tags: ['gap reports'],
        operationId: 'createGapReport',
        summary: 'Run and store a gap report; it is then shareable at its id',
        description:
          'Send an `Idempotency-Key` header (any 1–255 visible ASCII characters, unique per report) to make retries safe: a repeat with the same key and the same body answers 200 with the report already stored (and `Idempotent-Replayed: true`) instead of storing a second one; the same key with a different body is a 409.',
        headers: IdempotencyHeaders,
        body: GapReportRequest,
        response: { 200: GapReport, 201: GapReport, ...problemResponses(400, 404, 409, 413, 422, 503) },
      },
    },
    async (request, reply) => {
      const started = performance.now();
      const body = request.body as CoreRequest;
      const { report, replayed } = await gapReports.create(body, request.headers['idempotency-key'], request.apiKey ? `key:${request.apiKey.id}` : undefined);
      if (replayed) return reply.code(200).header('idempotent-replayed', 'true').header('location', `/v1/gap-reports/${report.id}`).send(report);
      logServed(String(request.id), 'gap_report', body, report.recommendation, started);
      return reply.code(201).header('location', `/v1/gap-reports/${report.id}`).send(report);
    },
  );

  app.get(
    '/gap-reports',
    {
      schema: {
        tags: ['gap reports'],
        operationId: 'listGapReports',
        summary: "A learner's gap reports, newest first",
        querystring: GapReportListQuery,
        response: { 200: GapReportList, ...problemResponses(400) },
      },
    },
    async (request) => ({ items: await gapReports.list(request.query.learnerId, request.query.limit) }),
  );

  app.get(
    '/gap-reports/:id',
    {
      schema: {
        tags: ['gap reports'],
        operationId: 'getGapReport',
        summary: 'A stored gap report, as JSON or as CSV (one row per required skill)',
        description: 'CSV with `Accept: text/csv` or by adding `.csv` to the id.',
        params: GapReportParams,
        response: {
          200: {
            description: 'The report',
            content: {
              'application/json': { schema: GapReport },
              'text/csv': { schema: Type.String({ description: 'skill, skill_source, skill_uri, kind, weight, status, evidence, covered_by_step, course, provider' }) },
            },
          },
          ...problemResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { id, csv } = splitFormat(request.params.id);
      const report = await gapReports.get(id);
      const wantsCsv = csv || prefersCsv(request.headers.accept);
      if (!wantsCsv) return report;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="gap-report-${report.id}.csv"`)
        .send(gapReportCsv(report));
    },
  );
};
