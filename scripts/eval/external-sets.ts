/**
 * Development sets written by others (`../shared/data/eval-dev/`, described in its SOURCES.md):
 * - Decorte et al. TECH and HOUSE validation splits: job-ad sentence → ESCO skills, scored by
 *   R-Precision@5 (hits in the top min(5, |gold|) over min(5, |gold|));
 * - JobBERT v1 vacancy titles: title → ESCO occupation, accuracy@1 / @5 on a fixed sample.
 * They are read here and only here: never copied into the product's data, indexes or dictionaries.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Embedder } from '../../src/core/ports.js';
import { rankRoleTitle } from '../../src/core/recommend/target.js';
import type { SearchSnapshot } from '../../src/core/search/corpus.js';
import { HybridSearch } from '../../src/core/search/hybrid-search.js';
import { SkillExtractor } from '../../src/core/search/skill-extractor.js';
import { extractFromJobAd } from '../../src/core/search/job-ad-ranking.js';
import { learnerTextReader } from './cv-reader.js';
import { cvHalf, readCvJudgements, readCvTexts, scoreCvTexts, type CvScores } from './cv-texts.js';

export interface LabelledSentence {
  text: string;
  /** ESCO preferred labels; a sentence whose rows are all "not present" or "underspecified" is dropped. */
  gold: string[];
}

const NO_LABEL = new Set(['LABEL NOT PRESENT', 'UNDERSPECIFIED']);

/** Rows grouped by sentence, in file order. */
export function readDecorte(file: string): LabelledSentence[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as { sentence: string; label: string }[];
  const bySentence = new Map<string, Set<string>>();
  for (const row of rows) {
    const gold = bySentence.get(row.sentence) ?? new Set<string>();
    if (!NO_LABEL.has(row.label.trim())) gold.add(row.label.trim());
    bySentence.set(row.sentence, gold);
  }
  return [...bySentence].filter(([, gold]) => gold.size > 0).map(([text, gold]) => ({ text, gold: [...gold] }));
}

export interface LabelledTitle {
  text: string;
  /** The ESCO occupation's preferred label (a few name an alternative label of a renamed occupation). */
  label: string;
}

/** A fixed sample: the `size` titles whose SHA-1 is smallest, so the sample never depends on file order. */
export function readJobbertSample(file: string, size: number): LabelledTitle[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as LabelledTitle[];
  const key = (t: LabelledTitle) => createHash('sha1').update(`${t.text}\u0000${t.label}`, 'utf8').digest('hex');
  return rows
    .map((row) => ({ row, key: key(row) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, size)
    .map(({ row }) => ({ text: row.text.trim(), label: row.label.trim() }));
}

/** R-Precision@k of one ranking. */
export function rPrecision(ranked: number[], gold: ReadonlySet<number>, k: number): number {
  const cut = Math.min(k, gold.size);
  if (cut === 0) return 0;
  return ranked.slice(0, cut).filter((id) => gold.has(id)).length / cut;
}

export interface RankScores {
  acc1: number;
  r5: number;
  mrr: number;
  n: number;
}

/** Accuracy@1, recall@5 and MRR of rankings against one gold id set per query. */
export async function scoreRankings<Q>(queries: Q[], gold: (q: Q) => ReadonlySet<number>, rank: (q: Q) => Promise<number[]>): Promise<RankScores> {
  let acc1 = 0;
  let r5 = 0;
  let mrr = 0;
  for (const q of queries) {
    const expected = gold(q);
    const position = (await rank(q)).findIndex((id) => expected.has(id));
    if (position === 0) acc1++;
    if (position >= 0 && position < 5) r5++;
    if (position >= 0) mrr += 1 / (position + 1);
  }
  const n = Math.max(1, queries.length);
  return { acc1: acc1 / n, r5: r5 / n, mrr: mrr / n, n: queries.length };
}

/** Mean R-Precision@5 and @10 over labelled sentences. */
export async function scoreExtraction(
  sentences: { text: string; gold: ReadonlySet<number> }[],
  rank: (text: string) => Promise<number[]>,
): Promise<{ rp5: number; rp10: number; n: number }> {
  let rp5 = 0;
  let rp10 = 0;
  for (const s of sentences) {
    const ranked = await rank(s.text);
    rp5 += rPrecision(ranked, s.gold, 5);
    rp10 += rPrecision(ranked, s.gold, 10);
  }
  const n = Math.max(1, sentences.length);
  return { rp5: rp5 / n, rp10: rp10 / n, n: sentences.length };
}

export interface ExternalDeps {
  data: string;
  quick: boolean;
  /** The full catalog, as the product serves it. */
  snapshot: SearchSnapshot;
  embedder: Embedder;
}

/** JobBERT titles scored: 1,000 in full mode, a fixed 300 of them in quick mode. */
export const JOBBERT_SAMPLE = { full: 1000, quick: 300 };

export async function evaluateExternal(options: ExternalDeps) {
  const { snapshot, embedder } = options;
  const deps = {
    ...options,
    // The product's search and extraction, and keyword search alone, over the same snapshot.
    search: new HybridSearch(() => snapshot, () => embedder),
    keyword: new HybridSearch(() => ({ ...snapshot, vectors: null }), () => null),
    extractor: new SkillExtractor(() => snapshot, () => embedder),
  };
  const vectors = snapshot.vectors!;
  const escoSkillByLabel = new Map<string, number>();
  for (const skill of snapshot.graph.skills.values()) if (skill.source === 'esco') escoSkillByLabel.set(skill.label, skill.id);
  const isEscoSkill = (id: number) => snapshot.graph.skills.get(id)?.source === 'esco';
  const isEscoRole = (id: number) => snapshot.graph.roles.get(id)?.source === 'esco';

  const extraction: Record<string, Record<string, { rp5: number; rp10: number; n: number }>> = {};
  for (const split of ['tech', 'house'] as const) {
    const sentences = readDecorte(path.join(deps.data, `eval-dev/decorte_${split}_validation.csv`)).map((s) => ({
      text: s.text,
      gold: new Set(s.gold.map((label) => escoSkillByLabel.get(label)).filter((id): id is number => id !== undefined)),
    }));
    extraction[split] = {
      'BM25 only': await scoreExtraction(sentences, async (t) => (await deps.keyword.search('skills', t, { limit: 10, snapshot: { ...snapshot, vectors: null }, filter: isEscoSkill })).hits.map((h) => h.id)),
      'embedding only': await scoreExtraction(sentences, async (t) => {
        const [v] = await embedder.embed([t]);
        return (await vectors.search('skills', v!, 10, isEscoSkill)).map((h) => h.id);
      }),
      'skillpath before issue 12 (phrases, then meaning)': await scoreExtraction(sentences, async (t) =>
        (await deps.extractor.extract(t, { limit: 10, source: 'esco' }, snapshot)).skills.map((s) => s.id),
      ),
      'skillpath (job-ad extraction)': await scoreExtraction(sentences, async (t) =>
        (await extractFromJobAd(t, { limit: 10, source: 'esco' }, snapshot, deps.extractor)).skills.map((s) => s.id),
      ),
    };
  }

  const escoRoleByLabel = new Map<string, number[]>();
  for (const role of snapshot.graph.roles.values()) {
    if (role.source !== 'esco') continue;
    escoRoleByLabel.set(role.title, [...(escoRoleByLabel.get(role.title) ?? []), role.id]);
  }
  const escoRoleByAlt = new Map<string, number[]>();
  for (const role of snapshot.graph.roles.values()) {
    if (role.source !== 'esco') continue;
    for (const alt of role.altTitles) escoRoleByAlt.set(alt, [...(escoRoleByAlt.get(alt) ?? []), role.id]);
  }
  const titles = readJobbertSample(path.join(deps.data, 'eval-dev/jobbert_v1_titles_dev.csv'), JOBBERT_SAMPLE.full)
    .filter((_, i) => !deps.quick || i < JOBBERT_SAMPLE.quick)
    .map((t) => ({ ...t, gold: new Set(escoRoleByLabel.get(t.label) ?? escoRoleByAlt.get(t.label) ?? []) }));
  const unlabelled = titles.filter((t) => t.gold.size === 0).length;
  const scored = titles.filter((t) => t.gold.size > 0);
  const gold = (t: (typeof scored)[number]) => t.gold;
  const titlesScores = {
    'BM25 only': await scoreRankings(scored, gold, async (t) => (await deps.keyword.search('roles', t.text, { limit: 10, snapshot: { ...snapshot, vectors: null }, filter: isEscoRole })).hits.map((h) => h.id)),
    'embedding only': await scoreRankings(scored, gold, async (t) => {
      const [v] = await embedder.embed([t.text]);
      return (await vectors.search('roles', v!, 10, isEscoRole)).map((h) => h.id);
    }),
    'skillpath (title resolution)': await scoreRankings(scored, gold, async (t) =>
      (await rankRoleTitle(t.text, snapshot, deps.search, { source: 'esco', limit: 10 })).map((c) => c.role.id),
    ),
  };
  // Learners' own words: what the product holds from each text, against the CV-text set.
  const cv = {} as Record<'all' | 'dev' | 'check', CvScores>;
  const texts = readCvTexts();
  const judgements = readCvJudgements();
  const read = learnerTextReader(snapshot, deps.extractor);
  cv.all = await scoreCvTexts(texts, judgements, read);
  cv.dev = await scoreCvTexts(texts.filter((t) => cvHalf(t.id) === 'dev'), judgements, read);
  cv.check = await scoreCvTexts(texts.filter((t) => cvHalf(t.id) === 'check'), judgements, read);
  return { decorte: extraction, jobbert: { ...titlesScores, unlabelled }, cv };
}

export function externalTable(result: Awaited<ReturnType<typeof evaluateExternal>>): string[] {
  const pct = (x: number) => (x * 100).toFixed(1);
  const lines: string[] = [];
  for (const split of ['tech', 'house'] as const) {
    const rows = result.decorte[split]!;
    lines.push(
      `### Job-ad skill extraction: Decorte ${split.toUpperCase()} validation (${Object.values(rows)[0]?.n ?? 0} sentences, ESCO)`,
      '',
      '| method | R-Precision@5 | R-Precision@10 |',
      '|---|---:|---:|',
      ...Object.entries(rows).map(([name, m]) => `| ${name} | ${pct(m.rp5)} | ${pct(m.rp10)} |`),
      '',
    );
  }
  const { unlabelled, ...methods } = result.jobbert;
  lines.push(
    `### Vacancy titles: JobBERT development titles → ESCO occupation (${Object.values(methods)[0]?.n ?? 0} titles${unlabelled ? `; ${unlabelled} whose label names no ESCO occupation left out` : ''})`,
    '',
    '| method | accuracy@1 | accuracy@5 | MRR |',
    '|---|---:|---:|---:|',
    ...Object.entries(methods).map(([name, m]) => `| ${name} | ${pct(m.acc1)} | ${pct(m.r5)} | ${pct(m.mrr)} |`),
    '',
  );
  lines.push(
    `### Learners' own words: skills held from CV text (${result.cv.all.texts} texts, ${result.cv.all.mentions} mentions; test/eval/cv-texts)`,
    '',
    '| texts | held | precision of held | recall of mentions | held, not judged | to confirm | precision of to-confirm | recall with to-confirm |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...(['all', 'dev', 'check'] as const).map((half) => {
      const m = result.cv[half];
      return `| ${half} (${m.texts}) | ${m.held} | ${pct(m.precision)} | ${pct(m.recall)} | ${m.heldUnjudged} | ${m.possible} | ${pct(m.possiblePrecision)} | ${pct(m.recallWithPossible)} |`;
    }),
    '',
  );
  return lines;
}
