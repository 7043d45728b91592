/** GET /reports/:id — a stored gap report as a printable, shareable HTML page. */
import type { FastifyPluginAsync } from 'fastify';
import { invalidReportId } from '../../core/errors.js';
import type { GapReportService } from '../../core/recommend/reports.js';
import { renderReportHtml } from '../../reports/render-report.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The page needs no scripts, fonts or remote images; anything else would be an injection. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const reportPageRoutes: FastifyPluginAsync<{ gapReports: GapReportService }> = async (app, { gapReports }) => {
  app.get<{ Params: { id: string } }>(
    '/reports/:id',
    // A page, not an API operation: kept out of the OpenAPI document.
    { schema: { hide: true } },
    async (request, reply) => {
      const { id } = request.params;
      if (!UUID.test(id)) {
        throw invalidReportId(id.slice(0, 64));
      }
      const report = await gapReports.get(id);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', CSP)
        .header('x-content-type-options', 'nosniff')
        // The URL is what grants access to the report: never hand it to course sites as a referrer.
        .header('referrer-policy', 'no-referrer')
        // A learner's report: no shared cache (proxy, browser back-forward store) keeps a copy.
        .header('cache-control', 'no-store')
        .send(renderReportHtml(report));
    },
  );
};
