/**
 * End to end with the real embedding model (when it is on disk): refresh the index over the
 * starter catalog, serve it, and check that search and extraction use it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { sharedModel } from '../helpers/config.js';

describe.skipIf(!sharedModel.present)('hybrid search with the real model', () => {
  const indexDir = mkdtempSync(path.join(tmpdir(), 'skillpath-real-index-'));
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(
      {
        EMBEDDING_PROVIDER: 'transformers',
        MODEL_DIR: sharedModel.modelDir,
        EMBEDDING_MODEL: sharedModel.model,
        EMBEDDING_DTYPE: 'q8',
        ALLOW_REMOTE_MODELS: 'false',
        INDEX_DIR: indexDir,
      },
      { loadModel: true },
    );
    await t.container.services.indexing.serve();
    const summary = await t.container.services.indexing.refresh();
    expect(summary.built).toBe(true);
  });

  afterAll(async () => {
    await t?.close();
    rmSync(indexDir, { recursive: true, force: true });
  });

  it('answers searches in hybrid mode', async () => {
    const res = (await t.app.inject({ method: 'GET', url: '/v1/roles?q=data%20analyst' })).json();
    expect(res.mode).toBe('hybrid');
    expect(res.items[0]).toMatchObject({ title: 'Data Analyst', score: 1 });
  });

  it('extracts skills from prose with spans a person can check', async () => {
    const text = 'Every week I clean messy data in spreadsheets and present the findings to managers.';
    const res = (await t.app.inject({ method: 'POST', url: '/v1/skills/extract', payload: { text, limit: 10 } })).json();
    expect(res.mode).toBe('hybrid');
    expect(res.skills.length).toBeGreaterThan(0);
    for (const skill of res.skills) {
      for (const span of skill.spans) expect(text.slice(span.start, span.end)).toBe(span.text);
    }
    // "clean messy data" names no skill word for word: only the model links it to Data cleaning.
    const cleaning = res.skills.find((s: { label: string }) => s.label === 'Data cleaning');
    expect(cleaning?.spans.map((s: { via: string }) => s.via)).toContain('semantic');
    expect(cleaning?.spans.some((s: { text: string }) => s.text.includes('clean messy data'))).toBe(true);
  });
});
