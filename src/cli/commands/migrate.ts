import { parseArgs } from 'node:util';
import { openDatabase } from '../../adapters/db/client.js';
import { pendingMigrations } from '../../adapters/db/migrations.js';
import { printResult, type Command } from '../context.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations from drizzle/',
  usage: 'skillpath migrate [--json]',
  async run(ctx, argv) {
    const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } } });
    const database = await openDatabase(ctx.config.database);
    try {
      const pending = await pendingMigrations(database.db);
      if (pending > 0) await database.migrate();
      const result = { database: database.kind, applied: pending, upToDate: true };
      printResult(ctx, values.json, result, [
        pending > 0 ? `Applied ${pending} migration(s) to ${database.kind}.` : `${database.kind} is up to date.`,
      ]);
      return 0;
    } finally {
      await database.close();
    }
  },
};
