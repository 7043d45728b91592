/**
 * Credential Engine CTDL JSON-LD (Credential subclasses, Course, LearningProgram; plain or in an
 * @graph) and Open Badges 3.0 (Achievement, OpenBadgeCredential). The input is one .json file or
 * a directory read recursively in sorted path order; organisations, competencies and courses
 * anywhere in the input resolve references from everywhere else.
 *
 * External id: the node's @id (OB3: the achievement id), else its CTID, else a provider/title slug.
 * Links (prerequisites, stacksInto) are kept only when they name a node in the same input, by
 * @id or CTID. Alignments to ESCO skill URIs or O*NET content-model elements become resolved
 * skills; other named alignments become skillTags. Occupation alignments (CTDL occupationType,
 * ESCO occupations, O*NET-SOC codes) are not skills and go to attributes.occupations.
 *
 * Cost: an AggregateCost profile when present; otherwise the sum over direct cost types of the
 * cheapest profile of each type (alternatives such as residency share a type; tuition and fees
 * add up). Hours: estimatedDuration, by the catalog-wide rule in course-common.ts.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CatalogBatch, CourseRecord, CourseSkillRecord, IngestProblem } from './records.js';
import {
  blankCourse,
  catalogBatch,
  clean,
  cleanParagraphs,
  compact,
  contentVersion,
  CourseCollector,
  isoDurationHours,
  slug,
  tagList,
  type CourseReaderOptions,
} from './course-common.js';

export const CTDL_SOURCE = 'ctdl';
export const ALIGNMENT_CONFIDENCE = 0.95;

type Node = Record<string, unknown>;
type SkillTag = { label: string; kind: 'tag' | 'alignment' };

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** A CTDL property under its prefixed or bare name (compacted and hand-written JSON differ). */
function prop(node: unknown, name: string): unknown {
  if (!isNode(node)) return undefined;
  return node[`ceterms:${name}`] ?? node[`ceasn:${name}`] ?? node[name];
}

/** Plain text from a string, a language map ({"en-US": "..."}) or JSON-LD value objects; English first. */
export function pickText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const english = value.find((v) => isNode(v) && typeof v['@language'] === 'string' && /^en\b/i.test(v['@language']));
    if (english !== undefined) return pickText(english);
    for (const item of value) {
      const text = pickText(item);
      if (text) return text;
    }
    return '';
  }
  if (!isNode(value)) return '';
  if ('@value' in value) return pickText(value['@value']);
  const keys = Object.keys(value).filter((k) => !k.startsWith('@'));
  const key = keys.find((k) => k.toLowerCase() === 'en') ?? keys.find((k) => k.toLowerCase().startsWith('en-')) ?? keys[0];
  return key === undefined ? '' : pickText(value[key]);
}

/** Last segment of a type or vocabulary term: `ceterms:BachelorDegree` → `BachelorDegree`. */
function localName(term: string): string {
  return term.split(/[:/#]/).pop() ?? term;
}

function typesOf(node: Node): string[] {
  return [...asArray(node['@type']), ...asArray(node.type)].filter((t): t is string => typeof t === 'string').map(localName);
}

const kebab = (name: string) => slug(name.replace(/([a-z0-9])([A-Z])/g, '$1-$2'));

const COURSE_TYPES = new Set(['Course', 'LearningProgram', 'LearningOpportunityProfile', 'LearningOpportunity']);
const CREDENTIAL_TYPE = /(Degree|Certificate|Certification|Credential|Badge|Diploma|Licen[cs]e|Doctorate|GeneralEducationDevelopment)$/;
const OB3_TYPES = new Set(['Achievement', 'OpenBadgeCredential', 'AchievementCredential']);

function isOpenBadge(node: Node): boolean {
  const types = typesOf(node);
  return types.some((t) => OB3_TYPES.has(t)) || (types.includes('VerifiableCredential') && isNode(achievementSubject(node)));
}

function achievementSubject(node: Node): unknown {
  const subject = asArray(node.credentialSubject).find(isNode);
  return subject?.achievement;
}

// ---------------------------------------------------------------------------------------------
// Alignments

interface Alignment {
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

interface ResolvedAlignments {
  skills: CourseSkillRecord[];
  skillTags: SkillTag[];
  occupations: { name: string | null; code: string | null; framework: string | null }[];
}

function emptyResolved(): ResolvedAlignments {
  return { skills: [], skillTags: [], occupations: [] };
}

/** Sorts one alignment into a resolved skill, an occupation, a tag to link later, or nothing. */
function resolveAlignment(alignment: Alignment, into: ResolvedAlignments, occupationHint = false): void {
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

function ob3Alignment(node: Node): Alignment {
  const str = (v: unknown) => clean(pickText(v)) || null;
  return { name: str(node.targetName), url: str(node.targetUrl), code: str(node.targetCode), framework: str(node.targetFramework) };
}

// ---------------------------------------------------------------------------------------------
// Open Badges 3.0

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

// ---------------------------------------------------------------------------------------------
// CTDL

const CURRENCIES: Record<string, string> = {
  'us dollar': 'USD',
  'us dollars': 'USD',
  'united states dollar': 'USD',
  euro: 'EUR',
  euros: 'EUR',
  'pound sterling': 'GBP',
  'british pound': 'GBP',
  'canadian dollar': 'CAD',
  'australian dollar': 'AUD',
  'new zealand dollar': 'NZD',
};

function currencyCode(text: string): string | null {
  const value = clean(text);
  if (/^[A-Za-z]{3}$/.test(value)) return value.toUpperCase();
  return CURRENCIES[value.toLowerCase()] ?? null;
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value.replace(/,/g, ''))) return Number(value.replace(/,/g, ''));
  return null;
}

/** Term names from CredentialAlignmentObjects: `deliveryType:OnlineOnly` → `OnlineOnly`. */
function terms(value: unknown): string[] {
  return asArray(value)
    .map((v) => (typeof v === 'string' ? v : pickText(prop(v, 'targetNode'))))
    .filter((v) => v !== '')
    .map(localName);
}

function termNames(value: unknown): string[] {
  return asArray(value)
    .map((v) => clean(pickText(prop(v, 'targetNodeName'))))
    .filter((v) => v !== '');
}

function costOf(node: Node): { cost: number | null; currency: string | null; unknownCurrency: string | null; text: string } {
  const profiles = asArray(prop(node, 'estimatedCost')).filter(isNode);
  const entries = profiles
    .map((p) => ({
      price: toNumber(prop(p, 'price')),
      currencyText: clean(pickText(prop(p, 'currency'))),
      type: terms(prop(p, 'directCostType'))[0] ?? '',
    }))
    .filter((e) => e.price !== null);
  const text = profiles.map((p) => cleanParagraphs(pickText(prop(p, 'description')))).filter((t) => t !== '').join('\n');
  const first = entries[0];
  if (!first) return { cost: null, currency: null, unknownCurrency: null, text };
  const currency = currencyCode(first.currencyText);
  const same = entries.filter((e) => e.currencyText === first.currencyText);
  const aggregate = same.filter((e) => e.type === 'AggregateCost');
  let cost: number;
  if (aggregate.length > 0) cost = Math.min(...aggregate.map((e) => e.price ?? 0));
  else {
    const cheapest = new Map<string, number>();
    for (const e of same) cheapest.set(e.type, Math.min(cheapest.get(e.type) ?? Infinity, e.price ?? 0));
    cost = [...cheapest.values()].reduce((a, b) => a + b, 0);
  }
  return { cost, currency, unknownCurrency: currency === null && first.currencyText ? first.currencyText : null, text };
}

function durationOf(node: Node): { hours: number | null; text: string } {
  const profiles = asArray(prop(node, 'estimatedDuration')).filter(isNode);
  const text = profiles.map((p) => clean(pickText(prop(p, 'description')))).filter((t) => t !== '').join(' ');
  for (const p of profiles) {
    const exact = isoDurationHours(pickText(prop(p, 'exactDuration')));
    if (exact !== null) return { hours: exact, text };
    const min = isoDurationHours(pickText(prop(p, 'minimumDuration')));
    const max = isoDurationHours(pickText(prop(p, 'maximumDuration')));
    if (min !== null || max !== null) return { hours: Math.round((((min ?? max ?? 0) + (max ?? min ?? 0)) / 2) * 10) / 10, text };
  }
  return { hours: null, text };
}

const LEVELS: Record<string, CourseRecord['level']> = {
  BeginnerLevel: 'beginner',
  IntermediateLevel: 'intermediate',
  AdvancedLevel: 'advanced',
};

const DELIVERY: Record<string, string> = {
  OnlineOnly: 'online',
  OnlineDelivery: 'online',
  InPerson: 'in-person',
  InPersonOnly: 'in-person',
  BlendedDelivery: 'blended',
};

function formatOf(node: Node): string | null {
  const kinds = [...new Set(terms(prop(node, 'deliveryType')).map((t) => DELIVERY[t] ?? kebab(t)))];
  if (kinds.length === 0) return null;
  if (kinds.length === 1) return kinds[0] ?? null;
  return kinds.includes('online') && kinds.includes('in-person') ? 'blended' : (kinds[0] ?? null);
}

/** Ids a property points at: plain strings or nodes with @id. */
function refs(value: unknown): string[] {
  return asArray(value)
    .map((v) => (typeof v === 'string' ? v : isNode(v) && typeof v['@id'] === 'string' ? v['@id'] : ''))
    .filter((v) => v !== '');
}

/** Targets of ConditionProfiles (entryCondition, requires, ...) or bare references. */
const TARGETS = ['targetLearningOpportunity', 'targetCredential', 'targetAssessment'];

function conditionTargets(value: unknown): string[] {
  return asArray(value).flatMap((v) =>
    TARGETS.some((t) => prop(v, t) !== undefined) ? TARGETS.flatMap((t) => refs(prop(v, t))) : refs(v),
  );
}

function ctdlAlignment(value: unknown): Alignment {
  const str = (v: unknown) => clean(pickText(v)) || null;
  return {
    name: str(prop(value, 'targetNodeName')),
    url: str(prop(value, 'targetNode')),
    code: str(prop(value, 'codedNotation')),
    framework: [str(prop(value, 'framework')), str(prop(value, 'frameworkName'))].filter((v) => v !== null).join(' ') || null,
  };
}

interface Draft {
  course: CourseRecord;
  file: string;
  line: number | null;
  ctid: string | null;
  prerequisiteRefs: string[];
  stackRefs: string[];
  /** Nodes this one is made of (hasPart, requires targets): they stack into this one. */
  partRefs: string[];
  /** Nodes this one is a prerequisite for. */
  prerequisiteForRefs: string[];
}

interface Input {
  orgs: Map<string, string>;
  competencies: Map<string, Node>;
}

/** Competency nodes (ceasn:Competency) resolve `teaches` references and carry ESCO exact alignments. */
function competencyAlignments(value: unknown, input: Input): Alignment[] {
  return asArray(value).flatMap((v): Alignment[] => {
    const id = typeof v === 'string' ? v : null;
    const competency = id ? input.competencies.get(id) : undefined;
    if (!competency) return typeof v === 'string' ? [{ name: null, url: v, code: null, framework: null }] : [ctdlAlignment(v)];
    const name = clean(pickText(prop(competency, 'competencyText')) || pickText(prop(competency, 'competencyLabel'))) || null;
    const exact = refs(prop(competency, 'exactAlignment'));
    const code = clean(pickText(prop(competency, 'codedNotation'))) || null;
    if (exact.length === 0) return [{ name, url: id, code, framework: null }];
    return exact.map((url) => ({ name, url, code, framework: null }));
  });
}

function orgName(value: unknown, input: Input): { name: string | null; unresolved: string | null } {
  for (const item of asArray(value)) {
    if (isNode(item)) {
      const name = clean(pickText(prop(item, 'name')));
      if (name) return { name, unresolved: null };
      const id = typeof item['@id'] === 'string' ? item['@id'] : null;
      if (id && input.orgs.has(id)) return { name: input.orgs.get(id) ?? null, unresolved: null };
      if (id) return { name: id, unresolved: id };
    } else if (typeof item === 'string') {
      const name = input.orgs.get(item);
      return name ? { name, unresolved: null } : { name: item, unresolved: item };
    }
  }
  return { name: null, unresolved: null };
}

function ctdlDraft(node: Node, type: string, file: string, line: number | null, input: Input, problems: IngestProblem[], source: string): Draft | null {
  const title = clean(pickText(prop(node, 'name')));
  const where = { file, line };
  if (!title) {
    problems.push({ ...where, message: `${type} without a name; item skipped` });
    return null;
  }
  const offeredBy = orgName(prop(node, 'offeredBy'), input);
  const ownedBy = orgName(prop(node, 'ownedBy'), input);
  const provider = offeredBy.name ?? ownedBy.name;
  if (!provider) {
    problems.push({ ...where, message: `'${title}': no ownedBy or offeredBy; item skipped` });
    return null;
  }
  for (const id of new Set([offeredBy.unresolved, ownedBy.unresolved])) {
    if (id) problems.push({ ...where, message: `'${title}': organisation ${id} is not in the input (its id is used as the name)` });
  }
  const ctid = clean(pickText(prop(node, 'ctid'))) || null;
  const id = typeof node['@id'] === 'string' && node['@id'] !== '' ? node['@id'] : (ctid ?? [provider, title].map(slug).join('/'));
  const course = blankCourse(source, id, provider, title);
  course.issuer = ownedBy.name ?? offeredBy.name;
  course.description = cleanParagraphs(pickText(prop(node, 'description')));
  const url = [prop(node, 'subjectWebpage'), ...asArray(prop(node, 'availableOnlineAt')), prop(node, 'url')]
    .map((v) => clean(pickText(v)))
    .find((v) => /^https?:\/\//.test(v));
  course.url = url ?? null;
  course.credentialType = kebab(type);
  course.language = clean(pickText(prop(node, 'inLanguage'))).split('-')[0]?.toLowerCase() || null;
  course.format = formatOf(node);
  course.level = terms(prop(node, 'audienceLevelType')).map((t) => LEVELS[t]).find((l) => l !== undefined) ?? null;

  const price = costOf(node);
  course.cost = price.cost;
  course.currency = price.cost === 0 ? null : price.currency;
  if (price.unknownCurrency) problems.push({ ...where, message: `'${title}': unknown currency '${price.unknownCurrency}' (currency unknown)` });
  const duration = durationOf(node);
  course.hours = duration.hours;

  const resolved = emptyResolved();
  const requires = asArray(prop(node, 'requires'));
  for (const alignment of competencyAlignments(
    [prop(node, 'teaches'), prop(node, 'assesses'), prop(node, 'targetCompetency'), ...requires.map((r) => prop(r, 'targetCompetency'))].flatMap(asArray),
    input,
  )) {
    resolveAlignment(alignment, resolved);
  }
  for (const occupation of asArray(prop(node, 'occupationType'))) resolveAlignment(ctdlAlignment(occupation), resolved, true);
  course.skills = resolved.skills.filter((s, i, all) => all.findIndex((o) => o.skill.source === s.skill.source && o.skill.uri === s.skill.uri) === i);
  course.skillTags = tagList(resolved.skillTags.map((t) => t.label), 'alignment');
  course.attributes = compact({
    ctid,
    audienceLevel: termNames(prop(node, 'audienceLevelType')),
    deliveryType: termNames(prop(node, 'deliveryType')),
    dateEffective: clean(pickText(prop(node, 'dateEffective'))),
    lifeCycleStatus: termNames(prop(node, 'lifeCycleStatusType'))[0] ?? termNames(prop(node, 'credentialStatusType'))[0],
    occupations: resolved.occupations,
    durationText: duration.text,
    priceText: price.text,
    entryConditions: asArray(prop(node, 'entryCondition'))
      .flatMap((c) => asArray(prop(c, 'condition')).map(pickText))
      .concat(asArray(prop(node, 'entryCondition')).map((c) => pickText(prop(c, 'description'))))
      .map((c) => clean(c))
      .filter((c) => c !== ''),
  });

  return {
    course,
    file,
    line,
    ctid,
    prerequisiteRefs: [...conditionTargets(prop(node, 'entryCondition')), ...conditionTargets(prop(node, 'prerequisite')), ...conditionTargets(prop(node, 'hasPrerequisite'))],
    stackRefs: [...conditionTargets(prop(node, 'isPartOf')), ...conditionTargets(prop(node, 'isPreparationFor')), ...conditionTargets(prop(node, 'isRequiredFor'))],
    partRefs: [...refs(prop(node, 'hasPart')), ...conditionTargets(requires)],
    prerequisiteForRefs: conditionTargets(prop(node, 'isPrerequisiteFor')),
  };
}

function badgeDraft(node: Node, file: string, line: number | null, problems: IngestProblem[], source: string): Draft | null {
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
  return { course, file, line, ctid: null, prerequisiteRefs: [], stackRefs: [], partRefs: [], prerequisiteForRefs: [] };
}

async function inputFiles(input: string): Promise<{ files: string[]; root: string | undefined }> {
  if (!(await stat(input)).isDirectory()) return { files: [input], root: undefined };
  const entries = await readdir(input, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && /\.json(ld)?$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort((a, b) => (path.relative(input, a) < path.relative(input, b) ? -1 : 1));
  return { files, root: input };
}

const CTID = /ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export async function readCtdlCatalog(file: string, options: CourseReaderOptions = {}): Promise<CatalogBatch> {
  const source = options.source ?? CTDL_SOURCE;
  const problems: IngestProblem[] = [];
  const { files, root } = await inputFiles(file);

  // First pass: every node of every file, so references resolve across files.
  const nodes: { node: Node; file: string; line: number | null }[] = [];
  for (const f of files) {
    let data: unknown;
    try {
      data = JSON.parse((await readFile(f, 'utf8')).replace(/^\uFEFF/, ''));
    } catch (error) {
      problems.push({ file: f, line: null, message: `not valid JSON: ${(error as Error).message}; file skipped` });
      continue;
    }
    const graph = isNode(data) && Array.isArray(data['@graph']) ? data['@graph'] : Array.isArray(data) ? data : null;
    if (graph) graph.forEach((node, i) => (isNode(node) ? nodes.push({ node, file: f, line: i + 1 }) : undefined));
    else if (isNode(data)) nodes.push({ node: data, file: f, line: null });
    else problems.push({ file: f, line: null, message: 'expected a JSON object, array or @graph; file skipped' });
  }

  const input: Input = { orgs: new Map(), competencies: new Map() };
  const collectOrgs = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(collectOrgs);
    if (!isNode(value)) return;
    const id = value['@id'];
    const types = typesOf(value);
    if (typeof id === 'string' && types.some((t) => t.endsWith('Organization'))) {
      const name = clean(pickText(prop(value, 'name')));
      if (name && !input.orgs.has(id)) input.orgs.set(id, name);
    }
    if (typeof id === 'string' && types.includes('Competency')) input.competencies.set(id, value);
    Object.values(value).forEach(collectOrgs);
  };
  nodes.forEach(({ node }) => collectOrgs(node));

  const drafts: Draft[] = [];
  for (const { node, file: f, line } of nodes) {
    if (isOpenBadge(node)) {
      const draft = badgeDraft(node, f, line, problems, source);
      if (draft) drafts.push(draft);
      continue;
    }
    const types = typesOf(node);
    if (types.length === 0) {
      problems.push({ file: f, line, message: 'no @type or type; item skipped' });
      continue;
    }
    const type = types.find((t) => COURSE_TYPES.has(t) || (CREDENTIAL_TYPE.test(t) && !t.endsWith('Organization')));
    if (!type) continue; // organisations, competencies, frameworks: context, not offerings
    const draft = ctdlDraft(node, type, f, line, input, problems, source);
    if (draft) drafts.push(draft);
  }

  // Second pass: links by @id or CTID, kept only when both ends are in the input.
  const byAlias = new Map<string, string>();
  for (const d of drafts) {
    byAlias.set(d.course.externalId, d.course.externalId);
    if (d.ctid) byAlias.set(d.ctid.toLowerCase(), d.course.externalId);
  }
  const resolve = (ref: string) => byAlias.get(ref) ?? byAlias.get(CTID.exec(ref)?.[0]?.toLowerCase() ?? '');
  const partOf = new Map<string, string[]>();
  const prerequisiteOf = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string | undefined, value: string) => {
    if (key !== undefined) map.set(key, [...(map.get(key) ?? []), value]);
  };
  for (const d of drafts) {
    for (const ref of d.partRefs) push(partOf, resolve(ref), d.course.externalId);
    for (const ref of d.prerequisiteForRefs) push(prerequisiteOf, resolve(ref), d.course.externalId);
  }
  const links = (self: string, ids: (string | undefined)[]) => [...new Set(ids.filter((id): id is string => id !== undefined && id !== self))];

  const collector = new CourseCollector(problems);
  for (const d of drafts) {
    const self = d.course.externalId;
    d.course.prerequisites = links(self, [...d.prerequisiteRefs.map(resolve), ...(prerequisiteOf.get(self) ?? [])]);
    d.course.stacksInto = links(self, [...d.stackRefs.map(resolve), ...(partOf.get(self) ?? [])]);
    collector.add(d.course, d.file, d.line);
  }

  const version = options.version ?? (await contentVersion(files, root));
  return catalogBatch(source, version, collector.courses(), problems);
}
