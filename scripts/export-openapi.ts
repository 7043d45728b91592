/**
 * `npm run openapi [-- --out docs/openapi.json]`: writes the OpenAPI document the server
 * publishes at /openapi.json, built from the same route schemas (in-memory database, no model).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openPglite } from '../src/adapters/db/client.js';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { buildApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import { version } from '../src/version.js';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const config = loadConfig({ EMBEDDING_PROVIDER: 'none', LOG_LEVEL: 'silent' });
const logger = createLogger(config);
const container = await createContainer(config, logger, { database: await openPglite(), search: false });
const app = await buildApp(container.services, { logger, bodyLimitBytes: config.bodyLimitBytes, version });
await app.ready();
const document = `${JSON.stringify(app.swagger(), null, 2)}\n`;
if (values.out) writeFileSync(values.out, document);
else process.stdout.write(document);
await app.close();
await container.close();
