import { parseArgs } from 'node:util';
import type { Command } from '../context.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start the HTTP server (same as npm start)',
  usage: 'skillpath serve',
  async run(_ctx, argv) {
    parseArgs({ args: argv, options: {} });
    // The server module starts itself on import and owns the process from then on.
    await import('../../server.js');
    return 0;
  },
};
