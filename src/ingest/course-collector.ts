/** The duplicate-id rule every course reader applies, in one place. */
import path from 'node:path';
import type { CourseFields } from '../core/catalog.js';
import type { CourseRecord, IngestProblem } from './records.js';

/** Fields that define the offering: two rows with one id that differ here are different things. */
const IDENTITY_FIELDS = [
  'title',
  'provider',
  'description',
  'url',
  'hours',
  'cost',
  'currency',
  'level',
  'language',
  'format',
  'credentialType',
  'issuer',
] as const satisfies readonly (keyof CourseFields)[];

function unionBy<T>(a: T[], b: T[], key: (item: T) => string): T[] {
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((item) => !seen.has(key(item)) && seen.add(key(item)))];
}

/**
 * Collects records in input order. A repeated external id that agrees on every identity field
 * (the same course listed under another subject, or the same row twice) merges silently: tags,
 * skills, links and array attributes are unioned, other attributes keep the first. One that
 * disagrees is reported and dropped, keeping the first, since guessing which is right would hide
 * a catalog error.
 */
export class CourseCollector {
  private readonly byId = new Map<string, { course: CourseRecord; file: string; line: number | null }>();
  constructor(private readonly problems: IngestProblem[]) {}

  add(course: CourseRecord, file: string, line: number | null): void {
    const first = this.byId.get(course.externalId);
    if (!first) {
      this.byId.set(course.externalId, { course, file, line });
      return;
    }
    const differs = IDENTITY_FIELDS.filter((field) => first.course[field] !== course[field]);
    if (differs.length > 0) {
      const at = first.file === file ? `line ${first.line ?? '?'}` : `${path.basename(first.file)}:${first.line ?? '-'}`;
      this.problems.push({
        file,
        line,
        message: `duplicate id '${course.externalId}' (first at ${at}) differs in ${differs.join(', ')}; kept the first`,
      });
      return;
    }
    const kept = first.course;
    kept.skillTags = unionBy(kept.skillTags ?? [], course.skillTags ?? [], (t) => `${t.kind}\0${t.label.toLowerCase()}`);
    kept.skills = unionBy(kept.skills, course.skills, (s) => `${s.skill.source}\0${s.skill.uri}`);
    kept.prerequisites = unionBy(kept.prerequisites, course.prerequisites, (id) => id);
    kept.stacksInto = unionBy(kept.stacksInto, course.stacksInto, (id) => id);
    const attributes = { ...kept.attributes };
    for (const [key, value] of Object.entries(course.attributes ?? {})) {
      const existing = attributes[key];
      if (existing === undefined) attributes[key] = value;
      else if (Array.isArray(existing) && Array.isArray(value)) attributes[key] = unionBy(existing, value, (v) => JSON.stringify(v));
    }
    kept.attributes = attributes;
  }

  has(externalId: string): boolean {
    return this.byId.has(externalId);
  }

  courses(): CourseRecord[] {
    return [...this.byId.values()].map((entry) => entry.course);
  }
}
