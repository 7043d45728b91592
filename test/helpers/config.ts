import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { packageRoot } from '../../src/paths.js';

/** A config for tests: embedded database, no model, quiet logs — override what a test needs. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ EMBEDDING_PROVIDER: 'none', LOG_LEVEL: 'silent', ...overrides });
}

/**
 * The domain model shipped in ../shared/models (see the README). Tests that need a real model
 * use it when it is on disk and are skipped, visibly, when it is not.
 */
export const sharedModel = (() => {
  const modelDir = process.env.MODEL_DIR ?? path.resolve(packageRoot, '../shared/models');
  const model = process.env.EMBEDDING_MODEL ?? 'skillpath/esco-minilm-l6';
  const present = existsSync(path.join(modelDir, model, 'config.json'));
  return { modelDir, model, present };
})();
