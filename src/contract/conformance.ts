/**
 * Compile-time checks that the wire contract and the core's types say the same thing. Fastify
 * serialises a response through its schema, so a field the core returns but the schema lacks is
 * dropped without a word; a request field the schema accepts but the core lacks is ignored.
 * Each line below fails `npm run typecheck` and names the dotted path of the missing field.
 */
import type { Static, TSchema } from 'typebox';
import type { CourseDetail, CourseSummary, RoleDetail, RoleSummary, Skill, SkillDetail } from '../core/catalog.js';
import type { Recommendation, RecommendRequest as CoreRecommendRequest } from '../core/recommend/types.js';
import type { ExtractedSkill } from '../core/search/skill-extractor.js';
import type * as wire from './catalog.js';
import type * as common from './common.js';
import type * as recommendation from './recommendation.js';

/** The schemas responses refer to by `$id`, so `Static` can follow `Type.Ref`. */
type Refs = {
  SkillRef: typeof common.SkillRef;
  CourseRef: typeof common.CourseRef;
  Skill: typeof wire.Skill;
  Role: typeof wire.Role;
  Course: typeof wire.Course;
  Recommendation: typeof recommendation.RecommendResponse;
};
type Wire<T extends TSchema> = Static<T, Refs>;

type Present<T> = NonNullable<T>;
type Prefixed<K extends string, Missing> = [Missing] extends [never] ? never : `${K}.${Missing & string}`;

/** Dotted paths of the fields `From` has and `To` lacks, through objects and arrays. */
export type MissingFields<From, To> =
  Present<From> extends readonly (infer F)[]
    ? Present<To> extends readonly (infer T)[]
      ? MissingFields<F, T>
      : never
    : Present<From> extends object
      ? {
          [K in keyof Present<From> & string]-?: K extends keyof Present<To> ? Prefixed<K, MissingFields<Present<From>[K], Present<To>[K]>> : K;
        }[keyof Present<From> & string]
      : never;

type NoneMissing<Missing> = [Missing] extends [never] ? true : { missing: Missing };
type Expect<T extends true> = T;

export type Checks = [
  // Responses: everything the core answers reaches the client.
  Expect<NoneMissing<MissingFields<Recommendation, Wire<typeof recommendation.RecommendResponse>>>>,
  Expect<NoneMissing<MissingFields<Skill, Wire<typeof wire.Skill>>>>,
  Expect<NoneMissing<MissingFields<SkillDetail, Wire<typeof wire.SkillDetail>>>>,
  Expect<NoneMissing<MissingFields<RoleSummary, Wire<typeof wire.Role>>>>,
  Expect<NoneMissing<MissingFields<RoleDetail, Wire<typeof wire.RoleDetail>>>>,
  Expect<NoneMissing<MissingFields<CourseSummary, Wire<typeof wire.Course>>>>,
  Expect<NoneMissing<MissingFields<CourseDetail, Wire<typeof wire.CourseDetail>>>>,
  // `signals` is internal: the learner-text reader weighs it; clients get score and spans.
  Expect<NoneMissing<MissingFields<Omit<ExtractedSkill, 'signals'>, Wire<typeof recommendation.ExtractResponse>['skills'][number]>>>,
  // Requests: everything a client may send is something the core reads.
  Expect<NoneMissing<MissingFields<Wire<typeof recommendation.RecommendRequest>, CoreRecommendRequest>>>,
];
