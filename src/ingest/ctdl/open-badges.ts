/**
 * Open Badges 3.0: an Achievement, or an OpenBadgeCredential / AchievementCredential holding
 * one. The catalog reader turns badges into courses; the engine reads a learner's badges.
 */
import type { ParsedBadge } from '../../core/recommend/learner.js';
import { blankCourse, clean, cleanParagraphs, compact, slug, tagList } from '../course-common.js';
import type { CourseRecord, CourseSkillRecord, IngestProblem } from '../records.js';
import { emptyResolved, resolveAlignment, type Alignment, type ResolvedAlignments, type SkillTag } from './alignments.js';
import { asArray, isNode, kebab, localName, pickText, typesOf, type Node } from './json-ld.js';

const OB3_TYPES = new Set(['Achievement', 'OpenBadgeCredential', 'AchievementCredential']);

export function isOpenBadge(node: Node): boolean {
  const types = typesOf(node);
  return types.some((t) => OB3_TYPES.has(t)) || (types.includes('VerifiableCredential') && isNode(achievementSubject(node)));
}

function achievementSubject(node: Node): unknown {
  const subject = asArray(node.credentialSubject).find(isNode);
  return subject?.achievement;
}

function ob3Alignment(node: Node): Alignment {
  const str = (v: unknown) => clean(pickText(v)) || null;
  return { name: str(node.targetName), url: str(node.targetUrl), code: str(node.targetCode), framework: str(node.targetFramework) };
}

export interface OpenBadge {
  /** The achievement's id (a URL or URN) when it has one. */
  id: string | null;
  name: string;
  issuer: string | null;
  description: string;
  skills: CourseSkillRecord[];
  skillTags: SkillTag[];
}

interface BadgeDetail extends OpenBadge {
  achievementType: string | null;
  language: string | null;
  url: string | null;
  occupations: ResolvedAlignments['occupations'];
  attributes: Record<string, unknown>;
}

function profileName(value: unknown): string | null {
  if (typeof value === 'string') return clean(value) || null;
  if (!isNode(value)) return null;
  return clean(pickText(value.name)) || (typeof value.id === 'string' ? value.id : null);
}

function badgeDetail(json: unknown): BadgeDetail | string {
  if (!isNode(json)) return 'expected a JSON object';
  const types = typesOf(json);
  const achievement = types.includes('Achievement') ? json : achievementSubject(json);
  if (!isNode(achievement)) {
    return types.length === 0 ? 'no type: not an Open Badges 3.0 object' : `no achievement in ${types.join('/')} (expected an Achievement or an OpenBadgeCredential)`;
  }
  const name = clean(pickText(achievement.name));
  if (!name) return 'achievement has no name';
  const resolved = emptyResolved();
  for (const alignment of asArray(achievement.alignment)) if (isNode(alignment)) resolveAlignment(ob3Alignment(alignment), resolved);
  const id = typeof achievement.id === 'string' ? achievement.id : null;
  const criteria = isNode(achievement.criteria) ? achievement.criteria : {};
  const achievementType = clean(pickText(achievement.achievementType)) || null;
  return {
    id,
    name,
    issuer: profileName(json === achievement ? achievement.creator : (json.issuer ?? achievement.creator)),
    description: cleanParagraphs(pickText(achievement.description)),
    skills: resolved.skills,
    skillTags: tagList(resolved.skillTags.map((t) => t.label), 'alignment'),
    achievementType,
    language: clean(pickText(achievement.inLanguage)) || null,
    url: id && /^https?:\/\//.test(id) ? id : typeof criteria.id === 'string' && /^https?:\/\//.test(criteria.id) ? criteria.id : null,
    occupations: resolved.occupations,
    attributes: compact({
      achievementType,
      criteria: clean(pickText(criteria.narrative)),
      tags: asArray(achievement.tag).map((t) => clean(pickText(t))).filter((t) => t !== ''),
      fieldOfStudy: clean(pickText(achievement.fieldOfStudy)),
      specialization: clean(pickText(achievement.specialization)),
      humanCode: clean(pickText(achievement.humanCode)),
      creditsAvailable: typeof achievement.creditsAvailable === 'number' ? achievement.creditsAvailable : null,
    }),
  };
}

/**
 * Reads one parsed OB3 Achievement, OpenBadgeCredential or AchievementCredential (a learner's
 * badge, say). Returns the badge's name, issuer, description and skills, or a problem string.
 */
export function readOpenBadge(json: unknown): OpenBadge | string {
  const detail = badgeDetail(json);
  if (typeof detail === 'string') return detail;
  const { id, name, issuer, description, skills, skillTags } = detail;
  return { id, name, issuer, description, skills, skillTags };
}

/** A learner's badge as the engine reads it: it only needs names and alignments. */
export function readBadgeForEngine(json: unknown): ParsedBadge | string {
  const badge = readOpenBadge(json);
  if (typeof badge === 'string') return badge;
  return {
    name: badge.name,
    issuer: badge.issuer,
    skills: badge.skills.map((s) => ({ source: s.skill.source, uri: s.skill.uri, confidence: s.confidence })),
    tags: badge.skillTags.map((t) => t.label),
  };
}

/** A badge in a catalog as a course record, or null with the problem noted. */
export function badgeCourse(node: Node, file: string, line: number | null, problems: IngestProblem[], source: string): CourseRecord | null {
  const badge = badgeDetail(node);
  if (typeof badge === 'string') {
    problems.push({ file, line, message: `${badge}; item skipped` });
    return null;
  }
  if (!badge.issuer) {
    problems.push({ file, line, message: `'${badge.name}': no issuer or creator; item skipped` });
    return null;
  }
  const course = blankCourse(source, badge.id ?? [badge.issuer, badge.name].map(slug).join('/'), badge.issuer, badge.name);
  course.issuer = badge.issuer;
  course.description = badge.description;
  course.url = badge.url;
  course.language = badge.language?.split('-')[0]?.toLowerCase() ?? null;
  course.credentialType = badge.achievementType ? kebab(localName(badge.achievementType)) : 'digital-badge';
  course.skills = badge.skills;
  course.skillTags = badge.skillTags;
  course.attributes = compact({ ...badge.attributes, occupations: badge.occupations, openBadge: true });
  return course;
}
