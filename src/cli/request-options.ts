/** Options shared by the commands that build recommendation requests (recommend, report). */
import { Value } from 'typebox/value';
import type { Constraints as CoreConstraints, RecommendRequest } from '../core/recommend/types.js';
import { Constraints } from '../contract/recommendation.js';

export const CONSTRAINT_OPTIONS = {
  'hours-per-week': { type: 'string' },
  'max-hours': { type: 'string' },
  'max-cost': { type: 'string' },
  'deadline-weeks': { type: 'string' },
  'max-steps': { type: 'string' },
} as const;

const FIELDS: [keyof typeof CONSTRAINT_OPTIONS, keyof CoreConstraints][] = [
  ['hours-per-week', 'hoursPerWeek'],
  ['max-hours', 'maxHours'],
  ['max-cost', 'maxCost'],
  ['deadline-weeks', 'deadlineWeeks'],
  ['max-steps', 'maxSteps'],
];

/** Constraints from the command line over those from a file, checked against the API's schema. */
export function constraintsFrom(
  values: Partial<Record<keyof typeof CONSTRAINT_OPTIONS, string>>,
  base: object = {},
): { constraints: CoreConstraints; problems: string[] } {
  const constraints: Record<string, unknown> = { ...base };
  for (const [option, field] of FIELDS) {
    const raw = values[option];
    if (raw !== undefined) constraints[field] = Number(raw);
  }
  const problems = [...Value.Errors(Constraints, constraints)].map(
    (e) => `constraints${e.instancePath.replaceAll('/', '.')}: ${e.message}`,
  );
  return { constraints: constraints as CoreConstraints, problems };
}

/** `--role`: an id, O*NET-SOC code, URI or starter key is looked up; anything else is a job title. */
export function targetFrom(role: string): RecommendRequest['target'] {
  return /^\d+$|^\d{2}-\d{4}(\.\d{2})?$|^https?:\/\/|^[a-z0-9]+(-[a-z0-9]+)+$/.test(role) ? { roleId: role } : { title: role };
}
