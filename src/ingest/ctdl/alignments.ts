/**
 * Alignments (CTDL competencies and occupation types, OB3 achievement alignments) sorted by
 * what they name. Alignments to ESCO skill URIs or O*NET content-model elements become resolved
 * skills; other named alignments become skillTags. Occupation alignments (CTDL occupationType,
 * ESCO occupations, O*NET-SOC codes) are not skills and go to attributes.occupations.
 */
import type { CourseSkillRecord } from '../records.js';

export const ALIGNMENT_CONFIDENCE = 0.95;

export type SkillTag = { label: string; kind: 'tag' | 'alignment' };

export interface Alignment {
  name: string | null;
  url: string | null;
  code: string | null;
  framework: string | null;
}

const ESCO_SKILL = /^https?:\/\/data\.europa\.eu\/esco\/skill\/[\w-]+$/;
const ESCO_OCCUPATION = /^https?:\/\/data\.europa\.eu\/esco\/occupation\/[\w-]+$/;
const ONET_ELEMENT = /^\d\.[A-Z](?:\.\d+(?:\.[a-z](?:\.\d+)*)?)?$/;
const ONET_ELEMENT_IN_URL = /(?:^|[/=#_])(\d\.[A-Z](?:\.\d+(?:\.[a-z](?:\.\d+)*)?)?)(?:$|[/?&#])/;
const SOC_CODE = /\b(\d{2}-\d{4}(?:\.\d{2})?)\b/;

export interface ResolvedAlignments {
  skills: CourseSkillRecord[];
  skillTags: SkillTag[];
  occupations: { name: string | null; code: string | null; framework: string | null }[];
}

export function emptyResolved(): ResolvedAlignments {
  return { skills: [], skillTags: [], occupations: [] };
}

/** Sorts one alignment into a resolved skill, an occupation, a tag to link later, or nothing. */
export function resolveAlignment(alignment: Alignment, into: ResolvedAlignments, occupationHint = false): void {
  const { name, url, code, framework } = alignment;
  const candidates = [url, code].filter((v): v is string => v !== null);
  const span = name ?? null;

  const escoSkill = candidates.find((c) => ESCO_SKILL.test(c));
  if (escoSkill && !occupationHint) {
    into.skills.push({
      skill: { source: 'esco', uri: escoSkill.replace(/^https:/, 'http:') },
      confidence: ALIGNMENT_CONFIDENCE,
      evidence: { kind: 'alignment', span },
    });
    return;
  }
  const onet = /onet|o\*net/i.test([url, framework].join(' '));
  const element = code !== null && ONET_ELEMENT.test(code) ? code : url ? (ONET_ELEMENT_IN_URL.exec(url)?.[1] ?? null) : null;
  if (onet && element && !occupationHint) {
    into.skills.push({ skill: { source: 'onet', uri: element }, confidence: ALIGNMENT_CONFIDENCE, evidence: { kind: 'alignment', span } });
    return;
  }
  const soc = [code, url].map((v) => (v ? SOC_CODE.exec(v)?.[1] : undefined)).find((v) => v !== undefined);
  if (occupationHint || candidates.some((c) => ESCO_OCCUPATION.test(c)) || (onet && soc)) {
    into.occupations.push({ name, code: soc ?? url ?? code, framework });
    return;
  }
  if (name) into.skillTags.push({ label: name, kind: 'alignment' });
}
