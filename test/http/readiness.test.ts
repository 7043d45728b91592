/** The service starts and serves when the model cannot be loaded, and readiness says so. */
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.js';

describe('readiness', () => {
  it('reports a missing model as unavailable, logs one warning, and still serves search', async () => {
    const t = await startTestApp(
      {
        EMBEDDING_PROVIDER: 'transformers',
        MODEL_DIR: '/nonexistent/models',
        EMBEDDING_MODEL: 'nobody/no-model',
        ALLOW_REMOTE_MODELS: 'false',
        LOG_LEVEL: 'info',
      },
      { loadModel: true },
    );
    try {
      await t.container.services.embedder.start();
      const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'degraded', components: { model: { status: 'unavailable' } } });
      expect(ready.json().components.model.detail).toContain('nobody/no-model');
      const warnings = t.logLines().filter((l) => l.level === 40 && String(l.msg).includes('could not be loaded'));
      expect(warnings).toHaveLength(1);
      const search = await t.app.inject({ method: 'GET', url: '/v1/roles?q=data' });
      expect(search.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('answers 503 while shutting down', async () => {
    const t = await startTestApp();
    t.container.services.health.markShuttingDown();
    const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json().status).toBe('unavailable');
    await t.close();
  });
});

describe('load shedding', () => {
  it('turns expensive requests away with 503 overloaded and Retry-After under pressure, and keeps cheap ones answering', async () => {
    // A heap limit of one byte: the process is "under pressure" from its first measurement on.
    const t = await startTestApp({ SHED_HEAP_USED_BYTES: '1', SHED_EVENT_LOOP_DELAY_MS: '0' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const shed = await t.app.inject({ method: 'POST', url: '/v1/recommend', payload: { learner: { skills: [] }, target: { roleId: 'data-analyst' } } });
      expect(shed.statusCode).toBe(503);
      expect(shed.headers['retry-after']).toBe('1');
      expect(shed.json()).toMatchObject({ code: 'overloaded', status: 503 });
      expect((await t.app.inject({ method: 'POST', url: '/v1/skills/extract', payload: { text: 'SQL' } })).statusCode).toBe(503);
      expect((await t.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/v1/roles?q=data' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
