import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** What every command gets. Results go to `out` (stdout); logs and progress go to stderr. */
export interface CliContext {
  config: Config;
  logger: Logger;
  out(text: string): void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(ctx: CliContext, argv: string[]): Promise<number>;
}

/** Prints a result either as one JSON document (`--json`) or as human-readable lines. */
export function printResult(ctx: CliContext, json: boolean, result: object, lines: string[]): void {
  ctx.out(json ? JSON.stringify(result, null, 2) : lines.join('\n'));
}
