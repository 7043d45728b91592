/**
 * The HTTP server entry point: config → logger → container → app → listen, and a graceful
 * close on SIGINT/SIGTERM (stop accepting, finish in-flight requests, then close the database).
 */
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
    loadShedding: config.shedding,
  });

  closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'closing after an uncaught error');
    else logger.info({ signal }, 'shutting down');
    container.services.health.markShuttingDown();
    await app.close();
    await container.close();
  });

  await container.services.jobs.recover();
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
