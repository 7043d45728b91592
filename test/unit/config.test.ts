import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('defaults to the embedded database, port 3000 and the MiniLM model', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: path.resolve('data/pglite'), lockStaleMs: 20_000 });
    expect(config.autoMigrate).toBe(true);
    expect(config.embedding).toMatchObject({
      provider: 'transformers',
      model: 'Xenova/all-MiniLM-L6-v2',
      modelDir: path.resolve('data/models'),
      allowRemoteModels: true,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set and then does not migrate on start by default', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/skillpath' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/skillpath', connectTimeoutMs: 5000, statementTimeoutMs: 30_000 });
    expect(config.autoMigrate).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://x/y', AUTO_MIGRATE: 'true' }).autoMigrate).toBe(true);
  });

  it('coerces numbers and booleans from strings and treats empty values as unset', () => {
    const config = loadConfig({ PORT: '8080', ALLOW_REMOTE_MODELS: 'false', EMBEDDING_DTYPE: 'q8', HOST: '' });
    expect(config.port).toBe(8080);
    expect(config.embedding.allowRemoteModels).toBe(false);
    expect(config.embedding.dtype).toBe('q8');
    expect(config.host).toBe('0.0.0.0');
  });

  it('reads DEFAULT_LANGUAGES as a list of codes, en by default, * for any', () => {
    expect(loadConfig({}).defaultLanguages).toEqual(['en']);
    expect(loadConfig({ DEFAULT_LANGUAGES: 'en, DE,en' }).defaultLanguages).toEqual(['en', 'de']);
    expect(loadConfig({ DEFAULT_LANGUAGES: '*' }).defaultLanguages).toEqual([]);
    expect(() => loadConfig({ DEFAULT_LANGUAGES: 'english;german' })).toThrow(
      /DEFAULT_LANGUAGES: must be language codes separated by commas \(e\.g\. en,de\) or \* for any; got "english;german"/,
    );
  });

  it('rejects bad values with one error naming every bad key', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', ALLOW_REMOTE_MODELS: 'maybe', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT: must be a whole number/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL: must be one of fatal, error/);
    expect(problems.join('\n')).toMatch(/ALLOW_REMOTE_MODELS: must be true or false/);
    // Connection strings may hold passwords: the message names the key but not the value.
    expect(problems.join('\n')).toMatch(/DATABASE_URL: must match .*\(value hidden\)/);
    expect((caught as Error).message).not.toContain('mysql://x');
  });
});
