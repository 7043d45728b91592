/** The catalog writer: stores a CatalogBatch incrementally (see batch-loader.ts). */
export { loadCatalogBatch, type LoadOptions, type LoadSummary, type SupersededCounts } from './batch-loader.js';
export { isCatalogEmpty } from './empty-check.js';
export type { KindCounts } from './incremental-write.js';
