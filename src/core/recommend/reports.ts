/** Gap reports: a recommendation stored with a stable id so it can be shared and listed. */
import { createHash } from 'node:crypto';
import { gapReportNotFound, idempotencyKeyReused } from '../errors.js';
import { stableStringify } from '../stable-json.js';
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

/** A caller's Idempotency-Key and the hash of the request it came with. */
export interface Idempotency {
  key: string;
  requestHash: string;
}

export interface RecommendationStore {
  /** Stores a report; null (and nothing written) when `idempotency.key` already holds one. */
  saveGapReport(request: RecommendRequest, recommendation: Recommendation, idempotency?: Idempotency): Promise<GapReport | null>;
  /** The report stored under an Idempotency-Key, with the hash of the request it was stored for. */
  findByIdempotencyKey(key: string): Promise<{ report: GapReport; requestHash: string } | null>;
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

  /**
   * Runs and stores a report. With an Idempotency-Key, a retry (say, after a client timeout
   * while the first attempt was still committing) gets the report the key already holds, and
   * `replayed` says so; the same key with a different request is a 409, never a silent reuse.
   * `caller` namespaces keys (the API key's id; callers without one share 'anonymous').
   * Equal requests are judged by their canonical JSON, so key order does not matter.
   */
  async create(request: RecommendRequest, idempotencyKey?: string, caller = 'anonymous'): Promise<{ report: GapReport; replayed: boolean }> {
    if (idempotencyKey === undefined) {
      const report = await this.store.saveGapReport(request, await this.recommendations.recommend(request));
      return { report: report!, replayed: false };
    }
    const requestHash = createHash('sha256').update(stableStringify(request)).digest('hex');
    // Keys are per caller (API key id): another caller reusing a key, guessed or not, meets
    // their own namespace, never someone else's report.
    const key = `${caller}/${idempotencyKey}`;
    const earlier = await this.store.findByIdempotencyKey(key);
    if (earlier) return replay(earlier, requestHash);
    const report = await this.store.saveGapReport(request, await this.recommendations.recommend(request), { key, requestHash });
    if (report) return { report, replayed: false };
    // Another attempt with the same key committed between our lookup and our insert.
    const winner = await this.store.findByIdempotencyKey(key);
    if (!winner) throw new Error(`the report stored under an Idempotency-Key could not be read back`);
    return replay(winner, requestHash);
  }

  async get(id: string): Promise<GapReport> {
    const report = await this.store.getGapReport(id);
    if (!report) throw gapReportNotFound(id);
    return report;
  }

  list(learnerId: string, limit: number): Promise<GapReportSummary[]> {
    return this.store.listGapReports(learnerId, limit);
  }
}

function replay(earlier: { report: GapReport; requestHash: string }, requestHash: string): { report: GapReport; replayed: boolean } {
  if (earlier.requestHash !== requestHash) {
    throw idempotencyKeyReused();
  }
  return { report: earlier.report, replayed: true };
}
