/** Skill extraction over HTTP, and the admin refresh job that turns hybrid search on. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { FakeEmbedder } from '../helpers/fake-embedder.js';

const TOKEN = 'test-admin-token-0123456789';
const indexDir = mkdtempSync(path.join(tmpdir(), 'skillpath-http-index-'));
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp(
    { EMBEDDING_PROVIDER: 'transformers', ADMIN_TOKEN: TOKEN, INDEX_DIR: indexDir },
    { loadModel: true, loadEmbedder: async () => new FakeEmbedder() },
  );
  await t.container.services.indexing.serve();
});
afterAll(async () => {
  await t.close();
  rmSync(indexDir, { recursive: true, force: true });
});

const admin = { authorization: `Bearer ${TOKEN}` };

describe('POST /v1/skills/extract', () => {
  it('finds skills named in the text with their exact spans', async () => {
    const text = 'Built dashboards in Tableau and wrote SQL queries every day.';
    const res = await t.app.inject({ method: 'POST', url: '/v1/skills/extract', payload: { text, limit: 10 } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const tableau = body.skills.find((s: { label: string }) => /tableau/i.test(s.label));
    expect(tableau).toBeDefined();
    expect(tableau.source).toBe('starter');
    const span = tableau.spans.find((s: { via: string }) => s.via !== 'semantic');
    expect(text.slice(span.start, span.end)).toBe(span.text);
    expect(span.text.toLowerCase()).toContain('tableau');
    expect(body.skills.every((s: { score: number }) => s.score > 0 && s.score <= 1)).toBe(true);
  });

  it('filters by taxonomy and rejects empty text', async () => {
    const none = await t.app.inject({ method: 'POST', url: '/v1/skills/extract', payload: { text: 'SQL and Tableau', source: 'esco' } });
    expect(none.json().skills).toEqual([]);
    const empty = await t.app.inject({ method: 'POST', url: '/v1/skills/extract', payload: { text: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('body.text');
  });
});

describe('admin index refresh', () => {
  it('refuses without the bearer token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/admin/index/refresh', payload: {} });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthorized');
    const wrong = await t.app.inject({ method: 'GET', url: '/v1/admin/jobs/3f0e0a4e-8a53-4c36-9d0b-6a3cfcf1a111', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('runs a refresh as a job, reports it, and serves hybrid search afterwards', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/v1/skills?q=sql' });
    expect(before.json().mode).toBe('lexical');

    const started = await t.app.inject({ method: 'POST', url: '/v1/admin/index/refresh', headers: admin, payload: {} });
    expect(started.statusCode).toBe(202);
    const job = started.json();
    expect(started.headers.location).toBe(`/v1/admin/jobs/${job.id}`);
    expect(['queued', 'running']).toContain(job.status);

    let status = job;
    for (let i = 0; i < 200 && (status.status === 'queued' || status.status === 'running'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await t.app.inject({ method: 'GET', url: `/v1/admin/jobs/${job.id}`, headers: admin })).json();
    }
    expect(status.status).toBe('succeeded');
    expect(status.summary).toMatchObject({ built: true, failed: 0 });
    expect(status.summary.embedded).toBeGreaterThan(0);
    expect(status.finishedAt).not.toBeNull();

    const ready = (await t.app.inject({ method: 'GET', url: '/health/ready' })).json();
    expect(ready).toMatchObject({ status: 'ready', components: { index: { status: 'ready' } } });
    const after = await t.app.inject({ method: 'GET', url: '/v1/skills?q=sql' });
    expect(after.json().mode).toBe('hybrid');
  });

  it('answers 404 for an unknown job', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/admin/jobs/3f0e0a4e-8a53-4c36-9d0b-6a3cfcf1a111', headers: admin });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('job_not_found');
  });
});

describe('admin routes without a token configured', () => {
  it('are switched off with 403', async () => {
    const plain = await startTestApp();
    try {
      const res = await plain.app.inject({ method: 'POST', url: '/v1/admin/index/refresh', headers: admin, payload: {} });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('admin_disabled');
    } finally {
      await plain.close();
    }
  });
});
