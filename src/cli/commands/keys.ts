import { parseArgs } from 'node:util';
import { parseScopes, SCOPES } from '../../core/api-keys.js';
import { createContainer } from '../../container.js';
import { printResult, type Command } from '../context.js';

const USAGE = `skillpath keys create --name <name> --scopes <${SCOPES.join(',')}> [--json]   a new API key (shown once)
       skillpath keys list [--json]                                           every key, without secrets
       skillpath keys revoke <id> [--json]                                    the key stops working (within 30 s on running servers)`;

export const keysCommand: Command = {
  name: 'keys',
  summary: 'Create, list and revoke API keys',
  usage: USAGE,
  async run(ctx, argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, name: { type: 'string' }, scopes: { type: 'string' } },
    });
    const [action, id] = positionals;
    const usable = (action === 'create' && values.name && values.scopes) || action === 'list' || (action === 'revoke' && id);
    if (!usable) {
      process.stderr.write(`Usage: ${USAGE}\n`);
      return 2;
    }
    const scopes = action === 'create' ? parseScopes(values.scopes!) : [];
    const container = await createContainer(ctx.config, ctx.logger, { search: false });
    try {
      const keys = container.services.apiKeys;
      if (action === 'create') {
        const created = await keys.create(values.name!, scopes);
        printResult(ctx, values.json, created, [
          `Created key ${created.id} (${created.name}) with scopes ${created.scopes.join(', ')}.`,
          `  ${created.key}`,
          'This is the only time the key is shown: store it now. Send it as `Authorization: Bearer <key>`.',
        ]);
      } else if (action === 'list') {
        const all = await keys.list();
        printResult(ctx, values.json, { keys: all }, all.length === 0 ? ['No API keys.'] : all.map((k) => `${k.id}  ${k.name.padEnd(20)} ${k.scopes.join(',').padEnd(28)} created ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}`));
      } else {
        await keys.revoke(id!);
        printResult(ctx, values.json, { revoked: id }, [`Revoked key ${id}.`]);
      }
      return 0;
    } finally {
      await container.close();
    }
  },
};
