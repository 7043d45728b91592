/**
 * What does the learner already hold? Credentials (catalog ids, free-text names, Open Badges),
 * stated skills (ids or labels) and free text (a CV paragraph) all become held skills, each
 * with the evidence a person can check and a confidence. Anything that cannot be resolved is
 * reported back, never guessed.
 */
import type { Level, SkillRef } from '../catalog.js';
import type { SearchSnapshot } from '../search/corpus.js';
import type { HybridSearch } from '../search/hybrid-search.js';
import type { SkillExtractor } from '../search/skill-extractor.js';
import type { CatalogGraph } from './graph.js';
import { readsAsEnglish } from '../text.js';
import { readLearnerText } from './learner-text.js';
import { matchNames } from './name-match.js';
import type { Evidence, HeldSkill, RecommendRequest, TextSpan } from './types.js';

/** Course–skill links below this confidence do not count as "this credential gives the skill". */
export const CREDENTIAL_LINK_MIN = 0.6;

/** A parsed Open Badge: what the engine needs from the format (parsing lives in ingest). */
export interface ParsedBadge {
  name: string;
  issuer: string | null;
  /** Alignments to known taxonomy identities. */
  skills: { source: string; uri: string; confidence: number }[];
  /** Alignments by name only, to be matched like free text. */
  tags: string[];
}

export type BadgeReader = (json: unknown) => ParsedBadge | string;

export interface ResolvedLearner {
  held: Map<number, HeldSkill>;
  /** Read from the text, too unsure to hold (see learner-text). */
  toConfirm: { skill: SkillRef; confidence: number; span: TextSpan }[];
  heldCourses: Set<number>;
  unresolved: { input: string; reason: string; candidates: string[] }[];
}

export interface LearnerDeps {
  snapshot: SearchSnapshot;
  search: HybridSearch;
  extractor: SkillExtractor;
  readBadge: BadgeReader;
}

const INTERNAL_ID = /^[1-9]\d{0,9}$/;

export function skillRef(graph: CatalogGraph, id: number): SkillRef {
  const s = graph.skills.get(id)!;
  return { id: s.id, label: s.label, source: s.source, uri: s.uri };
}

export async function resolveLearner(learner: RecommendRequest['learner'], deps: LearnerDeps): Promise<ResolvedLearner> {
  const { graph } = deps.snapshot;
  const result: ResolvedLearner = { held: new Map(), toConfirm: [], heldCourses: new Set(), unresolved: [] };
  const hold = (skillId: number, evidence: Evidence, level: Level | null = null) => {
    if (!graph.skills.has(skillId)) return;
    const entry = result.held.get(skillId) ?? { skill: skillRef(graph, skillId), confidence: 0, level: null, evidence: [] };
    entry.confidence = Math.max(entry.confidence, evidence.confidence);
    entry.level ??= level;
    if (!entry.evidence.some((e) => e.kind === evidence.kind && e.detail === evidence.detail)) entry.evidence.push(evidence);
    result.held.set(skillId, entry);
  };
  const holdCourse = (courseId: number, how: string) => {
    const course = graph.courses.get(courseId);
    if (!course) return;
    result.heldCourses.add(courseId);
    for (const link of graph.courseSkills.get(courseId) ?? []) {
      if (link.confidence < CREDENTIAL_LINK_MIN) continue;
      hold(link.skillId, {
        kind: 'credential',
        detail: `${course.title} (${course.provider})${how}`,
        confidence: round(link.confidence * 0.95),
      });
    }
  };

  // Every name and label that will be searched, embedded in one batch up front.
  const credentialQuery = (c: RecommendRequest['learner']['credentials'][number]) => (c.issuer ? `${c.name} ${c.issuer}` : (c.name ?? ''));
  const searched = [
    ...learner.credentials.filter((c) => !c.id && !c.badge && c.name).map(credentialQuery),
    ...learner.skills.filter((s) => !s.id && s.label && deps.snapshot.phrases.lookup(s.label).length === 0).map((s) => s.label!),
  ];
  const vectors = searched.length > 0 ? await deps.search.queryVectors(searched, deps.snapshot) : new Map<string, Float32Array>();
  const vectorOf = (query: string) => {
    const vector = vectors.get(query);
    return vector ? { queryVector: vector } : {};
  };

  for (const credential of learner.credentials) {
    if (credential.id) {
      const id = lookupCourse(graph, credential.id);
      if (id === null) result.unresolved.push({ input: credential.id, reason: 'no course with this id', candidates: [] });
      else holdCourse(id, '');
      continue;
    }
    if (credential.badge) {
      const badge = deps.readBadge(credential.badge);
      if (typeof badge === 'string') {
        result.unresolved.push({ input: credential.name ?? 'badge', reason: `not a readable Open Badge: ${badge}`, candidates: [] });
        continue;
      }
      const detail = `Open Badge "${badge.name}"${badge.issuer ? ` from ${badge.issuer}` : ''}`;
      for (const aligned of badge.skills) {
        for (const id of graph.skillByUri.get(aligned.uri) ?? []) {
          if (graph.skills.get(id)?.source === aligned.source) hold(id, { kind: 'alignment', detail, confidence: aligned.confidence });
        }
      }
      for (const tag of badge.tags) {
        for (const match of deps.snapshot.phrases.lookup(tag)) {
          hold(match.skillId, { kind: 'alignment', detail: `${detail}: "${tag}"`, confidence: match.kind === 'label' ? 0.9 : 0.8 });
        }
      }
      continue;
    }
    if (credential.name) {
      const query = credentialQuery(credential);
      const found = await deps.search.search('courses', query, { limit: 5, snapshot: deps.snapshot, ...vectorOf(query) });
      const [best] = matchNames(credential.name, found.hits, (id) => [graph.courses.get(id)?.title ?? '']);
      if (best?.accepted) {
        holdCourse(best.id, ` — matched from "${credential.name}" (confidence ${best.confidence})`);
      } else {
        result.unresolved.push({
          input: credential.name,
          reason: 'no catalog credential matches this name closely enough',
          candidates: found.hits.slice(0, 3).map((h) => graph.courses.get(h.id)?.title ?? '').filter(Boolean),
        });
      }
    }
  }

  for (const stated of learner.skills) {
    const detail = `stated skill "${stated.label ?? stated.id}"`;
    if (stated.id) {
      const ids = INTERNAL_ID.test(stated.id) ? [Number(stated.id)] : (graph.skillByUri.get(stated.id) ?? []);
      const known = ids.filter((id) => graph.skills.has(id));
      if (known.length === 0) result.unresolved.push({ input: stated.id, reason: 'no skill with this id', candidates: [] });
      for (const id of known) hold(id, { kind: 'skill', detail, confidence: 1 }, stated.level ?? null);
      continue;
    }
    if (!stated.label) continue;
    const exact = deps.snapshot.phrases.lookup(stated.label);
    if (exact.length > 0) {
      for (const match of exact) hold(match.skillId, { kind: 'skill', detail, confidence: match.kind === 'label' ? 1 : 0.9 }, stated.level ?? null);
      continue;
    }
    const found = await deps.search.search('skills', stated.label, { limit: 5, snapshot: deps.snapshot, ...vectorOf(stated.label) });
    const skillDocs = deps.snapshot.corpus.skills;
    const [best] = matchNames(stated.label, found.hits, (id) => {
      const doc = skillDocs.get(id);
      return doc ? [doc.title, ...doc.altTitles] : [];
    });
    if (best?.accepted) {
      hold(best.id, { kind: 'skill', detail: `${detail}, matched (confidence ${best.confidence})`, confidence: best.confidence }, stated.level ?? null);
    } else {
      result.unresolved.push({
        input: stated.label,
        reason: 'no skill matches this label closely enough',
        candidates: found.hits.map((h) => graph.skills.get(h.id)?.label ?? '').filter(Boolean),
      });
    }
  }

  if (learner.text) {
    const readings = await readLearnerText(learner.text, deps.snapshot, deps.extractor);
    // The taxonomies' labels and the model are English: in another language a match is a guess
    // (a false friend, a shared name), so nothing is held — it is offered to confirm instead.
    if (!readsAsEnglish(learner.text)) {
      for (const reading of readings) reading.status = 'possible';
      result.unresolved.push({
        input: learner.text.trim().slice(0, 60),
        reason: 'the text does not read as English, so no skill is held from it; confirm any in learner.toConfirm',
        candidates: [],
      });
    }
    for (const reading of readings) {
      if (reading.status === 'held') {
        hold(reading.skillId, { kind: 'text', detail: `"${reading.span.text}"`, confidence: reading.confidence, span: reading.span });
      }
    }
    // A skill held some other way needs no confirming.
    result.toConfirm = readings
      .filter((r) => r.status === 'possible' && !result.held.has(r.skillId) && graph.skills.has(r.skillId))
      .map((r) => ({ skill: skillRef(graph, r.skillId), confidence: r.confidence, span: r.span }));
  }
  return result;
}

function lookupCourse(graph: CatalogGraph, ref: string): number | null {
  const trimmed = ref.trim();
  if (INTERNAL_ID.test(trimmed) && graph.courses.has(Number(trimmed))) return Number(trimmed);
  return graph.courseByExternalId.get(trimmed) ?? null;
}

export const round = (n: number) => Number(n.toFixed(4));
