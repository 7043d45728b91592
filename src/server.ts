/**
 * The HTTP server entry point: config → logger → container → app → listen, and a graceful
 * close on SIGINT/SIGTERM (readiness 503 for PRE_STOP_DELAY_MS while still serving, then stop
 * accepting, finish in-flight requests, then close the database).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import closeWithGrace from 'close-with-grace';
import { loadConfigOrExit } from './config.js';
import { createContainer } from './container.js';
import { buildApp } from './http/app.js';
import { createLogger } from './logger.js';
import { version } from './version.js';

async function startServer(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  const container = await createContainer(config, logger, { loadModel: true });
  const app = await buildApp(container.services, {
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    version,
    adminToken: config.adminToken,
    authRequired: config.authRequired,
    loadShedding: config.shedding,
    protection: { corsOrigins: config.corsOrigins, rateLimitPerMinute: config.rateLimitPerMinute },
    timeouts: config.timeouts,
  });

  // The whole shutdown, pre-stop delay included, must finish within the grace period after it.
  closeWithGrace({ delay: config.preStopDelayMs + config.shutdownGraceMs }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'closing after an uncaught error');
    else logger.info({ signal, preStopDelayMs: config.preStopDelayMs }, 'shutting down');
    // Readiness answers 503 from now on; a load balancer needs a moment to notice and stop
    // sending new requests, which are still served meanwhile.
    container.services.health.markShuttingDown();
    if (!err && config.preStopDelayMs > 0) await sleep(config.preStopDelayMs);
    // Stops accepting, closes idle keep-alive connections, lets in-flight requests finish.
    await app.close();
    await container.close();
  });

  await container.services.jobs.recover();
  // Jobs a crashed replica held are run again here once their lease lapses.
  container.services.jobs.startTakingOver();
  await app.listen({ host: config.host, port: config.port });
  // Loads the newest vector index once the model is up, then watches for newer versions;
  // until then search answers lexically.
  void container.services.indexing.serve().catch((error: unknown) => logger.error({ err: error }, 'could not serve the vector index'));
}

await startServer().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`skillpath could not start: ${message}\n`);
  process.exit(1);
});
