import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Job, JobStore } from '../../core/ports.js';
import type { Database } from './client.js';
import { jobs } from './schema.js';

type Row = typeof jobs.$inferSelect;

const toJob = (row: Row): Job => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  progress: { stage: null, done: null, total: null, ...(row.progress as object) },
  summary: row.summary ?? null,
  error: row.error,
  createdAt: row.createdAt.toISOString(),
  startedAt: row.startedAt?.toISOString() ?? null,
  finishedAt: row.finishedAt?.toISOString() ?? null,
});

export class DrizzleJobStore implements JobStore {
  constructor(private readonly db: Database) {}

  async create(kind: string, owner: string): Promise<Job> {
    const [row] = await this.db.insert(jobs).values({ kind, status: 'queued', owner, heartbeatAt: sql`now()` }).returning();
    return toJob(row!);
  }

  async heartbeat(id: string, owner: string): Promise<void> {
    await this.db
      .update(jobs)
      .set({ heartbeatAt: sql`now()` })
      .where(and(eq(jobs.id, id), eq(jobs.owner, owner)));
  }

  async update(
    id: string,
    patch: Partial<Pick<Job, 'status' | 'progress' | 'summary' | 'error'>> & { started?: boolean; finished?: boolean },
  ): Promise<void> {
    const { started, finished, progress, ...rest } = patch;
    await this.db
      .update(jobs)
      .set({
        ...rest,
        ...(progress ? { progress: { ...progress } } : {}),
        ...(started ? { startedAt: sql`now()` } : {}),
        ...(finished ? { finishedAt: sql`now()` } : {}),
      })
      .where(eq(jobs.id, id));
  }

  async get(id: string): Promise<Job | null> {
    const [row] = await this.db.select().from(jobs).where(eq(jobs.id, id));
    return row ? toJob(row) : null;
  }

  async failInterrupted(reason: string, leaseMs: number): Promise<number> {
    // The database's clock decides, so replicas with skewed clocks agree on whose lease lapsed.
    // Jobs from before leases existed have no heartbeat: their owner is long gone.
    const rows = await this.db
      .update(jobs)
      .set({ status: 'failed', error: reason, finishedAt: sql`now()` })
      .where(
        and(
          sql`${jobs.status} in ('queued', 'running')`,
          or(isNull(jobs.heartbeatAt), sql`${jobs.heartbeatAt} < now() - make_interval(secs => ${leaseMs / 1000})`),
        ),
      )
      .returning({ id: jobs.id });
    return rows.length;
  }
}
