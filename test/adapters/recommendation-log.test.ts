/**
 * The recommendation log keeps every row it can: a row the database refuses is isolated from
 * its batch, and a batch that meets a database that is down is kept and written later.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/adapters/db/client.js';
import { DrizzleRecommendationStore } from '../../src/adapters/db/recommendation-store.js';
import type { ServedRecommendation } from '../../src/core/recommend/reports.js';
import type { Recommendation, RecommendRequest } from '../../src/core/recommend/types.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let served: (learnerRef: string) => ServedRecommendation;
beforeAll(async () => {
  t = await startTestApp();
  const body = { learner: { skills: [{ label: 'SQL' }] }, target: { title: 'data analyst' } };
  const res = await t.app.inject({ method: 'POST', url: '/v1/recommend', payload: body });
  expect(res.statusCode).toBe(200);
  const recommendation = res.json() as Recommendation;
  const request = { learner: { skills: [{ label: 'SQL' }], credentials: [] }, target: body.target, alternatives: 0 } as unknown as RecommendRequest;
  served = (learnerRef) => ({ requestId: null, kind: 'recommendation', learnerRef, roleId: recommendation.target.role.id, request, recommendation, durationMs: 1 });
});
afterAll(async () => {
  await t.close();
});

const loggedFor = async (prefix: string) => {
  const rows = (await t.container.database.db.execute(sql`select learner_ref from recommendation_log where learner_ref like ${`${prefix}%`} order by learner_ref`)) as unknown as
    | { rows: { learner_ref: string }[] }
    | { learner_ref: string }[];
  return (Array.isArray(rows) ? rows : rows.rows).map((r) => r.learner_ref);
};

describe('recommendation log', () => {
  it('writes every other row of a batch when the database refuses one', async () => {
    const store = new DrizzleRecommendationStore(t.container.database.db);
    for (const ref of ['iso-1', 'iso-2\u0000bad', 'iso-3', 'iso-4']) await store.log(served(ref));
    await store.flush();
    expect(await loggedFor('iso-')).toEqual(['iso-1', 'iso-3', 'iso-4']);
    expect(store.rejected).toBe(1);
    expect(store.dropped).toBe(0);
  });

  it('keeps a batch while the database is unreachable and writes it once it answers', async () => {
    const real = t.container.database.db;
    let down = true;
    const flaky = {
      insert: (table: Parameters<Database['insert']>[0]) => ({
        values: async (rows: never) => {
          if (down) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
          return real.insert(table).values(rows);
        },
      }),
    } as unknown as Database;
    const store = new DrizzleRecommendationStore(flaky);
    for (const ref of ['down-1', 'down-2', 'down-3']) await store.log(served(ref));
    await store.flush();
    expect(await loggedFor('down-')).toEqual([]);
    down = false;
    await store.flush();
    expect(await loggedFor('down-')).toEqual(['down-1', 'down-2', 'down-3']);
    expect(store.dropped).toBe(0);
  });

  it('gives a batch up after a bounded number of attempts, and counts it', async () => {
    const flaky = {
      insert: () => ({
        values: async () => {
          throw Object.assign(new Error('connection terminated'), { code: '57P01' });
        },
      }),
    } as unknown as Database;
    const store = new DrizzleRecommendationStore(flaky);
    await store.log(served('never'));
    for (let i = 0; i < 10; i++) await store.flush();
    expect(store.dropped).toBe(1);
  });
});
