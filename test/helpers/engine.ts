/**
 * The recommendation engine on an in-memory graph, for the fast test tier: a course with
 * sensible defaults, and a service whose snapshot is that graph (and, optionally, hand-set
 * vectors). An id-based target and a learner with nothing to resolve never search, extract or
 * read badges, so those throw if a test reaches them.
 */
import { type CourseSummary, emptyCorpus } from '../../src/core/catalog.js';
import type { VectorIndex } from '../../src/core/ports.js';
import type { CatalogGraph } from '../../src/core/recommend/graph.js';
import { RecommendationService, type RecommendationDeps } from '../../src/core/recommend/recommendation-service.js';
import { type SearchSnapshot } from '../../src/core/search/corpus.js';
import { PhraseDictionary } from '../../src/core/search/phrase-dictionary.js';

export function testCourse(spec: Partial<CourseSummary> & { id: number }): CourseSummary {
  return {
    title: `Course ${spec.id}`,
    provider: 'Example Learning',
    source: 't',
    externalId: `c${spec.id}`,
    description: '',
    url: null,
    hours: 10,
    cost: 50,
    currency: 'USD',
    level: 'beginner',
    language: 'en',
    format: null,
    credentialType: 'course',
    issuer: null,
    ...spec,
  };
}

export function engineService(graph: CatalogGraph, deps: Partial<RecommendationDeps> = {}, vectors: VectorIndex | null = null): RecommendationService {
  const snapshot: SearchSnapshot = { corpus: emptyCorpus(), lexical: {} as never, phrases: PhraseDictionary.build([]), vectors, graph };
  const unused = () => {
    throw new Error('not expected in this test');
  };
  return new RecommendationService({
    snapshot: () => snapshot,
    search: { search: unused } as never,
    extractor: {} as never,
    readBadge: unused,
    modelId: () => null,
    optimiserDeadlineMs: 10_000,
    optimiserWorkLimit: 20_000,
    ...deps,
  });
}
