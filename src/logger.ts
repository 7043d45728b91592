import { pino, type Logger, type LoggerOptions } from 'pino';
import type { Config } from './config.js';

export type { Logger } from 'pino';

/** Keys that must never reach a log line, wherever they appear in a logged object. */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.apiKey',
  '*.password',
  'openai.apiKey',
  'database.url',
];

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'skillpath' },
  };
  // Pretty output only for a person at a terminal; pipes and containers get JSON lines.
  if (!destination && process.stdout.isTTY) {
    options.transport = { target: 'pino-pretty', options: { colorize: true, destination: 2 } };
  }
  return destination ? pino(options, destination) : pino(options, pino.destination(2));
}
