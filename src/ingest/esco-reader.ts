/**
 * Reads the ESCO v1.1.1 English CSV package: the `*_en.csv` classification files plus the
 * language-independent relations files, which in v1.1.1 carry URIs only and must be joined
 * back to skills_en and occupations_en.
 * https://esco.ec.europa.eu/en/use-esco/download
 */
import path from 'node:path';
import type { CatalogBatch, IngestProblem, RoleRecord, SkillRecord } from './records.js';
import { readCsv, resolveDataFile } from './tabular.js';

export const ESCO_SOURCE = 'esco';

const SKILL_COLUMNS = ['conceptUri', 'skillType', 'reuseLevel', 'preferredLabel', 'altLabels', 'status', 'description'];
const GROUP_COLUMNS = ['conceptUri', 'preferredLabel'];
const HIERARCHY_COLUMNS = [
  'Level 0 URI',
  'Level 0 preferred term',
  'Level 1 URI',
  'Level 1 preferred term',
  'Level 2 URI',
  'Level 2 preferred term',
  'Level 3 URI',
  'Level 3 preferred term',
];
const BROADER_COLUMNS = ['conceptUri', 'broaderUri'];
const SKILL_RELATION_COLUMNS = ['originalSkillUri', 'relationType', 'relatedSkillUri'];
const OCCUPATION_COLUMNS = ['conceptUri', 'iscoGroup', 'preferredLabel', 'altLabels', 'description', 'code'];
const OCCUPATION_SKILL_COLUMNS = ['occupationUri', 'relationType', 'skillUri'];

const IMPORTANCE = { essential: 1.0, optional: 0.5 } as const;

/** `v1.1.1` → `1.1.1`, `29.2` → `29.2`; anything else is not a version. */
function versionFromDir(dir: string): string | null {
  return /^v?(\d+(?:\.\d+)*)$/.exec(path.basename(path.resolve(dir)))?.[1] ?? null;
}

/** ESCO packs label lists into one cell, one label per line. */
function splitLabels(cell: string): string[] {
  return [...new Set(cell.split(/\r\n|\r|\n/).map((label) => label.trim()).filter((label) => label !== ''))];
}

function skillType(v: Record<string, string>): SkillRecord['type'] {
  if (v.skillType === 'knowledge') return 'knowledge';
  if (v.reuseLevel === 'transversal') return 'transversal';
  return 'skill';
}

interface GroupHit {
  level1: string | null;
  level0: string | null;
}

/**
 * Resolves each skill to the level-1 group of the skills hierarchy above it. Skills hang off
 * groups at any depth, sometimes only through broader skills, and many have several parents;
 * the first parent (file order) that reaches a level-1 group wins.
 */
class GroupResolver {
  private readonly groups = new Set<string>();
  private readonly labels = new Map<string, string>();
  private readonly level1Of = new Map<string, string>();
  private readonly level0Of = new Map<string, string>();
  private readonly parents = new Map<string, string[]>();
  private readonly memo = new Map<string, GroupHit>();
  private readonly visiting = new Set<string>();

  addGroup(uri: string, label: string): void {
    if (uri === '') return;
    this.groups.add(uri);
    if (label !== '' && !this.labels.has(uri)) this.labels.set(uri, label);
  }

  /** Some hierarchy groups are missing from skillGroups_en, so both files define what a group is. */
  isGroup(uri: string): boolean {
    return this.groups.has(uri);
  }

  /** A hierarchy row names the concept at its deepest filled level and all of its ancestors. */
  addHierarchyRow(v: Record<string, string>): void {
    const level0 = v['Level 0 URI'] ?? '';
    const level1 = v['Level 1 URI'] ?? '';
    for (let level = 0; level <= 3; level++) {
      const uri = v[`Level ${level} URI`] ?? '';
      if (uri === '') continue;
      this.addGroup(uri, v[`Level ${level} preferred term`] ?? '');
      if (level0 !== '') this.level0Of.set(uri, level0);
      if (level >= 1 && level1 !== '') this.level1Of.set(uri, level1);
    }
  }

  addBroader(uri: string, broader: string): void {
    const list = this.parents.get(uri);
    if (list) list.push(broader);
    else this.parents.set(uri, [broader]);
  }

  groupOf(uri: string): string | null {
    const hit = this.walk(uri);
    const groupUri = hit.level1 ?? hit.level0;
    return groupUri === null ? null : (this.labels.get(groupUri) ?? null);
  }

  private walk(uri: string): GroupHit {
    const known = this.memo.get(uri);
    if (known) return known;
    const level1 = this.level1Of.get(uri) ?? null;
    const level0 = this.level0Of.get(uri) ?? null;
    if (level1 !== null || level0 !== null) {
      const hit = { level1, level0 };
      this.memo.set(uri, hit);
      return hit;
    }
    // The published graph is acyclic, but a cycle in edited data must not recurse forever.
    if (this.visiting.has(uri)) return { level1: null, level0: null };
    this.visiting.add(uri);
    const hit: GroupHit = { level1: null, level0: null };
    for (const parent of this.parents.get(uri) ?? []) {
      const up = this.walk(parent);
      hit.level0 ??= up.level0;
      if (up.level1 !== null) {
        hit.level1 = up.level1;
        break;
      }
    }
    this.visiting.delete(uri);
    this.memo.set(uri, hit);
    return hit;
  }
}

export async function readEsco(dir: string, options: { version?: string } = {}): Promise<CatalogBatch> {
  const version = options.version ?? versionFromDir(dir) ?? 'unknown';
  const file = (name: string) => resolveDataFile(path.join(dir, name));
  const files = {
    skills: file('skills_en.csv'),
    groups: file('skillGroups_en.csv'),
    hierarchy: file('skillsHierarchy_en.csv'),
    broader: file('broaderRelationsSkillPillar.csv'),
    skillRelations: file('skillSkillRelations.csv'),
    occupations: file('occupations_en.csv'),
    occupationSkills: file('occupationSkillRelations.csv'),
  };
  const problems: IngestProblem[] = [];

  const skills = new Map<string, SkillRecord>();
  for await (const { values: v, line } of readCsv(files.skills, SKILL_COLUMNS)) {
    const uri = v.conceptUri ?? '';
    // Every v1.1.1 skill is released; drafts and obsolete concepts are not ours to serve.
    if (v.status !== 'released') continue;
    if (uri === '' || skills.has(uri)) {
      problems.push({ file: files.skills, line, message: uri === '' ? 'no conceptUri (row skipped)' : `duplicate skill '${uri}' (row skipped)` });
      continue;
    }
    skills.set(uri, {
      source: ESCO_SOURCE,
      sourceVersion: version,
      uri,
      label: v.preferredLabel ?? '',
      altLabels: splitLabels(v.altLabels ?? ''),
      description: v.description ?? '',
      type: skillType(v),
      group: null,
      broader: [],
      related: [],
      attributes: { reuseLevel: v.reuseLevel || null, skillType: v.skillType || null },
    });
  }

  const groups = new GroupResolver();
  // skillGroups_en first: its preferredLabel wins over the hierarchy file's copy of the term.
  for await (const { values: v } of readCsv(files.groups, GROUP_COLUMNS)) groups.addGroup(v.conceptUri ?? '', v.preferredLabel ?? '');
  for await (const { values: v } of readCsv(files.hierarchy, HIERARCHY_COLUMNS)) groups.addHierarchyRow(v);

  for await (const { values: v, line } of readCsv(files.broader, BROADER_COLUMNS)) {
    const uri = v.conceptUri ?? '';
    const broader = v.broaderUri ?? '';
    const narrowerKnown = skills.has(uri) || groups.isGroup(uri);
    const broaderKnown = skills.has(broader) || groups.isGroup(broader);
    if (!narrowerKnown || !broaderKnown) {
      const unknown = narrowerKnown ? broader : uri;
      problems.push({ file: files.broader, line, message: `unknown concept '${unknown}' (link skipped)` });
      continue;
    }
    groups.addBroader(uri, broader);
    const skill = skills.get(uri);
    if (skill && skills.has(broader) && !skill.broader.includes(broader)) skill.broader.push(broader);
  }
  for (const skill of skills.values()) skill.group = groups.groupOf(skill.uri);

  for await (const { values: v, line } of readCsv(files.skillRelations, SKILL_RELATION_COLUMNS)) {
    const skill = skills.get(v.originalSkillUri ?? '');
    const related = v.relatedSkillUri ?? '';
    if (!skill || !skills.has(related)) {
      const unknown = skill ? related : v.originalSkillUri;
      problems.push({ file: files.skillRelations, line, message: `unknown skill '${unknown}' (relation skipped)` });
      continue;
    }
    skill.related?.push({ uri: related, kind: v.relationType ?? '' });
  }

  const roles = new Map<string, RoleRecord>();
  for await (const { values: v, line } of readCsv(files.occupations, OCCUPATION_COLUMNS)) {
    const code = v.conceptUri ?? '';
    if (code === '' || roles.has(code)) {
      problems.push({ file: files.occupations, line, message: code === '' ? 'no conceptUri (row skipped)' : `duplicate occupation '${code}' (row skipped)` });
      continue;
    }
    roles.set(code, {
      source: ESCO_SOURCE,
      sourceVersion: version,
      code,
      title: v.preferredLabel ?? '',
      altTitles: splitLabels(v.altLabels ?? ''),
      description: v.description ?? '',
      requirements: [],
      attributes: { iscoGroup: v.iscoGroup || null, escoCode: v.code || null },
    });
  }

  const seen = new Set<string>();
  for await (const { values: v, line } of readCsv(files.occupationSkills, OCCUPATION_SKILL_COLUMNS)) {
    const role = roles.get(v.occupationUri ?? '');
    const skillUri = v.skillUri ?? '';
    const kind = v.relationType;
    if (!role) {
      problems.push({ file: files.occupationSkills, line, message: `unknown occupation '${v.occupationUri}' (relation skipped)` });
      continue;
    }
    if (!skills.has(skillUri)) {
      problems.push({ file: files.occupationSkills, line, message: `unknown skill '${skillUri}' (relation skipped)` });
      continue;
    }
    if (kind !== 'essential' && kind !== 'optional') {
      problems.push({ file: files.occupationSkills, line, message: `unknown relationType '${kind}' (relation skipped)` });
      continue;
    }
    const pair = `${role.code} ${skillUri}`;
    if (seen.has(pair)) continue;
    seen.add(pair);
    role.requirements.push({ skill: { source: ESCO_SOURCE, uri: skillUri }, kind, importance: IMPORTANCE[kind] });
  }

  return {
    source: { name: ESCO_SOURCE, kind: 'taxonomy', version },
    skills: [...skills.values()],
    roles: [...roles.values()],
    courses: [],
    problems,
  };
}
