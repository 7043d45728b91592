import { and, eq, gte, inArray, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
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

  async create(kind: string, owner: string, params: Record<string, unknown> = {}): Promise<Job> {
    const [row] = await this.db.insert(jobs).values({ kind, status: 'queued', owner, heartbeatAt: sql`now()`, params }).returning();
    return toJob(row!);
  }

  async heartbeat(id: string, owner: string): Promise<boolean> {
    const rows = await this.db
      .update(jobs)
      .set({ heartbeatAt: sql`now()` })
      .where(and(eq(jobs.id, id), eq(jobs.owner, owner)))
      .returning({ id: jobs.id });
    return rows.length > 0;
  }

  async update(
    id: string,
    patch: Partial<Pick<Job, 'status' | 'progress' | 'summary' | 'error'>> & { started?: boolean; finished?: boolean },
    owner?: string,
  ): Promise<boolean> {
    const { started, finished, progress, ...rest } = patch;
    const rows = await this.db
      .update(jobs)
      .set({
        ...rest,
        ...(progress ? { progress: { ...progress } } : {}),
        ...(started ? { startedAt: sql`now()` } : {}),
        ...(finished ? { finishedAt: sql`now()` } : {}),
      })
      .where(and(eq(jobs.id, id), owner === undefined ? undefined : eq(jobs.owner, owner)))
      .returning({ id: jobs.id });
    return rows.length > 0;
  }

  async get(id: string): Promise<Job | null> {
    const [row] = await this.db.select().from(jobs).where(eq(jobs.id, id));
    return row ? toJob(row) : null;
  }

  async failInterrupted(reason: string, leaseMs: number, exceptKinds: readonly string[] = [], maxAttempts = Infinity): Promise<number> {
    // Jobs from before leases existed have no heartbeat: their owner is long gone.
    const rows = await this.db
      .update(jobs)
      .set({ status: 'failed', error: reason, finishedAt: sql`now()` })
      .where(
        and(
          sql`${jobs.status} in ('queued', 'running')`,
          lapsed(leaseMs),
          // Kinds another replica can run again are left for take-over, unless they used up their attempts.
          exceptKinds.length > 0
            ? or(notInArray(jobs.kind, [...exceptKinds]), Number.isFinite(maxAttempts) ? gte(jobs.attempts, maxAttempts) : undefined)
            : undefined,
        ),
      )
      .returning({ id: jobs.id });
    return rows.length;
  }

  async takeOver(owner: string, leaseMs: number, kinds: readonly string[], maxAttempts: number): Promise<{ job: Job; params: Record<string, unknown> } | null> {
    if (kinds.length === 0) return null;
    // One statement: the candidate row is locked (others skip it) and its lease checked again
    // under the lock, so two replicas racing for the same orphan cannot both win.
    const orphan = this.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(inArray(jobs.status, ['queued', 'running']), inArray(jobs.kind, [...kinds]), lt(jobs.attempts, maxAttempts), lapsed(leaseMs)))
      .orderBy(jobs.createdAt)
      .limit(1)
      .for('update', { skipLocked: true });
    const [row] = await this.db
      .update(jobs)
      .set({ owner, heartbeatAt: sql`now()`, attempts: sql`${jobs.attempts} + 1` })
      .where(and(inArray(jobs.id, orphan), inArray(jobs.status, ['queued', 'running']), lapsed(leaseMs)))
      .returning();
    return row ? { job: toJob(row), params: row.params } : null;
  }
}

/** The database's clock decides, so replicas with skewed clocks agree on whose lease lapsed. */
function lapsed(leaseMs: number) {
  return or(isNull(jobs.heartbeatAt), sql`${jobs.heartbeatAt} < now() - make_interval(secs => ${leaseMs / 1000})`);
}
