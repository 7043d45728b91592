/**
 * The advisor's report form: `GET /reports` serves a static page whose script calls the public
 * API (`/v1/skills`, `/v1/courses`, `/v1/roles`, `POST /v1/gap-reports`) and then opens the
 * stored report at `/reports/{id}`. Hidden from OpenAPI: these are pages, not API.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { packageRoot } from '../../paths.js';

// `tsc` copies only .ts files into dist/, so both the source and the built server read the
// assets from the package's src/ tree; a deployment must ship src/http/public beside dist/.
export const reportFormAssetsDir = join(packageRoot, 'src', 'http', 'public', 'reports');

/** The only files `/reports/assets/:file` serves: no path from the URL ever reaches the filesystem. */
const ASSETS: Readonly<Record<string, string>> = {
  'report-form.js': 'text/javascript; charset=utf-8',
  'report-form.css': 'text/css; charset=utf-8',
};

/**
 * Scripts, styles and fetches from this origin only; no inline code, so API text that ever
 * reached the DOM as markup still could not run. `img-src data:` is for the empty favicon.
 */
export const REPORT_FORM_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

async function sendAsset(reply: FastifyReply, file: string, contentType: string): Promise<FastifyReply> {
  const body = await readFile(join(reportFormAssetsDir, file));
  return reply
    .type(contentType)
    .header('cache-control', 'no-cache')
    .header('content-security-policy', REPORT_FORM_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .send(body);
}

export const reportFormRoutes: FastifyPluginAsync = async (app) => {
  const page = { schema: { hide: true } };
  // Read on each request (the files are a few kB) so an edited asset shows without a restart.
  app.get('/reports', page, async (_request, reply) => sendAsset(reply, 'index.html', 'text/html; charset=utf-8'));
  app.get('/reports/', page, async (_request, reply) => sendAsset(reply, 'index.html', 'text/html; charset=utf-8'));

  app.get<{ Params: { file: string } }>('/reports/assets/:file', page, async (request, reply) => {
    const { file } = request.params;
    const contentType = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (contentType === undefined) return reply.callNotFound();
    return sendAsset(reply, file, contentType);
  });
};
