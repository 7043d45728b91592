import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { stableStringify } from '../../core/stable-json.js';
import type { GapReport, GapReportSummary, RecommendationStore, ServedRecommendation } from '../../core/recommend/reports.js';
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

type LogRow = typeof recommendationLog.$inferInsert;

export class DrizzleRecommendationStore implements RecommendationStore {
  // Public so operators and tests can see that the log is keeping up.
  private buffer: LogRow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private writing = 0;
  dropped = 0;

  constructor(
    private readonly db: Database,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  async saveGapReport(request: RecommendRequest, recommendation: Recommendation): Promise<GapReport> {
    const [row] = await this.db
      .insert(gapReports)
      .values({ learnerRef: request.learner.id ?? null, roleId: recommendation.target.role.id, request, recommendation })
      .returning();
    return toReport(row!);
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
    this.buffer.push(toLogRow(entry));
    if (this.buffer.length >= FLUSH_AT) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS).unref();
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
      for (let i = 0; i < rows.length; i += FLUSH_AT) {
        try {
          await this.db.insert(recommendationLog).values(rows.slice(i, i + FLUSH_AT));
        } catch (error) {
          this.onError(error);
        }
      }
      this.writing -= rows.length;
    });
    return this.flushing;
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
