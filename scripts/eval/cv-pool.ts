/**
 * `npm run eval:cv-pool -- --out <dir>`: pools skills for the CV-text set's blind judging
 * (test/eval/cv-texts/RUBRIC.md): what skillpath reads from each text at a low bar (so tuning
 * its thresholds stays inside judged ground), plus independent keyword and embedding hits for
 * each sentence, minus what the set already lists or has judged. Writes one shuffled file per
 * text for the judges, with no score and no sign of which method proposed a skill.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { HybridSearch } from '../../src/core/search/hybrid-search.js';
import { segments, SkillExtractor } from '../../src/core/search/skill-extractor.js';
import { createLogger } from '../../src/logger.js';
import { readCvJudgements, readCvTexts, skillKey } from './cv-texts.js';
import { learnerTextReader } from './cv-reader.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: '.scratch/cv-pool' } } });
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const container = await createContainer(config, createLogger(config), { loadModel: true, search: true });
try {
  await container.services.indexing.serve();
  await container.services.embedder.start();
  const snapshot = container.services.snapshot();
  const embedder = container.services.embedder.current();
  if (!embedder || !snapshot.vectors) throw new Error('needs the embedding model and an index');
  const extractor = new SkillExtractor(() => snapshot, () => embedder);
  const keyword = new HybridSearch(() => ({ ...snapshot, vectors: null }), () => null);
  const read = learnerTextReader(snapshot, extractor, { pool: true });
  const judged = new Set(readCvJudgements().map((j) => `${j.text}\u0000${j.skill}`));
  const out = path.resolve(values.out);
  mkdirSync(out, { recursive: true });
  let total = 0;
  for (const text of readCvTexts()) {
    const listed = new Set(text.mentions.flatMap((m) => m.skills.map((uri) => `esco:${uri}`)));
    const pool = new Map<string, number>();
    const add = (id: number) => {
      const skill = snapshot.graph.skills.get(id);
      if (skill) pool.set(skillKey(skill), id);
    };
    const answer = await read(text.text);
    for (const key of [...answer.held, ...answer.possible]) {
      const id = [...snapshot.graph.skills.values()].find((s) => skillKey(s) === key)?.id;
      if (id !== undefined) add(id);
    }
    for (const part of segments(text.text, { clauses: false, windows: false })) {
      for (const hit of (await keyword.search('skills', part.text, { limit: 2, snapshot: { ...snapshot, vectors: null } })).hits) add(hit.id);
      const [vector] = await embedder.embed([part.text]);
      for (const hit of await snapshot.vectors.search('skills', vector!, 2)) add(hit.id);
    }
    const items = [...pool]
      .filter(([key]) => !listed.has(key) && !judged.has(`${text.id}\u0000${key}`))
      .map(([key, id]) => {
        const doc = snapshot.corpus.skills.get(id);
        const skill = snapshot.graph.skills.get(id)!;
        return { skill: key, label: skill.label, taxonomy: skill.source, type: skill.type ?? null, description: (doc?.description ?? '').slice(0, 400) };
      })
      .sort((a, b) => order(text.id, a.skill).localeCompare(order(text.id, b.skill)));
    total += items.length;
    writeFileSync(
      path.join(out, `${text.id}.json`),
      `${JSON.stringify({ text: text.id, words: text.text, mentions: text.mentions.map((m, i) => ({ index: i, text: m.text })), skills: items }, null, 2)}\n`,
    );
  }
  process.stdout.write(`${total} skills to judge in ${out}\n`);
} finally {
  await container.close();
}

function order(textId: string, key: string): string {
  return createHash('sha1').update(`${textId}\u0000${key}`).digest('hex');
}
