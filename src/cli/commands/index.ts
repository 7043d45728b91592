import { parseArgs } from 'node:util';
import { createContainer, type Container } from '../../container.js';
import { createCliProgress } from '../progress.js';
import { printResult, type Command } from '../context.js';

const USAGE = `skillpath index refresh [--force] [--json]   embed what changed, link course skills, write a new index version if anything changed
       skillpath index status [--json]             catalog counts, index versions on disk, the latest build`;

export const indexCommand: Command = {
  name: 'index',
  summary: 'Refresh the vector index (incremental) or show its status',
  usage: USAGE,
  async run(ctx, argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, force: { type: 'boolean', default: false } },
    });
    const [action] = positionals;
    if (action !== 'refresh' && action !== 'status') {
      process.stderr.write(`Usage: ${USAGE}\n`);
      return 2;
    }
    const container = await createContainer(ctx.config, ctx.logger, { search: false });
    try {
      if (action === 'refresh') {
        const progress = createCliProgress();
        const summary = await container.services.indexing.refresh(progress, { force: values.force });
        progress.stop();
        printResult(ctx, values.json, summary, [
          `${summary.built ? `Built index ${summary.version}` : `Index unchanged (${summary.version ?? 'none'})`} in ${summary.seconds} s: ` +
            `${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.removed} removed, ` +
            `${summary.failed} failed, ${summary.embedded} embedded`,
          `  ${summary.counts.skills} skills, ${summary.counts.roles} roles, ${summary.counts.courses} courses; ` +
            `${summary.coursesLinked} courses linked, ${summary.equivalences} cross-taxonomy equivalences`,
        ]);
        return 0;
      }

      const status = await indexStatus(container);
      const lines = [
        `Database (${status.database}):`,
        ...status.catalog.map((c) => `  ${c.source.padEnd(14)} ${c.skills} skills, ${c.roles} roles, ${c.courses} courses`),
        `  ${status.relations.roleRequirements} role requirements, ${status.relations.courseSkillLinks} course–skill links, ${status.relations.equivalences} equivalences`,
        `Index versions in ${container.services.indexing.location}:`,
        ...(status.versions.length === 0
          ? ['  none: run `skillpath index refresh`']
          : status.versions.map((v) => `  ${v.version}  ${v.model} (${v.dimension}d)  ${v.counts.skills} skills, ${v.counts.roles} roles, ${v.counts.courses} courses`)),
      ];
      printResult(ctx, values.json, status, lines);
      return 0;
    } finally {
      await container.close();
    }
  },
};

async function indexStatus(container: Container) {
  const { services } = container;
  const { bySource: catalog, relations } = await services.ingestion.counts();
  const versions = await services.indexing.versions();
  return {
    database: services.ingestion.databaseKind,
    catalog,
    totals: {
      skills: catalog.reduce((n, c) => n + c.skills, 0),
      roles: catalog.reduce((n, c) => n + c.roles, 0),
      courses: catalog.reduce((n, c) => n + c.courses, 0),
    },
    relations,
    sources: await services.catalog.dataSources(),
    versions,
  };
}
