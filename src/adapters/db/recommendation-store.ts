import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { stableStringify } from '../../core/stable-json.js';
import type { GapReport, GapReportSummary, Idempotency, RecommendationStore, ServedRecommendation } from '../../core/recommend/reports.js';
import type { Recommendation, RecommendRequest } from '../../core/recommend/types.js';
import type { Database } from './client.js';
import { gapReports, recommendationLog } from './schema.js';

const toReport = (row: typeof gapReports.$inferSelect): GapReport => ({
  id: row.id,
  createdAt: row.createdAt.toISOString(),
  learnerId: row.learnerRef,
  recommendation: row.recommendation as Recommendation,
});

/** Served answers are written in batches: one insert per flush instead of one per request. */
const FLUSH_EVERY_MS = 500;
const FLUSH_AT = 200;
/** Past this many waiting entries (a database that stopped answering) new ones are dropped. */
const MAX_BUFFERED = 10_000;
/** Writes a batch is tried before its rows are given up (a database down for about a minute). */
const MAX_ATTEMPTS = 6;
const RETRY_CAP_MS = 30_000;

type LogRow = typeof recommendationLog.$inferInsert;
interface Pending {
  row: LogRow;
  attempts: number;
}

/**
 * SQLSTATE of a failed statement, through drizzle's wrapper. Classes 22 (data exception) and 23
 * (integrity) are about a row's content: retrying cannot help, and the rest of its batch is fine.
 */
function rowLevelFailure(error: unknown): boolean {
  const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.cause?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

export class DrizzleRecommendationStore implements RecommendationStore {
  // Public so operators and tests can see that the log is keeping up.
  private buffer: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private writing = 0;
  /** Entries not logged because the buffer was full or the database stayed down past every retry. */
  dropped = 0;
  /** Entries the database refused for their content (each tried alone, so no other row was lost). */
  rejected = 0;
  /** While the database is failing, a full buffer does not force a write before this time. */
  private backoffUntil = 0;

  constructor(
    private readonly db: Database,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  async saveGapReport(request: RecommendRequest, recommendation: Recommendation, idempotency?: Idempotency): Promise<GapReport | null> {
    const [row] = await this.db
      .insert(gapReports)
      .values({
        learnerRef: request.learner.id ?? null,
        roleId: recommendation.target.role.id,
        request,
        recommendation,
        idempotencyKey: idempotency?.key ?? null,
        requestHash: idempotency?.requestHash ?? null,
      })
      // Two attempts racing with one key: the unique index lets exactly one in.
      .onConflictDoNothing({ target: gapReports.idempotencyKey })
      .returning();
    return row ? toReport(row) : null;
  }

  async findByIdempotencyKey(key: string): Promise<{ report: GapReport; requestHash: string } | null> {
    const [row] = await this.db.select().from(gapReports).where(eq(gapReports.idempotencyKey, key));
    return row ? { report: toReport(row), requestHash: row.requestHash ?? '' } : null;
  }

  async getGapReport(id: string): Promise<GapReport | null> {
    const [row] = await this.db.select().from(gapReports).where(eq(gapReports.id, id));
    return row ? toReport(row) : null;
  }

  async listGapReports(learnerRef: string, limit: number): Promise<GapReportSummary[]> {
    const rows = await this.db
      .select()
      .from(gapReports)
      .where(and(eq(gapReports.learnerRef, learnerRef)))
      .orderBy(desc(gapReports.createdAt), desc(gapReports.id))
      .limit(limit);
    return rows.map((row) => {
      const r = row.recommendation as Recommendation;
      return {
        id: row.id,
        createdAt: row.createdAt.toISOString(),
        learnerId: row.learnerRef,
        role: { id: r.target.role.id, title: r.target.role.title },
        coverageBefore: r.gap.coverageBefore,
        coverageAfter: r.gap.coverageAfter,
        steps: r.totals.steps,
      };
    });
  }

  async log(entry: ServedRecommendation): Promise<void> {
    if (this.buffer.length + this.writing >= MAX_BUFFERED) {
      this.dropped++;
      return;
    }
    this.buffer.push({ row: toLogRow(entry), attempts: 0 });
    if (this.buffer.length >= FLUSH_AT && Date.now() >= this.backoffUntil) void this.flush();
    else this.schedule(FLUSH_EVERY_MS);
  }

  private schedule(delayMs: number): void {
    this.timer ??= setTimeout(() => void this.flush(), delayMs).unref();
  }

  /** Writes what is buffered; called on a timer and at shutdown so nothing served goes unlogged. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.buffer;
    this.buffer = [];
    // Rows handed to a write still count against the cap until it finishes, so a database that
    // hangs (rather than erroring) cannot make the queue grow without bound.
    this.writing += rows.length;
    this.flushing = this.flushing.then(async () => {
      for (let i = 0; i < rows.length; i += FLUSH_AT) await this.write(rows.slice(i, i + FLUSH_AT));
      this.writing -= rows.length;
    });
    return this.flushing;
  }

  /**
   * One batch. A row the database refuses for its content is isolated by writing the batch row
   * by row; a database that is unreachable gets the batch back in the buffer, retried with
   * backoff up to MAX_ATTEMPTS writes.
   */
  private async write(batch: Pending[]): Promise<void> {
    try {
      await this.db.insert(recommendationLog).values(batch.map((p) => p.row));
      return;
    } catch (error) {
      this.onError(error);
      if (!rowLevelFailure(error)) return this.retryLater(batch);
    }
    for (const [i, pending] of batch.entries()) {
      try {
        await this.db.insert(recommendationLog).values(pending.row);
      } catch (error) {
        if (!rowLevelFailure(error)) return this.retryLater(batch.slice(i));
        this.rejected++;
        this.onError(error);
      }
    }
  }

  private retryLater(batch: Pending[]): void {
    const again = batch.filter((p) => ++p.attempts < MAX_ATTEMPTS);
    this.dropped += batch.length - again.length;
    const room = Math.max(0, MAX_BUFFERED - this.buffer.length);
    this.dropped += Math.max(0, again.length - room);
    this.buffer.unshift(...again.slice(0, room));
    const attempts = again[0]?.attempts ?? 1;
    const delay = Math.min(RETRY_CAP_MS, FLUSH_EVERY_MS * 2 ** attempts);
    this.backoffUntil = Date.now() + delay;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.buffer.length > 0) this.schedule(delay);
  }
}

/**
 * What the log keeps of a request: its hash (equal requests, equal hashes), who and what it was
 * for, how much the learner gave, and the limits — not the texts, badges and lists themselves,
 * which made a log row up to 140 KB for an answer that is already stored as a gap report when
 * it needs keeping.
 */
export function compactRequest(request: RecommendRequest): Record<string, unknown> {
  return {
    hash: createHash('sha256').update(stableStringify(request)).digest('hex'),
    learnerId: request.learner.id ?? null,
    target: request.target,
    given: {
      credentials: request.learner.credentials.length,
      badges: request.learner.credentials.filter((c) => c.badge !== undefined).length,
      skills: request.learner.skills.length,
      textChars: request.learner.text?.length ?? 0,
    },
    constraints: request.constraints ?? {},
    weights: request.weights ?? {},
    alternatives: request.alternatives,
  };
}

function toLogRow(entry: ServedRecommendation): LogRow {
  const r = entry.recommendation;
  return {
    requestId: entry.requestId,
    kind: entry.kind,
    learnerRef: entry.learnerRef,
    roleId: entry.roleId,
    request: compactRequest(entry.request),
    summary: {
      courses: r.path.map((s) => s.course.id),
      coverageBefore: r.gap.coverageBefore,
      coverageAfter: r.gap.coverageAfter,
      totals: r.totals,
      uncovered: r.uncovered.map((u) => u.skill.id),
    },
    versions: {
      ...Object.fromEntries(Object.entries(r.versions.taxonomies).map(([k, v]) => [`taxonomy:${k}`, v])),
      ...Object.fromEntries(Object.entries(r.versions.catalogs).map(([k, v]) => [`catalog:${k}`, v])),
      model: r.versions.model ?? '',
      index: r.versions.index ?? '',
    },
    optimal: r.optimality.status === 'optimal',
    durationMs: entry.durationMs,
  };
}
