import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createContainer } from '../../container.js';
import type { GapReport } from '../../core/recommend/reports.js';
import { gapReportCsv } from '../../reports/gap-report-csv.js';
import { readLearners } from '../../ingest/learners-reader.js';
import { summariseCohort } from '../../reports/cohort.js';
import { renderCohortHtml } from '../../reports/render-cohort.js';
import { renderReportHtml } from '../../reports/render-report.js';
import { createCliProgress } from '../progress.js';
import { CONSTRAINT_OPTIONS, constraintsFrom, targetFrom } from '../request-options.js';
import { printResult, type Command } from '../context.js';

const USAGE = `skillpath report --learners <learners.csv|learners.jsonl> --role <id|code|title> --out <dir>
                [--hours-per-week N] [--max-hours N] [--max-cost N] [--deadline-weeks N] [--max-steps N]
                [--force] [--strict] [--json]

Writes one report per learner (<id>.html that opens offline, <id>.json, <id>.csv) and a cohort
summary (index.html, cohort.json). A learner whose report already exists in <dir> is skipped
unless --force, so an interrupted run can simply be started again. CSV learners: columns
id, credentials, skills, text; list items separated by ';', "id:<x>" for catalog ids,
"<skill>@<level>" for a level.`;

/** A learner id as a safe file name (ids come from other systems). */
const fileName = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120) || 'learner';

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

export const reportCommand: Command = {
  name: 'report',
  summary: 'Write gap reports for a cohort of learners (HTML, JSON, CSV) and a cohort summary',
  usage: USAGE,
  async run(ctx, argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        learners: { type: 'string' },
        role: { type: 'string' },
        out: { type: 'string' },
        ...CONSTRAINT_OPTIONS,
        force: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    });
    if (!values.learners || !values.role || !values.out) {
      process.stderr.write(`Usage: ${USAGE}\n`);
      return 2;
    }
    const { learners, problems } = await readLearners(values.learners);
    for (const p of problems) process.stderr.write(`problem: ${p.file}:${p.line ?? '-'}: ${p.message}\n`);
    if (values.strict && problems.length > 0) {
      process.stderr.write(`--strict: ${problems.length} problem row(s); no reports written\n`);
      return 1;
    }
    const { constraints, problems: invalid } = constraintsFrom(values);
    if (invalid.length > 0) {
      process.stderr.write(`Invalid input:\n${invalid.map((p) => `  - ${p}`).join('\n')}\n`);
      return 2;
    }
    const target = targetFrom(values.role);
    const out = path.resolve(values.out);
    await mkdir(out, { recursive: true });

    const container = await createContainer(ctx.config, ctx.logger, { loadModel: ctx.config.embedding.provider !== 'none' });
    const progress = createCliProgress();
    const results: { learnerId: string; report?: GapReport; error?: string }[] = [];
    let skipped = 0;
    try {
      await container.services.indexing.serve();
      progress.stage(`reporting on ${learners.length} learners`, learners.length);
      for (const [index, learner] of learners.entries()) {
        const base = path.join(out, fileName(learner.id));
        try {
          if (!values.force && (await exists(`${base}.json`))) {
            // Resuming: keep what an earlier run wrote, and still count it in the cohort.
            results.push({ learnerId: learner.id, report: JSON.parse(await readFile(`${base}.json`, 'utf8')) as GapReport });
            skipped++;
          } else {
            const { report } = await container.services.gapReports.create({ learner, target, constraints, alternatives: 2 });
            await writeFile(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
            await writeFile(`${base}.csv`, gapReportCsv(report));
            await writeFile(`${base}.html`, renderReportHtml(report, { offline: true }));
            results.push({ learnerId: learner.id, report });
          }
        } catch (error) {
          // One learner failing (say, an unresolvable role title) is reported, not fatal.
          results.push({ learnerId: learner.id, error: error instanceof Error ? error.message : String(error) });
        }
        progress.update(index + 1, learners.length);
      }
      progress.stop();
      const summary = summariseCohort(results);
      await writeFile(path.join(out, 'cohort.json'), `${JSON.stringify(summary, null, 2)}\n`);
      await writeFile(path.join(out, 'index.html'), renderCohortHtml(summary, (id) => `${fileName(id)}.html`));
      const failed = results.filter((r) => r.error).length;
      const result = {
        out,
        learners: learners.length,
        written: results.length - failed - skipped,
        skipped,
        failed,
        problems: problems.length,
        averageCoverageBefore: summary.averageCoverageBefore,
        averageCoverageAfter: summary.averageCoverageAfter,
        topMissing: summary.missingSkills.slice(0, 5).map((m) => ({ skill: m.skill.label, learners: m.learners })),
      };
      printResult(ctx, values.json, result, [
        `${result.written} report(s) written, ${skipped} kept from an earlier run, ${failed} failed, in ${out}`,
        `Cohort coverage ${Math.round((summary.averageCoverageBefore ?? 0) * 100)}% now → ${Math.round((summary.averageCoverageAfter ?? 0) * 100)}% after the paths`,
        `Most common missing: ${result.topMissing.map((m) => `${m.skill} (${m.learners})`).join(', ') || 'none'}`,
        `Open ${path.join(out, 'index.html')}`,
        ...results.filter((r) => r.error).map((r) => `  failed: ${r.learnerId}: ${r.error}`),
      ]);
      return failed > 0 ? 1 : 0;
    } finally {
      progress.stop();
      await container.close();
    }
  },
};
