import type { CourseSummary } from './catalog.js';

/** What a course offers, as opposed to its identity (source, id) and its links. */
export const COURSE_OFFERING_FIELDS = ['provider', 'title', 'description', 'url', 'hours', 'cost', 'currency', 'level', 'language', 'format', 'credentialType', 'issuer'] as const satisfies readonly (keyof CourseSummary)[];

export type CourseOffering = Pick<CourseSummary, (typeof COURSE_OFFERING_FIELDS)[number]>;

/**
 * Copies just the offering fields, leaving behind whatever else the input carries (a reader's
 * raw item, a record's links), so a reader and the writer copy the same fields.
 */
export function courseOfferingOf(course: CourseOffering): CourseOffering {
  return Object.fromEntries(COURSE_OFFERING_FIELDS.map((field) => [field, course[field]])) as CourseOffering;
}
