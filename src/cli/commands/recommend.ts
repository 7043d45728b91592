import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Value } from 'typebox/value';
import { createContainer } from '../../container.js';
import type { Recommendation, RecommendRequest } from '../../core/recommend/types.js';
import { LearnerInput } from '../../contract/recommendation.js';
import { CONSTRAINT_OPTIONS, constraintsFrom, targetFrom } from '../request-options.js';
import { printResult, type Command } from '../context.js';

const USAGE = `skillpath recommend --learner <file.json> --role <id|code|title> [--hours-per-week N] [--max-hours N]
                   [--max-cost N] [--deadline-weeks N] [--max-steps N] [--json]

The learner file holds { "credentials": [...], "skills": [...], "text": "..." } as in POST /v1/recommend,
or a whole request with "learner", "constraints" and "weights".`;

export const recommendCommand: Command = {
  name: 'recommend',
  summary: 'Recommend an ordered path of courses from a learner file to a target role',
  usage: USAGE,
  async run(ctx, argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        learner: { type: 'string' },
        role: { type: 'string' },
        json: { type: 'boolean', default: false },
        ...CONSTRAINT_OPTIONS,
      },
    });
    if (!values.learner || !values.role) {
      process.stderr.write(`Usage: ${USAGE}\n`);
      return 2;
    }
    const file = JSON.parse(await readFile(values.learner, 'utf8')) as Record<string, unknown>;
    const learnerData = 'learner' in file ? file.learner : file;
    const learner = Value.Default(LearnerInput, structuredClone(learnerData)) as RecommendRequest['learner'];
    const problems = [...Value.Errors(LearnerInput, learner)].map((e) => `learner${e.instancePath.replaceAll('/', '.')}: ${e.message}`);
    const checked = constraintsFrom(values, (file.constraints as object | undefined) ?? {});
    const constraints = checked.constraints;
    problems.push(...checked.problems);
    if (problems.length > 0) {
      process.stderr.write(`Invalid input:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
      return 2;
    }
    const target = targetFrom(values.role);

    const container = await createContainer(ctx.config, ctx.logger, { loadModel: ctx.config.embedding.provider !== 'none' });
    try {
      await container.services.indexing.serve();
      const recommendation = await container.services.recommendations.recommend({
        learner,
        target,
        constraints,
        weights: file.weights as RecommendRequest['weights'],
        alternatives: 2,
      });
      printResult(ctx, values.json, recommendation, describe(recommendation));
      return 0;
    } finally {
      container.services.indexing.stop();
      await container.close();
    }
  },
};

function describe(r: Recommendation): string[] {
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const lines = [
    `Target: ${r.target.role.title} (${r.target.role.source} ${r.target.role.code}), matched by ${r.target.matchedBy}${r.target.ambiguous ? ' — ambiguous, see candidates' : ''}`,
    `Coverage: ${pct(r.gap.coverageBefore)} now → ${pct(r.gap.coverageAfter)} after the path`,
    '',
    'Path:',
    ...r.path.flatMap((s) => [
      `  ${s.position}. ${s.course.title} — ${s.course.provider}, ${s.course.hours ?? '?'} h, ${s.course.cost ?? '?'} ${s.course.currency ?? ''}`.trimEnd(),
      `     ${s.reason}`,
    ]),
    `Totals: ${r.totals.steps} steps, ${r.totals.hours} h, ${r.totals.cost} ${r.totals.currency ?? ''}${r.totals.weeks ? `, ${r.totals.weeks} weeks` : ''}`.trimEnd(),
  ];
  if (r.uncovered.length) lines.push('', 'Not covered:', ...r.uncovered.map((u) => `  - ${u.detail}`));
  if (r.binding.length) lines.push('', 'Binding constraints:', ...r.binding.map((b) => `  - ${b.detail}`));
  if (r.learner.unresolved.length) lines.push('', 'Not recognised:', ...r.learner.unresolved.map((u) => `  - ${u.input}: ${u.reason}`));
  lines.push('', `Optimality: ${r.optimality.status} (${r.optimality.solver}, ${r.optimality.timeMs} ms)`);
  return lines;
}
