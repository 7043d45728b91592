/** Placeholder: GET /reports serves the advisor's report form and its static assets (being written). */
import type { FastifyPluginAsync } from 'fastify';

export const reportFormRoutes: FastifyPluginAsync = async () => {};
