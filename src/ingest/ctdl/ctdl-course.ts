/**
 * One CTDL node (a Credential subclass, Course, LearningProgram) as a course draft: the record
 * plus the references to other nodes that the reader resolves once every node is read.
 * Hours: estimatedDuration, by the catalog-wide rule in course-common.ts.
 */
import { blankCourse, clean, cleanParagraphs, compact, isoDurationHours, slug, tagList } from '../course-common.js';
import type { CourseRecord, IngestProblem } from '../records.js';
import { emptyResolved, resolveAlignment, type Alignment } from './alignments.js';
import { costOf } from './cost.js';
import { asArray, isNode, kebab, pickText, prop, refs, termNames, terms, type Node } from './json-ld.js';

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

export interface Draft {
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

/** Organisations and competencies from anywhere in the input, by @id. */
export interface CtdlInput {
  orgs: Map<string, string>;
  competencies: Map<string, Node>;
}

/** Competency nodes (ceasn:Competency) resolve `teaches` references and carry ESCO exact alignments. */
function competencyAlignments(value: unknown, input: CtdlInput): Alignment[] {
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

function orgName(value: unknown, input: CtdlInput): { name: string | null; unresolved: string | null } {
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

export function ctdlDraft(node: Node, type: string, file: string, line: number | null, input: CtdlInput, problems: IngestProblem[], source: string): Draft | null {
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
