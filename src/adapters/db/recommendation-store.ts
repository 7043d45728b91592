import { and, desc, eq } from 'drizzle-orm';
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

export class DrizzleRecommendationStore implements RecommendationStore {
  constructor(private readonly db: Database) {}

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
    const r = entry.recommendation;
    await this.db.insert(recommendationLog).values({
      requestId: entry.requestId,
      kind: entry.kind,
      learnerRef: entry.learnerRef,
      roleId: entry.roleId,
      request: entry.request,
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
    });
  }
}
