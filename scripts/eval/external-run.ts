/**
 * `npm run eval:external`: only the sets written by others (Decorte job-ad sentences, JobBERT
 * titles) and the CV-text set, against the configured database and index (PGLITE_DIR /
 * DATABASE_URL, INDEX_DIR; the evaluation's own cache is data/eval-cache) — for iterating on
 * extraction and title matching. `--quick` uses the quick subsets; `--json` prints JSON.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { createLogger } from '../../src/logger.js';
import { evaluateExternal, externalTable } from './external-sets.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    data: { type: 'string', default: '../shared/data' },
  },
});
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const container = await createContainer(config, createLogger(config), { loadModel: true, search: true });
try {
  await container.services.indexing.serve();
  const snapshot = container.services.snapshot();
  await container.services.embedder.start();
  const embedder = container.services.embedder.current();
  if (!embedder || !snapshot.vectors) throw new Error('needs the embedding model and an index (set MODEL_DIR / EMBEDDING_MODEL)');
  const result = await evaluateExternal({
    data: path.resolve(values.data),
    quick: values.quick,
    snapshot,
    embedder,
  });
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${externalTable(result).join('\n')}\n`);
} finally {
  await container.close();
}
