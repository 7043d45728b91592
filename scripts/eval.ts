/**
 * `npm run eval [-- --quick] [--data ../shared/data]`: measures how well skillpath links skills,
 * resolves roles, tags courses and extracts skills from text, each next to a BM25-only and an
 * embedding-only baseline, and how good its learning paths are next to the exact optimum and
 * two simple planners; writes a Markdown table and a JSON file under eval/results/.
 *
 * Honesty rules: queries come only from concepts the embedding model never saw (the held-out
 * rule from the model's README), and the held-out concepts' alternative labels are removed from
 * everything the system ranks with — otherwise the query would simply be found in a synonym list.
 *
 * Model settings come from the environment as for the server (MODEL_DIR, EMBEDDING_MODEL, ...).
 * The ingested data is cached under data/eval-cache/ so later runs start in seconds.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { execSync } from 'node:child_process';
import { LoadedVectorIndex } from '../src/adapters/index/index-store.js';
import { MiniSearchLexicalIndex } from '../src/adapters/search/minisearch-lexical.js';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import type { Embedder, VectorIndex } from '../src/core/ports.js';
import type { Collection, SearchCorpus, SearchDocument } from '../src/core/catalog.js';
import type { SearchSnapshot } from '../src/core/search/corpus.js';
import { DEFAULT_FUSION, HybridSearch } from '../src/core/search/hybrid-search.js';
import { PhraseDictionary } from '../src/core/search/phrase-dictionary.js';
import { SkillExtractor } from '../src/core/search/skill-extractor.js';
import { extractFromJobAd } from '../src/core/search/job-ad-ranking.js';
import { DEFAULT_LINKER_TUNING, linkCourse, textsToEmbed, type LinkerTuning } from '../src/core/search/course-linker.js';
import { readCourseraCatalog } from '../src/ingest/coursera-reader.js';
import { readEsco } from '../src/ingest/esco-reader.js';
import { readJobPostings } from '../src/ingest/job-postings-reader.js';
import { normalizePhrase } from '../src/core/text.js';
import { positionOfLabel, roleOfLabel } from '../src/core/search/role-labels.js';
import { createCliProgress } from '../src/cli/progress.js';
import { createLogger } from '../src/logger.js';
import { packageRoot } from '../src/paths.js';
import { evaluatePaths, generatePairs, LOWER_IS_BETTER, type PathMethodMetrics } from './eval/paths.js';
import { MAX_DROP, regressions } from './eval/regressions.js';
import { evaluateRelevance, RELEVANCE_LOWER_IS_BETTER, relevanceTable } from './eval/relevance-set.js';
import { evaluateExternal, externalTable, scoreRankings } from './eval/external-sets.js';
import { rankRoleTitle } from '../src/core/recommend/target.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    data: { type: 'string', default: '../shared/data' },
    cache: { type: 'string', default: 'data/eval-cache' },
    check: { type: 'string' },
    'lexical-weight': { type: 'string' },
    'vector-weight': { type: 'string' },
    'typeahead-lexical-weight': { type: 'string' },
  },
});
const QUICK_QUERIES = 300;
/** The shared course catalogs, by the source name each ingests as. */
const CATALOGS = [
  { format: 'coursera-tags', file: 'courses/coursera/coursera_courses_skills_3404.csv.gz' },
  { format: 'coursera', file: 'courses/coursera/coursera_courses_desc_skills_1000.csv.gz' },
  { format: 'edx', file: 'courses/edx/edx_courses_975.csv.gz' },
  { format: 'udemy', file: 'courses/udemy/udemy_courses_3678.csv' },
  { format: 'ctdl', file: 'courses/credential-engine-ctdl-examples' },
] as const;
/** Learner/role pairs for the path set. */
const PATH_PAIRS = { full: 200, quick: 40 };
/** Embeds distinct texts in batches; text → vector. */
async function embedAll(embedder: Embedder, texts: string[]): Promise<Map<string, Float32Array>> {
  const distinct = [...new Set(texts)];
  const out = new Map<string, Float32Array>();
  for (let i = 0; i < distinct.length; i += 64) {
    const batch = distinct.slice(i, i + 64);
    (await embedder.embed(batch)).forEach((v, k) => out.set(batch[k]!, v));
  }
  return out;
}

const data = path.resolve(values.data);
const cache = path.resolve(values.cache);
mkdirSync(cache, { recursive: true });

/** The model README's split: held out when int(sha1(uri)) % 100 < 5. */
const heldOut = (uri: string) => BigInt(`0x${createHash('sha1').update(uri, 'utf8').digest('hex')}`) % 100n < 5n;

const config = loadConfig({ ...process.env, PGLITE_DIR: path.join(cache, 'pglite'), INDEX_DIR: path.join(cache, 'index'), DATABASE_URL: '', LOG_LEVEL: 'warn' });
const logger = createLogger(config);
const progress = createCliProgress();
const container = await createContainer(config, logger, { loadModel: true, search: true });
const started = performance.now();
// A run on uncommitted changes is named so: its figures belong to no commit. Checked at the
// start, so editing files while the evaluation runs does not mislabel it.
const dirty = execSync('git status --porcelain --untracked-files=no', { cwd: packageRoot }).toString().trim() !== '';

try {
  const sources = (await container.services.catalog.dataSources()).map((s) => s.name);
  if (!sources.includes('esco')) await container.services.ingestion.ingest({ kind: 'esco', path: path.join(data, 'esco/v1.1.1') }, { progress });
  if (!sources.includes('onet')) await container.services.ingestion.ingest({ kind: 'onet', path: path.join(data, 'onet/29.2') }, { progress });
  // Paths are planned over every shared catalog, as a user who loaded all the data would see them.
  for (const catalog of CATALOGS) {
    if (!sources.includes(catalog.format)) {
      await container.services.ingestion.ingest({ kind: 'courses', format: catalog.format, path: path.join(data, catalog.file) }, { progress });
    }
  }
  await container.services.indexing.serve();
  await container.services.indexing.refresh(progress);
  progress.stop();
  const snapshot = container.services.snapshot();
  const embedder = container.services.embedder.current();
  if (!embedder || !snapshot.vectors) throw new Error('evaluation needs the embedding model and an index (set MODEL_DIR / EMBEDDING_MODEL)');

  const esco = await readEsco(path.join(data, 'esco/v1.1.1'));
  const skillIdByUri = new Map([...snapshot.graph.skills.values()].filter((s) => s.source === 'esco').map((s) => [s.uri, s.id]));
  const roleIdByCode = new Map([...snapshot.graph.roles.values()].filter((r) => r.source === 'esco').map((r) => [r.code, r.id]));

  // The same catalog, minus the held-out concepts' synonyms, restricted to ESCO.
  const blind = (docs: Map<number, SearchDocument>, heldIds: Set<number>) =>
    new Map([...docs].filter(([, d]) => d.source === 'esco').map(([id, d]) => [id, heldIds.has(id) ? { ...d, altTitles: [] } : d]));
  const heldSkills = esco.skills.filter((s) => heldOut(s.uri));
  const heldRoles = esco.roles.filter((r) => heldOut(r.code));
  const corpus: SearchCorpus = {
    skills: blind(snapshot.corpus.skills, new Set(heldSkills.map((s) => skillIdByUri.get(s.uri)!))),
    roles: blind(snapshot.corpus.roles, new Set(heldRoles.map((r) => roleIdByCode.get(r.code)!))),
    courses: new Map(),
  };
  const lexical = new MiniSearchLexicalIndex(corpus);
  // The real job-title set uses the full role catalog (no held-out blinding: it is not about the model's training split).
  const fullLexical = snapshot.lexical;
  // Each name of a role has its own vector (roleLabels): the held-out occupations' alternative
  // titles must not be found there either, only their titles.
  const heldRoleIds = new Set(heldRoles.map((r) => roleIdByCode.get(r.code)!));
  const fullVectors = snapshot.vectors;
  const blindVectors: VectorIndex = {
    version: fullVectors.version,
    model: fullVectors.model,
    dimension: fullVectors.dimension,
    count: (c) => fullVectors.count(c),
    vectorsOf: (c, ids) => fullVectors.vectorsOf(c, ids),
    search: (c, v, k, filter) =>
      c === 'roleLabels'
        ? fullVectors.search(c, v, k, (id) => !(heldRoleIds.has(roleOfLabel(id)) && positionOfLabel(id) > 0) && (!filter || filter(id)))
        : fullVectors.search(c, v, k, filter),
  };
  const blindSnapshot: SearchSnapshot = { ...snapshot, corpus, lexical, phrases: PhraseDictionary.build(corpus.skills.values()), vectors: blindVectors };
  const lexicalOnly: SearchSnapshot = { ...blindSnapshot, vectors: null };
  const fusion = {
    lexical: values['lexical-weight'] ? Number(values['lexical-weight']) : DEFAULT_FUSION.lexical,
    vector: values['vector-weight'] ? Number(values['vector-weight']) : DEFAULT_FUSION.vector,
    prefixLexical: values['typeahead-lexical-weight'] ? Number(values['typeahead-lexical-weight']) : DEFAULT_FUSION.prefixLexical,
  };
  const hybrid = new HybridSearch(() => blindSnapshot, () => embedder, fusion);
  const keyword = new HybridSearch(() => lexicalOnly, () => embedder);
  const vectors = snapshot.vectors as VectorIndex;

  /** `prefix`: the query is typed so far (search as you type), its last word possibly cut short. */
  type Retriever = (collection: Collection, query: string, prefix: boolean) => Promise<number[]>;
  const esOnly = (collection: Collection) => (id: number) => corpus[collection].has(id);
  const retrievers: Record<string, Retriever> = {
    'BM25 only': async (c, q, prefix) => (await keyword.search(c, q, { limit: 10, prefix })).hits.map((h) => h.id),
    'embedding only': async (c, q) => {
      const [v] = await embedder.embed([q]);
      return (await vectors.search(c, v!, 10, esOnly(c))).map((h) => h.id);
    },
    'hybrid (skillpath)': async (c, q, prefix) => (await hybrid.search(c, q, { limit: 10, prefix })).hits.map((h) => h.id),
  };

  const rankMetrics = async (collection: Collection, queries: { text: string; gold: number }[], prefix = false) => {
    const out: Record<string, { acc1: number; r5: number; mrr: number; n: number }> = {};
    for (const [name, retrieve] of Object.entries(retrievers)) {
      let acc1 = 0;
      let r5 = 0;
      let mrr = 0;
      for (const q of queries) {
        const ranked = await retrieve(collection, q.text, prefix);
        const rank = ranked.indexOf(q.gold);
        if (rank === 0) acc1++;
        if (rank >= 0 && rank < 5) r5++;
        if (rank >= 0) mrr += 1 / (rank + 1);
      }
      const n = queries.length;
      out[name] = { acc1: acc1 / n, r5: r5 / n, mrr: mrr / n, n };
    }
    return out;
  };

  const limit = <T>(list: T[]) => (values.quick ? list.filter((_, i) => i % Math.max(1, Math.floor(list.length / QUICK_QUERIES)) === 0).slice(0, QUICK_QUERIES) : list);
  const skillQueries = limit(
    heldSkills.flatMap((s) => s.altLabels.filter((a) => a !== s.label).map((text) => ({ text, gold: skillIdByUri.get(s.uri)! }))),
  );
  const roleQueries = limit(heldRoles.flatMap((r) => r.altTitles.filter((a) => a !== r.title).map((text) => ({ text, gold: roleIdByCode.get(r.code)! }))));
  const skillLinking = await rankMetrics('skills', skillQueries);
  const roleResolution: Record<string, { acc1: number; r5: number; mrr: number; n: number }> = await rankMetrics('roles', roleQueries);
  // The same queries as a recommendation's `target.title` is resolved: normalised, every name of
  // a role with its own vector (held-out alternative titles excluded), ranked by the title model.
  roleResolution['title resolution (target.title)'] = await scoreRankings(
    roleQueries,
    (q) => new Set([q.gold]),
    async (q) => (await rankRoleTitle(q.text, blindSnapshot, hybrid, { limit: 10 })).map((c) => c.role.id),
  );
  // Search as you type: the same queries of two or more words, the last word (5+ letters) cut to its first 3.
  const typed = (queries: { text: string; gold: number }[]) =>
    queries.flatMap((q) => {
      const words = q.text.split(' ');
      const last = words.at(-1)!;
      return words.length >= 2 && last.length >= 5 ? [{ text: [...words.slice(0, -1), last.slice(0, 3)].join(' '), gold: q.gold }] : [];
    });
  const typeahead = {
    skills: await rankMetrics('skills', typed(skillQueries), true),
    roles: await rankMetrics('roles', typed(roleQueries), true),
  };

  // Free-text extraction: R-Precision@k = hits in the top min(k, |gold|) over min(k, |gold|).
  const sentencesFile = path.join(packageRoot, 'test/eval/extraction-sentences.jsonl');
  const sentences = (existsSync(sentencesFile) ? readFileSync(sentencesFile, 'utf8') : '')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; text: string; skills: string[] });
  const extractor = new SkillExtractor(() => blindSnapshot, () => embedder);
  const lexicalExtractor = new SkillExtractor(() => lexicalOnly, () => embedder);
  const rp = async (ex: SkillExtractor, k: number) => {
    if (sentences.length === 0) return 0;
    let sum = 0;
    for (const s of sentences) {
      const gold = new Set(s.skills.map((u) => skillIdByUri.get(u)).filter((id): id is number => id !== undefined));
      const found = (await extractFromJobAd(s.text, { limit: k, source: 'esco' }, ex === extractor ? blindSnapshot : lexicalOnly, ex)).skills.map((x) => x.id);
      const cut = Math.min(k, gold.size);
      sum += found.slice(0, cut).filter((id) => gold.has(id)).length / cut;
    }
    return sum / sentences.length;
  };
  const extraction = {
    'phrases only (lexical)': { rp5: await rp(lexicalExtractor, 5), rp10: await rp(lexicalExtractor, 10) },
    'phrases + meaning (skillpath)': { rp5: await rp(extractor, 5), rp10: await rp(extractor, 10) },
    n: sentences.length,
  };

  // Course tagging: the index refresh's own course linker, given a Coursera description alone,
  // against the catalog's tags for that course (tags resolved to ESCO by exact label or synonym).
  const coursera = await readCourseraCatalog(path.join(data, 'courses/coursera/coursera_courses_desc_skills_1000.csv'));
  const tagged = coursera.courses
    .map((c) => ({
      description: c.description,
      gold: new Set(
        (c.skillTags ?? []).flatMap((t) => snapshot.phrases.lookup(t.label).filter((m) => corpus.skills.has(m.skillId)).map((m) => m.skillId)),
      ),
    }))
    .filter((c) => c.description && c.gold.size > 0);
  const taggingSample = values.quick ? tagged.slice(0, 100) : tagged;
  const sentenceVectors = await embedAll(
    embedder,
    taggingSample.flatMap((c) => textsToEmbed({ description: c.description, tags: [] }, blindSnapshot.phrases).sentences.map((s) => s.text)),
  );
  // The linker runs inside a refresh, over the in-process index it is building: synchronously.
  if (!(vectors instanceof LoadedVectorIndex)) throw new Error('the evaluation needs the in-process vector index');
  const nearestEsco = (vector: Float32Array, k: number) => vectors.searchNow('skills', vector, k, esOnly('skills'));
  const tagging = (dictionary: PhraseDictionary, tuning: LinkerTuning) => {
    let p5 = 0;
    let r10 = 0;
    for (const c of taggingSample) {
      const found = linkCourse({ description: c.description, tags: [] }, dictionary, nearestEsco, (t) => sentenceVectors.get(t)!, tuning)
        .sort((a, b) => b.confidence - a.confidence || a.skillId - b.skillId)
        .map((l) => l.skillId);
      p5 += found.slice(0, 5).filter((id) => c.gold.has(id)).length / 5;
      r10 += found.slice(0, 10).filter((id) => c.gold.has(id)).length / c.gold.size;
    }
    return { p5: p5 / taggingSample.length, r10: r10 / taggingSample.length };
  };
  const courseTagging = {
    'phrases only (lexical)': tagging(blindSnapshot.phrases, { ...DEFAULT_LINKER_TUNING, textSemanticMin: Infinity }),
    'meaning only (embedding)': tagging(PhraseDictionary.build([]), DEFAULT_LINKER_TUNING),
    'phrases + meaning (skillpath)': tagging(blindSnapshot.phrases, DEFAULT_LINKER_TUNING),
    n: taggingSample.length,
  };

  // Role resolution on real job titles: Dice titles whose normalised form equals an ESCO or
  // O*NET occupation title; any occupation with that title counts as right.
  const dice = await readJobPostings(path.join(data, 'jobs/dice_us_job_titles_required_skills_22000.csv'));
  const rolesByTitle = new Map<string, number[]>();
  for (const role of snapshot.corpus.roles.values()) {
    if (role.source === 'starter') continue;
    const key = normalizePhrase(role.title);
    rolesByTitle.set(key, [...(rolesByTitle.get(key) ?? []), role.id]);
  }
  const diceQueries = [...dice.titleCounts.keys()]
    .filter((t) => rolesByTitle.has(normalizePhrase(t)))
    .sort()
    .slice(0, values.quick ? 100 : undefined);
  const notStarter = (id: number) => snapshot.corpus.roles.get(id)?.source !== 'starter';
  const diceRetrievers: Record<string, (q: string) => Promise<number[]>> = {
    'BM25 only': async (q) => (await keyword.search('roles', q, { limit: 10, snapshot: { ...lexicalOnly, corpus: snapshot.corpus, lexical: fullLexical }, filter: notStarter })).hits.map((h) => h.id),
    'embedding only': async (q) => {
      const [v] = await embedder.embed([q]);
      return (await vectors.search('roles', v!, 10, notStarter)).map((h) => h.id);
    },
    'hybrid (skillpath)': async (q) => (await hybrid.search('roles', q, { limit: 10, snapshot: { ...snapshot, lexical: fullLexical }, filter: notStarter })).hits.map((h) => h.id),
  };
  const diceTitles: Record<string, { acc1: number; r5: number; mrr: number; n: number }> = {};
  for (const [name, retrieve] of Object.entries(diceRetrievers)) {
    let acc1 = 0;
    let r5 = 0;
    let mrr = 0;
    for (const q of diceQueries) {
      const gold = new Set(rolesByTitle.get(normalizePhrase(q)));
      const ranked = await retrieve(q);
      const rank = ranked.findIndex((id) => gold.has(id));
      if (rank === 0) acc1++;
      if (rank >= 0 && rank < 5) r5++;
      if (rank >= 0) mrr += 1 / (rank + 1);
    }
    const n = Math.max(1, diceQueries.length);
    diceTitles[name] = { acc1: acc1 / n, r5: r5 / n, mrr: mrr / n, n: diceQueries.length };
  }

  // Sets written by others: Decorte job-ad sentences and JobBERT vacancy titles, over the full catalog.
  const external = await evaluateExternal({
    data,
    quick: values.quick,
    snapshot,
    embedder,
  });

  // Paths: generated learner/role pairs on the real catalog, against the exact optimum and two baselines.
  const paths = await evaluatePaths(
    container.services.recommendations,
    snapshot.graph,
    generatePairs(snapshot.graph, values.quick ? PATH_PAIRS.quick : PATH_PAIRS.full),
    snapshot.vectors,
  );

  // Relevance: every claim of the paths for the labelled roles, against blind judgements.
  const relevance = await evaluateRelevance(container.services.recommendations, snapshot.graph);

  const commit = `${execSync('git rev-parse --short HEAD', { cwd: packageRoot }).toString().trim()}${dirty ? '-dirty' : ''}`;
  const date = new Date().toISOString().slice(0, 10);
  const result = {
    date,
    commit,
    mode: values.quick ? 'quick' : 'full',
    model: embedder.modelId,
    seconds: Math.round((performance.now() - started) / 1000),
    skillLinking,
    roleResolution,
    typeahead,
    diceTitles,
    extraction,
    external,
    courseTagging,
    paths,
    relevance,
  };
  const pct = (x: number) => (x * 100).toFixed(1);
  const table = (title: string, rows: typeof skillLinking) =>
    [
      `### ${title} (${Object.values(rows)[0]?.n ?? 0} queries)`,
      '',
      '| retriever | accuracy@1 | recall@5 | MRR |',
      '|---|---:|---:|---:|',
      ...Object.entries(rows).map(([name, m]) => `| ${name} | ${pct(m.acc1)} | ${pct(m.r5)} | ${pct(m.mrr)} |`),
      '',
    ].join('\n');
  const markdown = [
    `## skillpath evaluation — ${date}, commit ${commit}, ${result.mode} mode, ${result.model}`,
    '',
    table('Skill linking: held-out ESCO alternative labels → ESCO skill', skillLinking),
    table('Role resolution: held-out ESCO occupation alternative labels → occupation', roleResolution),
    table('Search as you type: the same skill queries, last word cut to 3 letters', typeahead.skills),
    table('Search as you type: the same occupation queries, last word cut to 3 letters', typeahead.roles),
    table('Role resolution: Dice job titles equal to an ESCO or O*NET occupation title', diceTitles),
    `### Course tagging (${courseTagging.n} Coursera courses: the course linker on the description only vs the catalog's tags)`,
    '',
    '| method | precision@5 | recall@10 |',
    '|---|---:|---:|',
    ...(['phrases only (lexical)', 'meaning only (embedding)', 'phrases + meaning (skillpath)'] as const).map(
      (name) => `| ${name} | ${pct(courseTagging[name].p5)} | ${pct(courseTagging[name].r10)} |`,
    ),
    '',
    `### Free-text extraction (${sentences.length} hand-labelled sentences, ESCO)`,
    '',
    '| method | R-Precision@5 | R-Precision@10 |',
    '|---|---:|---:|',
    `| phrases only (lexical) | ${pct(extraction['phrases only (lexical)'].rp5)} | ${pct(extraction['phrases only (lexical)'].rp10)} |`,
    `| phrases + meaning (skillpath) | ${pct(extraction['phrases + meaning (skillpath)'].rp5)} | ${pct(extraction['phrases + meaning (skillpath)'].rp10)} |`,
    '',
    ...externalTable(external),
    `### Learning paths (${paths.n} generated learner/role pairs; ${paths.pairsWithPrerequisites} with prerequisites among their candidates)`,
    '',
    '| planner | gap coverage | of teachable gap | cost ÷ optimum (median / worst) | covers less than optimum | prerequisite violations | over the learner\'s limits | redundant steps | skills taught twice or held | gap skills left uncovered |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...Object.entries(paths.methods).map(
      ([name, m]: [string, PathMethodMetrics]) =>
        `| ${[
        name,
        pct(m.gapCoverage),
        pct(m.teachableCoverage),
        `${m.costRatioMedian.toFixed(3)} / ${m.costRatioWorst.toFixed(3)}`,
        pct(m.coversLessShare),
        `${m.prerequisiteViolations} (${pct(m.pathsWithViolationsShare)}% of paths)`,
        pct(m.overLimitShare),
        pct(m.redundantStepShare),
        pct(m.overlapShare),
        pct(m.uncoveredShare),
      ].join(' | ')} |`,
    ),
    '',
    `skillpath: ${paths.meanSteps.toFixed(1)} steps per path, ${paths.msMedian} ms median per recommendation; ${paths.unreportedUncovered} uncovered gap skills missing from the answer's \`uncovered\` list; exact reference not proven optimal in ${paths.referenceNotOptimal} pairs.`,
    '',
    ...relevanceTable(relevance),
    `Ran in ${result.seconds} s.`,
    '',
  ].join('\n');
  const outDir = path.join(packageRoot, 'eval/results');
  mkdirSync(outDir, { recursive: true });
  const base = path.join(outDir, `${date}-${commit}${values.quick ? '-quick' : ''}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${base}.md`, markdown);
  process.stdout.write(markdown);
  if (values.check) {
    const failures = regressions(JSON.parse(readFileSync(values.check, 'utf8')) as typeof result, result, new Set([...LOWER_IS_BETTER, ...RELEVANCE_LOWER_IS_BETTER]));
    for (const f of failures) process.stderr.write(`regression: ${f}\n`);
    process.stderr.write(failures.length ? `${failures.length} metric(s) got worse by more than ${MAX_DROP} points against ${values.check}\n` : `no metric got worse by more than ${MAX_DROP} points against ${values.check}\n`);
    if (failures.length) process.exitCode = 1;
  }
} finally {
  progress.stop();
  await container.close();
}
