/**
 * What the wiring hands to the HTTP layer and the CLI. A type only: importing it never builds
 * anything, so `http/` depends on this contract and not on the container.
 */
import type { CatalogCounts } from './adapters/db/catalog-counts.js';
import type { EmbedderLoader } from './adapters/embeddings/embedder-loader.js';
import type { ApiKeyService } from './core/api-keys.js';
import type { CatalogService } from './core/catalog-service.js';
import type { HealthService } from './core/health.js';
import type { RecommendationService } from './core/recommend/recommendation-service.js';
import type { GapReportService, RecommendationStore } from './core/recommend/reports.js';
import type { SearchSnapshot } from './core/search/corpus.js';
import type { Indexing } from './jobs/indexing.js';
import type { IngestOptions, IngestSpec, IngestSummary } from './jobs/ingest.js';
import type { JobRunner } from './jobs/job-runner.js';

/** Loading sources into the database, and what it holds. */
export interface Ingestion {
  ingest(spec: IngestSpec, options?: IngestOptions): Promise<IngestSummary>;
  counts(): Promise<CatalogCounts>;
  /** `postgres` or `pglite`, for status lines. */
  readonly databaseKind: string;
}

export interface Services {
  apiKeys: ApiKeyService;
  catalog: CatalogService;
  recommendations: RecommendationService;
  gapReports: GapReportService;
  recommendationStore: RecommendationStore;
  health: HealthService;
  embedder: EmbedderLoader;
  indexing: Indexing;
  ingestion: Ingestion;
  jobs: JobRunner;
  /** The catalog snapshot answering now (read-only; benchmarks and batch tools sample from it). */
  snapshot: () => SearchSnapshot;
}
