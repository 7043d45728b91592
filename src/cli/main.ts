#!/usr/bin/env node
/**
 * The `skillpath` command: one dispatcher, one file per command. Every command accepts
 * `--json` for a machine-readable summary on stdout; logs go to stderr.
 */
import { loadConfigOrExit } from '../config.js';
import { DomainError } from '../core/errors.js';
import { InputFileError } from '../ingest/tabular.js';
import { createLogger } from '../logger.js';
import { version } from '../version.js';
import { indexCommand } from './commands/index.js';
import { ingestCommand } from './commands/ingest.js';
import { keysCommand } from './commands/keys.js';
import { migrateCommand } from './commands/migrate.js';
import { modelCommand } from './commands/model.js';
import { recommendCommand } from './commands/recommend.js';
import { reportCommand } from './commands/report.js';
import { serveCommand } from './commands/serve.js';
import type { Command } from './context.js';

const commands: Command[] = [serveCommand, migrateCommand, ingestCommand, indexCommand, recommendCommand, reportCommand, modelCommand, keysCommand];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `skillpath ${version} — personalised learning paths`,
    '',
    'Usage: skillpath <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options for every command: --json (machine-readable summary on stdout), --help',
    'Configuration comes from the environment and ./.env; see .env.example.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`Unknown command '${name}'.\n\n${help()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }

  const config = loadConfigOrExit();
  const logger = createLogger(config);
  try {
    return await command.run({ config, logger, out: (text) => process.stdout.write(`${text}\n`) }, rest);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${message}\n\nUsage: ${command.usage}\n`);
      return 2;
    }
    // Bad input is the user's to fix and needs no stack trace; anything else is a bug worth one.
    if (!(error instanceof DomainError || error instanceof InputFileError)) logger.error({ err: error }, `${command.name} failed`);
    process.stderr.write(`skillpath ${command.name} failed: ${message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
