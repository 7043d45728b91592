import { parseArgs } from 'node:util';
import { createContainer } from '../../container.js';
import { COURSE_FORMATS, describeFormats, isCourseFormat } from '../../ingest/course-formats.js';
import type { IngestSpec, IngestSummary } from '../../jobs/ingest.js';
import type { RefreshSummary } from '../../jobs/index-refresh.js';
import { createCliProgress } from '../progress.js';
import { printResult, type Command } from '../context.js';

const USAGE = `skillpath ingest esco <dir> [--strict] [--refresh] [--json]
       skillpath ingest onet <dir> [--strict] [--refresh] [--json]
       skillpath ingest courses <file|dir> --format <format> [--source <name>] [--strict] [--refresh] [--json]
       skillpath ingest starter [--refresh] [--json]

Course formats:
${describeFormats()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}

Re-running with unchanged input changes nothing. Rows that cannot be read are reported with
file and line and skipped (--strict: the whole file is refused). --refresh runs
\`skillpath index refresh\` afterwards.`;

/** How many problems are listed on stderr; the JSON summary carries all of them. */
const SHOWN_PROBLEMS = 20;

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Load ESCO, O*NET, a course catalog or the starter catalog into the database (incremental)',
  usage: USAGE,
  async run(ctx, argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        refresh: { type: 'boolean', default: false },
        format: { type: 'string' },
        source: { type: 'string' },
      },
    });
    const [kind, path] = positionals;
    let spec: IngestSpec;
    if (kind === 'starter') spec = { kind };
    else if ((kind === 'esco' || kind === 'onet') && path) spec = { kind, path };
    else if (kind === 'courses' && path) {
      if (!values.format || !isCourseFormat(values.format)) {
        process.stderr.write(`--format must be one of: ${COURSE_FORMATS.join(', ')}\n\nUsage: ${USAGE}\n`);
        return 2;
      }
      spec = { kind, path, format: values.format, ...(values.source ? { source: values.source } : {}) };
    } else {
      process.stderr.write(`Usage: ${USAGE}\n`);
      return 2;
    }

    const progress = createCliProgress();
    const container = await createContainer(ctx.config, ctx.logger, { search: false });
    try {
      const summary: IngestSummary & { index?: RefreshSummary } = await container.services.ingestion.ingest(spec, {
        strict: values.strict,
        progress,
      });
      if (values.refresh) {
        summary.index = await container.services.indexing.refresh(progress);
        summary.embedded = summary.index.embedded;
      }
      progress.stop();
      for (const p of summary.problems.slice(0, SHOWN_PROBLEMS)) {
        process.stderr.write(`problem: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n`);
      }
      if (summary.problems.length > SHOWN_PROBLEMS) {
        process.stderr.write(`… and ${summary.problems.length - SHOWN_PROBLEMS} more problem(s) (--json lists all)\n`);
      }
      const k = summary.byKind;
      printResult(ctx, values.json, summary, [
        `${summary.source} ${summary.version}: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.removed} removed, ${summary.failed} failed, ${summary.embedded} embedded in ${summary.seconds} s`,
        `  skills  ${fmt(k.skills)}`,
        `  roles   ${fmt(k.roles)}`,
        `  courses ${fmt(k.courses)}`,
        ...summary.superseded.map(
          (r) =>
            `  ${r.source} retired: ${r.skills} skills, ${r.roles} roles, ${r.courses} courses (kept; \`skillpath ingest ${r.source}\` brings them back)`,
        ),
        ...(summary.index ? [`  index   ${summary.index.built ? `built ${summary.index.version}` : `unchanged (${summary.index.version ?? 'none'})`}`] : []),
      ]);
      return 0;
    } finally {
      progress.stop();
      await container.close();
    }
  },
};

const fmt = (c: { added: number; updated: number; unchanged: number; removed: number }) =>
  `+${c.added} ~${c.updated} =${c.unchanged} -${c.removed}`;
