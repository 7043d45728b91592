/**
 * `npm run eval:pool -- --out pool.jsonl`: the (role, skill, course) triples the relevance set
 * should hold judgements for and does not yet. Pooled from two kinds of source, so the set
 * measures what the system misses and does not only bless its answers:
 *
 * - every claim of skillpath's own paths for the labelled roles (the requests of relevance.ts);
 * - independent candidates: for some essential skills of each role (drawn by a hash) and for
 *   every skill a path claims, the top keyword (BM25) and the top embedding hits among courses.
 *
 * The output carries what a judge needs (titles, descriptions, tags) and nothing of the
 * system's scores or which source proposed a triple, so judging stays blind.
 * Runs against the configured database and index (PGLITE_DIR / DATABASE_URL, INDEX_DIR), which
 * should hold the full shared data.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { inArray } from 'drizzle-orm';
import { courseSkillTags } from '../../src/adapters/db/schema.js';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { createLogger } from '../../src/logger.js';
import {
  claimKey,
  courseKey,
  loadJudgements,
  loadRelevanceRoles,
  pathClaims,
  relevanceRequest,
  RELEVANCE_VARIANTS,
  roleKey,
  skillKey,
} from './relevance.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'relevance-pool.jsonl' },
    /** Essential skills per role drawn for independent candidates. */
    'skills-per-role': { type: 'string', default: '4' },
    /** Keyword and embedding hits taken per drawn skill. */
    hits: { type: 'string', default: '2' },
    round: { type: 'string', default: '1' },
    /** Path claims kept per role (drawn by a hash; 0 = all): labelling is the bottleneck. */
    'claims-per-role': { type: 'string', default: '0' },
    /** Keyword and embedding hits taken for each skill a path claims (0 = none). */
    'claimed-hits': { type: 'string', default: '0' },
  },
});

const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const container = await createContainer(config, createLogger(config), { loadModel: true, search: true });
try {
  await container.services.indexing.serve();
  const snapshot = container.services.snapshot();
  const { graph, vectors, lexical, corpus } = snapshot;
  if (!vectors) throw new Error('the pool needs the embedding model and an index (MODEL_DIR / EMBEDDING_MODEL)');
  const judged = new Set(loadJudgements().map((j) => claimKey(j.role, j.skill, j.course)));
  const draw = (text: string) => createHash('sha1').update(text).digest().readUInt32BE(0);

  type Row = { roleId: number; skillId: number; courseId: number };
  const rows = new Map<string, Row>();
  const add = (roleId: number, skillId: number, courseId: number) => {
    const role = graph.roles.get(roleId)!;
    const key = claimKey(roleKey(role), skillKey(graph.skills.get(skillId)!), courseKey(graph.courses.get(courseId)!));
    if (!judged.has(key) && !rows.has(key)) rows.set(key, { roleId, skillId, courseId });
  };
  const hits = Number(values.hits);
  const independent = async (roleId: number, skillId: number, k: number) => {
    const label = graph.skills.get(skillId)!.label;
    for (const hit of lexical.search('courses', label, { limit: k })) add(roleId, skillId, hit.id);
    const [v] = await vectors.vectorsOf('skills', [skillId]);
    if (v) for (const hit of await vectors.search('courses', v, k)) add(roleId, skillId, hit.id);
  };

  let pathClaimsSeen = 0;
  for (const role of loadRelevanceRoles()) {
    const roleId = graph.roleByCode.get(role.code);
    if (roleId === undefined) {
      process.stderr.write(`role not in the catalog: ${role.code} (${role.title})\n`);
      continue;
    }
    const claimed = new Map<string, { skillId: number; courseId: number }>();
    for (const variant of RELEVANCE_VARIANTS) {
      const answer = await container.services.recommendations.recommend(relevanceRequest(role, variant.constraints));
      pathClaimsSeen += pathClaims(role, answer, graph).steps.flat().length;
      for (const step of answer.path) {
        for (const c of step.covers) claimed.set(`${c.skill.uri}|${courseKey(step.course)}`, { skillId: c.skill.id, courseId: step.course.id });
      }
    }
    const perRole = Number(values['claims-per-role']) || Infinity;
    const kept = [...claimed.entries()].sort(([a], [b]) => draw(`${role.code}|${a}`) - draw(`${role.code}|${b}`)).slice(0, perRole);
    for (const [, c] of kept) add(roleId, c.skillId, c.courseId);
    const claimedHits = Number(values['claimed-hits']);
    if (claimedHits > 0) for (const skillId of new Set(kept.map(([, c]) => c.skillId))) await independent(roleId, skillId, claimedHits);
    const essentials = (graph.requirements.get(roleId) ?? [])
      .filter((r) => r.kind === 'essential')
      .map((r) => r.skillId)
      .sort((a, b) => draw(`${role.code}|${graph.skills.get(a)!.uri}`) - draw(`${role.code}|${graph.skills.get(b)!.uri}`));
    for (const skillId of essentials.slice(0, Number(values['skills-per-role']))) await independent(roleId, skillId, hits);
  }

  const courseIds = [...new Set([...rows.values()].map((r) => r.courseId))];
  const tags = new Map<number, string[]>();
  for (let i = 0; i < courseIds.length; i += 1000) {
    const found = await container.database.db
      .select({ courseId: courseSkillTags.courseId, label: courseSkillTags.label })
      .from(courseSkillTags)
      .where(inArray(courseSkillTags.courseId, courseIds.slice(i, i + 1000)));
    for (const t of found) tags.set(t.courseId, [...(tags.get(t.courseId) ?? []), t.label]);
  }
  const cut = (text: string, n: number) => (text.length > n ? `${text.slice(0, n)}…` : text);
  // Shuffled by a hash so a judge never sees a path's steps in the system's order.
  const out = [...rows.entries()]
    .sort(([a], [b]) => draw(a) - draw(b))
    .map(([key, r]) => {
      const role = graph.roles.get(r.roleId)!;
      const skill = graph.skills.get(r.skillId)!;
      const course = graph.courses.get(r.courseId)!;
      const [roleK, skillK, courseK] = key.split('#');
      return {
        id: createHash('sha1').update(key).digest('hex').slice(0, 10),
        role: roleK,
        skill: skillK,
        course: courseK,
        round: Number(values.round),
        roleTitle: role.title,
        roleDescription: cut(role.description, 350),
        skillLabel: skill.label,
        skillDescription: cut(corpus.skills.get(r.skillId)?.description ?? '', 300),
        courseTitle: course.title,
        provider: course.provider,
        courseLanguage: course.language,
        courseLevel: course.level,
        courseHours: course.hours,
        courseTags: (tags.get(r.courseId) ?? []).slice(0, 20),
        courseDescription: cut(course.description, 900),
      };
    });
  writeFileSync(values.out, out.map((o) => JSON.stringify(o)).join('\n') + (out.length ? '\n' : ''));
  process.stderr.write(`${out.length} unjudged triples (${pathClaimsSeen} path claims seen) → ${values.out}\n`);
} finally {
  await container.close();
}
