/**
 * Credential Engine CTDL JSON-LD (Credential subclasses, Course, LearningProgram; plain or in an
 * @graph) and Open Badges 3.0 (Achievement, OpenBadgeCredential). The input is one .json file or
 * a directory read recursively in sorted path order; organisations, competencies and courses
 * anywhere in the input resolve references from everywhere else.
 *
 * External id: the node's @id (OB3: the achievement id), else its CTID, else a provider/title slug.
 * Links (prerequisites, stacksInto) are kept only when they name a node in the same input, by
 * @id or CTID. Alignments: alignments.ts; cost: cost.ts; the fields of one CTDL node: ctdl-course.ts.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CourseBatchBuilder } from '../course-batch-builder.js';
import { clean, type CourseReaderOptions } from '../course-common.js';
import type { CatalogBatch } from '../records.js';
import { ctdlDraft, type CtdlInput, type Draft } from './ctdl-course.js';
import { isNode, pickText, prop, typesOf, type Node } from './json-ld.js';
import { badgeCourse, isOpenBadge } from './open-badges.js';

export const CTDL_SOURCE = 'ctdl';

const COURSE_TYPES = new Set(['Course', 'LearningProgram', 'LearningOpportunityProfile', 'LearningOpportunity']);
const CREDENTIAL_TYPE = /(Degree|Certificate|Certification|Credential|Badge|Diploma|Licen[cs]e|Doctorate|GeneralEducationDevelopment)$/;

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
  const builder = new CourseBatchBuilder(options.source ?? CTDL_SOURCE, options.version);
  const { source, problems, collector } = builder;
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

  const input: CtdlInput = { orgs: new Map(), competencies: new Map() };
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
      const course = badgeCourse(node, f, line, problems, source);
      if (course) drafts.push({ course, file: f, line, ctid: null, prerequisiteRefs: [], stackRefs: [], partRefs: [], prerequisiteForRefs: [] });
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

  for (const d of drafts) {
    const self = d.course.externalId;
    d.course.prerequisites = links(self, [...d.prerequisiteRefs.map(resolve), ...(prerequisiteOf.get(self) ?? [])]);
    d.course.stacksInto = links(self, [...d.stackRefs.map(resolve), ...(partOf.get(self) ?? [])]);
    collector.add(d.course, d.file, d.line);
  }

  return builder.batch(files, root);
}
