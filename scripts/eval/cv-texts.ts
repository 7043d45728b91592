/**
 * The CV-text set (test/eval/cv-texts/, rubric in its RUBRIC.md): learners' own words with the
 * things they say they do ("mentions") and the ESCO skills an advisor would record, plus blind
 * judgements of pooled skills. Scores the skills skillpath *holds* from a learner's text — the
 * ones that remove a gap skill from the plan — and, apart, those it only offers to confirm.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/paths.js';

export const CV_DIR = path.join(packageRoot, 'test/eval/cv-texts');

export interface CvText {
  id: string;
  sector: string;
  text: string;
  mentions: { text: string; skills: string[] }[];
}

export interface CvJudgement {
  text: string;
  /** `<source>:<uri>` */
  skill: string;
  label: string;
  verdict: 0 | 1 | 2;
  mention: number | null;
}

const readJsonl = <T>(file: string): T[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as T)
    : [];

export const readCvTexts = (): CvText[] => readJsonl<CvText>(path.join(CV_DIR, 'texts.jsonl'));
export const readCvJudgements = (): CvJudgement[] => readJsonl<CvJudgement>(path.join(CV_DIR, 'judgements.jsonl'));

/** `dev` or `check` by a hash of the id, so thresholds are chosen on half the texts. */
export const cvHalf = (id: string): 'dev' | 'check' => (createHash('sha1').update(id).digest()[0]! % 2 === 0 ? 'dev' : 'check');

export const skillKey = (skill: { source: string; uri: string }) => `${skill.source}:${skill.uri}`;

export interface CvScores {
  texts: number;
  mentions: number;
  held: number;
  /** Held skills neither listed for the text nor judged: counted, never guessed. */
  heldUnjudged: number;
  precision: number;
  recall: number;
  /** Skills offered as "possibly held — confirm" (they remove nothing from the gap). */
  possible: number;
  possiblePrecision: number;
  /** Recall when the confirm list counts too: what a learner who confirms everything right would get. */
  recallWithPossible: number;
}

/** What the product reads from one text: held skills and skills to confirm, each by key. */
export type CvReader = (text: string) => Promise<{ held: string[]; possible: string[] }>;

export async function scoreCvTexts(texts: CvText[], judgements: CvJudgement[], read: CvReader): Promise<CvScores> {
  const verdicts = new Map(judgements.map((j) => [`${j.text}\u0000${j.skill}`, j]));
  let mentions = 0;
  let held = 0;
  let heldUnjudged = 0;
  let heldRight = 0;
  let heldJudged = 0;
  let recalled = 0;
  let recalledWithPossible = 0;
  let possible = 0;
  let possibleRight = 0;
  let possibleJudged = 0;
  const esco = (uri: string) => `esco:${uri}`;
  for (const text of texts) {
    const answer = await read(text.text);
    /** Which mentions a skill is right for (listed, or judged ≥ 1 for that mention); null when unjudged. */
    const rightFor = (key: string): number[] | null => {
      const listed = text.mentions.flatMap((m, i) => (m.skills.map(esco).includes(key) ? [i] : []));
      const judged = verdicts.get(`${text.id}\u0000${key}`);
      if (listed.length > 0) return listed;
      if (!judged) return null;
      return judged.verdict >= 1 && judged.mention !== null ? [judged.mention] : judged.verdict >= 1 ? [-1] : [];
    };
    const covered = new Set<number>();
    const coveredWithPossible = new Set<number>();
    for (const key of answer.held) {
      held++;
      const right = rightFor(key);
      if (right === null) {
        heldUnjudged++;
        continue;
      }
      heldJudged++;
      if (right.length > 0) heldRight++;
      for (const m of right) {
        covered.add(m);
        coveredWithPossible.add(m);
      }
    }
    for (const key of answer.possible) {
      possible++;
      const right = rightFor(key);
      if (right === null) continue;
      possibleJudged++;
      if (right.length > 0) possibleRight++;
      for (const m of right) coveredWithPossible.add(m);
    }
    mentions += text.mentions.length;
    recalled += text.mentions.filter((_, i) => covered.has(i)).length;
    recalledWithPossible += text.mentions.filter((_, i) => coveredWithPossible.has(i)).length;
  }
  const share = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    texts: texts.length,
    mentions,
    held,
    heldUnjudged,
    precision: share(heldRight, heldJudged),
    recall: share(recalled, mentions),
    possible,
    possiblePrecision: share(possibleRight, possibleJudged),
    recallWithPossible: share(recalledWithPossible, mentions),
  };
}
