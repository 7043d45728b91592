import type { FastifyInstance } from 'fastify';
import { openPglite } from '../../src/adapters/db/client.js';
import { createContainer, type Container, type ContainerOptions } from '../../src/container.js';
import { buildApp } from '../../src/http/app.js';
import { testConfig } from './config.js';
import { memoryLogger } from './logger.js';

export interface TestApp {
  app: FastifyInstance;
  container: Container;
  logLines: () => Record<string, unknown>[];
  close(): Promise<void>;
}

/** The real app over an in-memory PGlite holding the starter catalog. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: ContainerOptions & { beforeReady?: (app: FastifyInstance) => void } = {},
): Promise<TestApp> {
  const config = testConfig(env);
  const { logger, lines } = memoryLogger();
  const container = await createContainer(config, logger, { database: await openPglite(), ...options });
  const app = await buildApp(container.services, {
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    version: '0.0.0-test',
    adminToken: config.adminToken,
    authRequired: config.authRequired,
    // A test that sets HANDLER_TIMEOUT_MS gets it; others keep Node's defaults.
    ...(env.HANDLER_TIMEOUT_MS ? { timeouts: { ...config.timeouts } } : {}),
    // Off unless a test sets a shedding threshold: a busy test machine must not shed requests.
    ...(env.SHED_HEAP_USED_BYTES || env.SHED_EVENT_LOOP_DELAY_MS ? { loadShedding: { ...config.shedding, sampleIntervalMs: 10 } } : {}),
    // Rate limits only where a test sets one: every injected request comes from one address.
    protection: { corsOrigins: config.corsOrigins, rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE ? config.rateLimitPerMinute : 0 },
  });
  options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    container,
    logLines: lines,
    close: async () => {
      await app.close();
      await container.close();
    },
  };
}
