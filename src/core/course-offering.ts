import type { CourseFields } from './catalog.js';

/** What a course offers, as opposed to its identity (source, external id) and its links. */
export type CourseOffering = Omit<CourseFields, 'source' | 'externalId'>;

/** The offering fields as a list, for copying and comparing; the check below keeps it complete. */
export const COURSE_OFFERING_FIELDS = ['provider', 'title', 'description', 'url', 'hours', 'cost', 'currency', 'level', 'language', 'format', 'credentialType', 'issuer'] as const satisfies readonly (keyof CourseOffering)[];

// A field added to CourseFields fails compilation here until the list names it.
type Unlisted = Exclude<keyof CourseOffering, (typeof COURSE_OFFERING_FIELDS)[number]>;
export const offeringListIsComplete: [Unlisted] extends [never] ? true : { unlisted: Unlisted } = true;

/**
 * Copies just the offering fields, leaving behind whatever else the input carries (a reader's
 * raw item, a record's links), so a reader and the writer copy the same fields.
 */
export function courseOfferingOf(course: CourseOffering): CourseOffering {
  return Object.fromEntries(COURSE_OFFERING_FIELDS.map((field) => [field, course[field]])) as CourseOffering;
}
