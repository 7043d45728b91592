/** Placeholder: GET /reports/:id renders a stored gap report as a printable HTML page (being written). */
import type { FastifyPluginAsync } from 'fastify';
import type { GapReportService } from '../../core/recommend/reports.js';

export const reportPageRoutes: FastifyPluginAsync<{ gapReports: GapReportService }> = async () => {};
