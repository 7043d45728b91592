/**
 * Learner files for batch reports: CSV (`id, credentials, skills, text`) or JSON lines (one
 * learner object per line, as in the API). In CSV cells, list items are separated by `;`;
 * an item `id:<x>` is a catalog id, anything else a name or label; a skill may end in
 * `@beginner|intermediate|advanced`.
 */
import { readFile } from 'node:fs/promises';
import { Value } from 'typebox/value';
import type { Level } from '../core/catalog.js';
import type { RecommendRequest } from '../core/recommend/types.js';
import { LearnerInput } from '../contract/recommendation.js';
import type { IngestProblem } from './records.js';
import { readCsv, resolveDataFile } from './tabular.js';

export type LearnerRecord = RecommendRequest['learner'] & { id: string };

const LEVELS = new Set(['beginner', 'intermediate', 'advanced']);

const items = (cell: string | undefined) =>
  (cell ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

function fromCsvRow(values: Record<string, string>): RecommendRequest['learner'] {
  return {
    id: values.id?.trim(),
    credentials: items(values.credentials).map((c) => (c.startsWith('id:') ? { id: c.slice(3).trim() } : { name: c })),
    skills: items(values.skills).map((s) => {
      const at = s.lastIndexOf('@');
      const level = at > 0 && LEVELS.has(s.slice(at + 1).toLowerCase()) ? (s.slice(at + 1).toLowerCase() as Level) : undefined;
      const name = level ? s.slice(0, at).trim() : s;
      const skill = name.startsWith('id:') ? { id: name.slice(3).trim() } : { label: name };
      return level ? { ...skill, level } : skill;
    }),
    ...(values.text?.trim() ? { text: values.text.trim() } : {}),
  };
}

export async function readLearners(file: string): Promise<{ learners: LearnerRecord[]; problems: IngestProblem[] }> {
  const path = resolveDataFile(file);
  const problems: IngestProblem[] = [];
  const learners: LearnerRecord[] = [];
  const seen = new Set<string>();
  const accept = (raw: unknown, line: number) => {
    const learner = Value.Default(LearnerInput, structuredClone(raw)) as RecommendRequest['learner'];
    const error = [...Value.Errors(LearnerInput, learner)][0];
    if (error) return problems.push({ file: path, line, message: `${error.instancePath || 'learner'}: ${error.message}` });
    if (!learner.id) return problems.push({ file: path, line, message: 'learner has no id' });
    if (seen.has(learner.id)) return problems.push({ file: path, line, message: `duplicate learner id '${learner.id}' (skipped)` });
    seen.add(learner.id);
    learners.push(learner as LearnerRecord);
  };

  if (/\.csv(\.gz)?$/i.test(path)) {
    for await (const row of readCsv(path, ['id'])) accept(fromCsvRow(row.values), row.line);
    return { learners, problems };
  }
  const text = await readFile(path, 'utf8');
  text.split(/\r?\n/).forEach((lineText, index) => {
    if (!lineText.trim()) return;
    try {
      accept(JSON.parse(lineText), index + 1);
    } catch {
      problems.push({ file: path, line: index + 1, message: 'not valid JSON' });
    }
  });
  return { learners, problems };
}
