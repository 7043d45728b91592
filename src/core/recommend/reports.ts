/** Gap reports: a recommendation stored with a stable id so it can be shared and listed. */
import { notFound } from '../errors.js';
import type { Recommendation, RecommendRequest } from './types.js';
import type { RecommendationService } from './recommendation-service.js';

export interface GapReport {
  id: string;
  createdAt: string;
  learnerId: string | null;
  recommendation: Recommendation;
}

export interface GapReportSummary {
  id: string;
  createdAt: string;
  learnerId: string | null;
  role: { id: number; title: string };
  coverageBefore: number;
  coverageAfter: number;
  steps: number;
}

export interface ServedRecommendation {
  requestId: string | null;
  kind: 'recommendation' | 'gap_report';
  learnerRef: string | null;
  roleId: number;
  request: RecommendRequest;
  recommendation: Recommendation;
  durationMs: number;
}

export interface RecommendationStore {
  saveGapReport(request: RecommendRequest, recommendation: Recommendation): Promise<GapReport>;
  getGapReport(id: string): Promise<GapReport | null>;
  listGapReports(learnerRef: string, limit: number): Promise<GapReportSummary[]>;
  /** Records what was served and with which versions (best effort: never fails a request). */
  log(entry: ServedRecommendation): Promise<void>;
  /** Writes anything still buffered (at shutdown). */
  flush(): Promise<void>;
}

export class GapReportService {
  constructor(
    private readonly recommendations: RecommendationService,
    private readonly store: RecommendationStore,
  ) {}

  async create(request: RecommendRequest): Promise<GapReport> {
    return this.store.saveGapReport(request, await this.recommendations.recommend(request));
  }

  async get(id: string): Promise<GapReport> {
    const report = await this.store.getGapReport(id);
    if (!report) throw notFound('gap_report', id);
    return report;
  }

  list(learnerId: string, limit: number): Promise<GapReportSummary[]> {
    return this.store.listGapReports(learnerId, limit);
  }
}
