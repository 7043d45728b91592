/**
 * `npm run eval:relevance`: only the relevance set, against the configured database and index
 * (PGLITE_DIR / DATABASE_URL, INDEX_DIR) — seconds instead of the whole evaluation, for
 * iterating on linking and planning. `--json` prints the figures as JSON.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { createLogger } from '../../src/logger.js';
import { evaluateRelevance, relevanceTable } from './relevance-set.js';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const container = await createContainer(config, createLogger(config), { loadModel: true, search: true });
try {
  await container.services.indexing.serve();
  const result = await evaluateRelevance(container.services.recommendations, container.services.snapshot().graph);
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${relevanceTable(result).join('\n')}\n`);
} finally {
  await container.close();
}
