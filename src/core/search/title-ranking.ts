/**
 * Occupations ranked for a vacancy title. A logistic model weighs the evidence each candidate
 * has: how close the title's vector is to the occupation's title and to its closest other name,
 * the candidate's place in the vector and keyword rankings, the words it shares with the title
 * and with its alternative names, and how specific the occupation is (long titles and long
 * lists of names mark narrow occupations, which vacancy titles rarely mean). Fitted on 2,858
 * JobBERT development titles that the evaluation's fixed sample of 1,000 leaves out
 * (docs/EVALUATION.md).
 */
import type { VectorHit, VectorIndex } from '../ports.js';
import { nameSimilarity, normalizePhrase } from '../text.js';
import type { SearchSnapshot } from './corpus.js';
import type { SearchDocument } from '../catalog.js';
import type { HybridHit } from './hybrid-search.js';
import { positionOfLabel, roleLabels, roleOfLabel } from './role-labels.js';
import { dot } from '../vectors.js';
import { VectorReader } from './vector-reader.js';
import { logistic, type LogisticModel } from '../logistic.js';

export interface TitleFeatures {
  titleCos: number;
  labelCos: number;
  vectorRank: number;
  keywordRank: number;
  wordsTitle: number;
  wordsAlt: number;
  exactTitle: number;
  exactAlt: number;
  names: number;
  titleWords: number;
}

export const TITLE_MODEL: LogisticModel<TitleFeatures> = {
  intercept: -5.571,
  weights: {
    titleCos: 2.544,
    labelCos: 1.2,
    vectorRank: 1.906,
    keywordRank: 1.856,
    wordsTitle: -0.266,
    wordsAlt: 0.965,
    exactTitle: -0.045,
    exactAlt: -0.343,
    names: -1.373,
    titleWords: -1.949,
  },
};

/** Vector and keyword candidates taken per title. */
const CANDIDATES = 30;

export interface TitleCandidate {
  hit: HybridHit;
  /** Cosine of the query and the occupation's title alone. */
  titleCos: number;
  /** The model's score, for ordering. */
  rank: number;
}

/**
 * Candidates for one (normalised) title, with the hit fields name matching reads: `score` is 1
 * for an exact title and 0.97 for an alternative title only this candidate carries, else 0.
 */
export async function titleCandidates(
  query: string,
  queryVector: Float32Array,
  snapshot: SearchSnapshot,
  vectors: VectorIndex,
  filter?: (id: number) => boolean,
): Promise<TitleCandidate[]> {
  const docs = snapshot.corpus.roles;
  const titleCos = new Map((await vectors.search('roles', queryVector, CANDIDATES * 2, filter)).map((h) => [h.id, h.score]));
  const viaLabel = new Map<number, string>();
  const best = (await roleHits(vectors, queryVector, docs, filter, viaLabel)).filter((h) => docs.has(h.id)).slice(0, CANDIDATES);
  const vectorRank = new Map(best.map((h, i) => [h.id, i]));
  const maxCos = new Map(best.map((h) => [h.id, h.score]));
  const keywordRank = new Map(snapshot.lexical.search('roles', query, { limit: CANDIDATES, filter }).map((h, i) => [h.id, i]));
  const normalised = normalizePhrase(query);
  const ids = [...new Set([...vectorRank.keys(), ...keywordRank.keys()])].filter((id) => docs.has(id));
  const owners = ids.filter((id) => namesOf(docs.get(id)!).has(normalised)).length;
  const reader = await VectorReader.of(vectors).ensure({ roles: ids });
  return ids.map((id) => {
    const doc = docs.get(id)!;
    const own = reader.get('roles', id);
    const cosTitle = titleCos.get(id) ?? (own ? dot(own, queryVector) : 0);
    const cosBest = Math.max(maxCos.get(id) ?? cosTitle, cosTitle);
    const exactTitle = normalizePhrase(doc.title) === normalised;
    const exactAlt = !exactTitle && doc.altTitles.some((t) => normalizePhrase(t) === normalised);
    const v = vectorRank.get(id);
    const k = keywordRank.get(id);
    const features: TitleFeatures = {
      titleCos: cosTitle,
      labelCos: cosBest,
      vectorRank: v === undefined ? 0 : 1 / (1 + v),
      keywordRank: k === undefined ? 0 : 1 / (1 + k),
      wordsTitle: nameSimilarity(query, doc.title),
      wordsAlt: Math.max(0, ...doc.altTitles.map((a) => nameSimilarity(query, a))),
      exactTitle: exactTitle ? 1 : 0,
      exactAlt: exactAlt ? 1 : 0,
      names: Math.log1p(roleLabels(doc).length) / 5,
      titleWords: Math.min(doc.title.split(/\s+/).length, 6) / 6,
    };
    const matchedBy: HybridHit['matchedBy'] = [...(exactTitle || (exactAlt && owners === 1) ? (['exact'] as const) : []), ...(k !== undefined ? (['lexical'] as const) : []), ...(v !== undefined ? (['vector'] as const) : [])];
    const label = viaLabel.get(id);
    const hit: HybridHit = {
      id,
      score: exactTitle ? 1 : exactAlt && owners === 1 ? 0.97 : 0,
      matchedBy,
      similarity: Number(cosBest.toFixed(4)),
      ...(label && cosBest > cosTitle ? { viaLabel: label } : {}),
    };
    return { hit, titleCos: cosTitle, rank: titleScore(features) };
  });
}

/** Titles and names searched per query: several names of one role can fill the neighbours. */
const TITLE_NEIGHBOURS = 100;
const LABEL_NEIGHBOURS = 300;

/**
 * Roles by their closest name: the title's vector and each alternative title's vector
 * (`roleLabels`), the best cosine per role, best first. `viaLabel` receives the alternative
 * title that won for each role where it beat the title.
 */
async function roleHits(
  index: VectorIndex,
  query: Float32Array,
  docs: Map<number, SearchDocument>,
  filter: ((id: number) => boolean) | undefined,
  viaLabel: Map<number, string>,
): Promise<VectorHit[]> {
  const best = new Map<number, number>();
  for (const hit of await index.search('roles', query, TITLE_NEIGHBOURS, filter)) best.set(hit.id, hit.score);
  if (index.count('roleLabels') > 0) {
    const labelFilter = filter ? (labelId: number) => filter(roleOfLabel(labelId)) : undefined;
    for (const hit of await index.search('roleLabels', query, LABEL_NEIGHBOURS, labelFilter)) {
      const roleId = roleOfLabel(hit.id);
      if (hit.score <= (best.get(roleId) ?? -Infinity)) continue;
      best.set(roleId, hit.score);
      const position = positionOfLabel(hit.id);
      // Position 0 is the title itself; a later one names an alternative title (when the index
      // and the catalog still agree on the role's names).
      const doc = docs.get(roleId);
      if (position > 0 && doc) {
        const label = roleLabelsOf(doc)[position];
        if (label !== undefined) viaLabel.set(roleId, label);
      } else viaLabel.delete(roleId);
    }
  }
  return [...best].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

const labelsCache = new WeakMap<SearchDocument, string[]>();
function roleLabelsOf(doc: SearchDocument): string[] {
  let labels = labelsCache.get(doc);
  if (!labels) labelsCache.set(doc, (labels = roleLabels(doc)));
  return labels;
}

export function titleScore(features: TitleFeatures): number {
  return logistic(TITLE_MODEL, features);
}

const namesCache = new WeakMap<SearchDocument, Set<string>>();
function namesOf(doc: SearchDocument): Set<string> {
  let names = namesCache.get(doc);
  if (!names) namesCache.set(doc, (names = new Set([doc.title, ...doc.altTitles].map(normalizePhrase))));
  return names;
}
