/** Loads the CatalogGraph the recommendation engine answers from (active records only). */
import { and, isNull } from 'drizzle-orm';
import type { Level, SkillType } from '../../core/catalog.js';
import { courseQuality } from '../../core/recommend/course-quality.js';
import { emptyGraph, push, type CatalogGraph } from '../../core/recommend/graph.js';
import { courseColumns } from './catalog-store.js';
import type { Database } from './client.js';
import { coursePrerequisites, courseSkills, courseStacks, courses, dataSources, roleSkills, roles, skillRelations, skills } from './schema.js';

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function loadCatalogGraph(db: Database): Promise<CatalogGraph> {
  const graph = emptyGraph();
  const [skillRows, relationRows, roleRows, requirementRows, courseRows, linkRows, prereqRows, stackRows, sources] = await Promise.all([
    db
      .select({ id: skills.id, label: skills.label, source: skills.source, uri: skills.uri, group: skills.skillGroup, type: skills.skillType })
      .from(skills)
      .where(isNull(skills.retiredAt))
      .orderBy(skills.id),
    db
      .select({ from: skillRelations.fromSkillId, to: skillRelations.toSkillId, relation: skillRelations.relation })
      .from(skillRelations)
      .orderBy(skillRelations.fromSkillId, skillRelations.toSkillId),
    db
      .select({ id: roles.id, source: roles.source, code: roles.code, title: roles.title, altTitles: roles.altTitles, description: roles.description })
      .from(roles)
      .where(isNull(roles.retiredAt))
      .orderBy(roles.id),
    db
      .select({
        roleId: roleSkills.roleId,
        skillId: roleSkills.skillId,
        kind: roleSkills.kind,
        importance: roleSkills.importance,
        level: roleSkills.level,
        attributes: roleSkills.attributes,
      })
      .from(roleSkills)
      .orderBy(roleSkills.roleId, roleSkills.skillId),
    db
      .select({ ...courseColumns, attributes: courses.attributes })
      .from(courses)
      .where(and(isNull(courses.retiredAt)))
      .orderBy(courses.id),
    db
      .select({
        courseId: courseSkills.courseId,
        skillId: courseSkills.skillId,
        confidence: courseSkills.confidence,
        evidenceKind: courseSkills.evidenceKind,
        span: courseSkills.evidenceSpan,
      })
      .from(courseSkills)
      .orderBy(courseSkills.courseId, courseSkills.skillId),
    db.select().from(coursePrerequisites).orderBy(coursePrerequisites.courseId, coursePrerequisites.prerequisiteId),
    db.select().from(courseStacks).orderBy(courseStacks.courseId, courseStacks.stacksIntoId),
    db.select().from(dataSources),
  ]);

  for (const s of skillRows) {
    graph.skills.set(s.id, { ...s, type: s.type as SkillType });
    push(graph.skillByUri, s.uri, s.id);
  }
  for (const r of relationRows) {
    if (!graph.skills.has(r.from) || !graph.skills.has(r.to)) continue;
    if (r.relation === 'broader') {
      push(graph.broader, r.from, r.to);
      push(graph.narrower, r.to, r.from);
    } else if (r.relation === 'equivalent') {
      push(graph.equivalent, r.from, r.to);
      push(graph.equivalent, r.to, r.from);
    }
  }
  for (const r of roleRows) {
    graph.roles.set(r.id, r);
    graph.roleByCode.set(r.code, r.id);
  }
  for (const r of requirementRows) {
    if (!graph.roles.has(r.roleId) || !graph.skills.has(r.skillId)) continue;
    const attributes = r.attributes as { inDemand?: unknown; hotTechnology?: unknown };
    push(graph.requirements, r.roleId, {
      skillId: r.skillId,
      kind: r.kind,
      importance: r.importance,
      level: r.level,
      inDemand: attributes.inDemand === true,
      hotTechnology: attributes.hotTechnology === true,
    });
  }
  for (const { attributes, ...c } of courseRows) {
    const course = { ...c, level: c.level as Level | null, cost: c.cost === null ? null : Number(c.cost) };
    graph.courses.set(c.id, course);
    // Attributes (syllabi, outcomes) are not kept in memory; only the quality read from them is.
    graph.quality.set(c.id, courseQuality({ ...course, attributes }));
    graph.courseByExternalId.set(c.externalId, c.id);
    if (c.url) graph.courseByExternalId.set(c.url, c.id);
  }
  for (const l of linkRows) {
    if (!graph.courses.has(l.courseId) || !graph.skills.has(l.skillId)) continue;
    push(graph.courseSkills, l.courseId, l);
    push(graph.coursesBySkill, l.skillId, l.courseId);
  }
  // An edge to a retired course is dropped: nobody can take it, and keeping it would make the
  // course that needs it impossible to recommend.
  for (const p of prereqRows) {
    if (graph.courses.has(p.courseId) && graph.courses.has(p.prerequisiteId)) push(graph.prerequisites, p.courseId, p.prerequisiteId);
  }
  for (const s of stackRows) {
    if (!graph.courses.has(s.courseId) || !graph.courses.has(s.stacksIntoId)) continue;
    push(graph.stacksInto, s.courseId, s.stacksIntoId);
    push(graph.stackedFrom, s.stacksIntoId, s.courseId);
  }
  for (const source of sources) {
    (source.kind === 'taxonomy' ? graph.sourceVersions.taxonomies : graph.sourceVersions.catalogs)[source.name] = source.version;
  }
  graph.typical = {
    hours: median(courseRows.map((c) => c.hours).filter((h): h is number => h !== null && h > 0)) || 10,
    cost: median(courseRows.map((c) => (c.cost === null ? null : Number(c.cost))).filter((c): c is number => c !== null)),
  };
  return graph;
}
