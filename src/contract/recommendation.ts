/**
 * Request and response shapes for recommendations, gap reports and skill extraction. Every
 * array and string is bounded, and the bounds are part of the published OpenAPI document.
 */
import { Type } from 'typebox';
import { Level, Nullable } from './common.js';

export const LIMITS = {
  credentials: 50,
  skills: 200,
  textLength: 5000,
  providers: 50,
  alternatives: 5,
} as const;

const ExternalId = Type.String({ minLength: 1, maxLength: 512 });

const CredentialInput = Type.Object(
  {
    id: Type.Optional(ExternalId),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 300, examples: ['Google Data Analytics Certificate'] })),
    issuer: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    badge: Type.Optional(
      Type.Object({}, { additionalProperties: true, description: 'An Open Badges 3.0 / CTDL achievement credential as JSON' }),
    ),
  },
  { additionalProperties: false, description: 'A held credential: a catalog id, a free-text name, or an Open Badge' },
);

const SkillInput = Type.Object(
  {
    id: Type.Optional(ExternalId),
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    level: Type.Optional(Level),
  },
  { additionalProperties: false },
);

export const LearnerInput = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: "The platform's own learner id" })),
    credentials: Type.Array(CredentialInput, { maxItems: LIMITS.credentials, default: [] }),
    skills: Type.Array(SkillInput, { maxItems: LIMITS.skills, default: [] }),
    text: Type.Optional(
      Type.String({ maxLength: LIMITS.textLength, description: 'Free text such as a CV paragraph, run through skill extraction' }),
    ),
  },
  { additionalProperties: false },
);

export const TargetInput = Type.Object(
  {
    roleId: Type.Optional(ExternalId),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200, examples: ['data analyst'] })),
  },
  { additionalProperties: false, description: 'A role id (internal id, O*NET-SOC code, ESCO URI) or a free-text job title' },
);

const ProviderList = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: LIMITS.providers });

export const Constraints = Type.Object(
  {
    maxHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10_000 })),
    maxCost: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })),
    hoursPerWeek: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 80 })),
    deadlineWeeks: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 520 })),
    includeProviders: Type.Optional(ProviderList),
    excludeProviders: Type.Optional(ProviderList),
    levels: Type.Optional(Type.Array(Level, { maxItems: 3 })),
    languages: Type.Optional(
      Type.Array(Type.String({ minLength: 2, maxLength: 10 }), {
        maxItems: 20,
        description: "Course languages (codes such as en, de); absent: the server's DEFAULT_LANGUAGES; []: any. Courses of unknown language are always allowed",
      }),
    ),
    formats: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 10 })),
    maxSteps: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    coverOptional: Type.Optional(
      Type.Boolean({ description: 'Also add courses for optional skills (default: close the essential gap; optional skills taught along the way still count)' }),
    ),
    coverTransversal: Type.Optional(
      Type.Boolean({ description: 'Also add courses for transversal skills most occupations list, such as English Language or office tools (default: reported in the gap, not planned)' }),
    ),
  },
  { additionalProperties: false },
);

export const Weights = Type.Object(
  {
    hours: Type.Number({ minimum: 0, maximum: 100, default: 1 }),
    cost: Type.Number({ minimum: 0, maximum: 100, default: 1 }),
    steps: Type.Number({ minimum: 0, maximum: 100, default: 1 }),
    quality: Type.Number({
      minimum: 0,
      maximum: 100,
      default: 1,
      description: 'Penalty per course for weak credibility signals, times (1 - quality score); 0 ignores them',
    }),
  },
  {
    additionalProperties: false,
    description: 'Relative weight of hours, money, number of steps and course credibility in the objective (coverage always comes first)',
  },
);

export const RecommendRequest = Type.Object(
  {
    learner: LearnerInput,
    target: TargetInput,
    constraints: Type.Optional(Constraints),
    weights: Type.Optional(Weights),
    alternatives: Type.Integer({ minimum: 0, maximum: LIMITS.alternatives, default: 2 }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        learner: { credentials: [{ name: 'Spreadsheet Essentials' }], skills: [{ label: 'Microsoft Excel', level: 'intermediate' }] },
        target: { title: 'data analyst' },
        constraints: { hoursPerWeek: 6, maxCost: 300 },
      },
    ],
  },
);

const Evidence = Type.Object({
  kind: Type.Enum(['credential', 'skill', 'text', 'hierarchy', 'semantic', 'equivalent', 'tag', 'alignment', 'title', 'outcome']),
  detail: Type.String({ description: 'What a person can check: the credential, the text span, the related skill' }),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  span: Type.Optional(
    Type.Object(
      { text: Type.String(), start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }) },
      { description: "Read from the learner's text: the words, with their character offsets in `learner.text`" },
    ),
  ),
});

const CourseQuality = Type.Object(
  {
    score: Type.Number({ minimum: 0, maximum: 1, description: '0.5 when nothing is known; unknown signals count as neutral' }),
    summary: Type.String({ description: 'The signals in words, e.g. "rated 4.7 by 12,000 learners; University of Michigan (university); specialization, 60 h"' }),
    rating: Nullable(Type.Number({ minimum: 0, maximum: 5 })),
    ratingCount: Nullable(Type.Number({ minimum: 0, description: 'Ratings the mean is over; few ratings count less (shrunk towards a prior)' })),
    enrolment: Nullable(Type.Number({ minimum: 0 })),
    providerType: Type.Enum(['university', 'industry', 'other'], { description: 'Inferred conservatively from the provider and issuer names' }),
    accredited: Type.Boolean(),
    credentialType: Nullable(Type.String()),
    hours: Nullable(Type.Number({ description: 'As the catalog states them (no estimate)' })),
  },
  { description: "The course's credibility signals from its catalog" },
);

const PathStep = Type.Object({
  position: Type.Integer({ minimum: 1 }),
  course: Type.Ref('Course'),
  covers: Type.Array(Type.Object({ skill: Type.Ref('SkillRef'), evidence: Evidence })),
  reason: Type.String({ description: 'Why this step is here and why in this position' }),
  estimated: Type.Array(Type.Enum(['hours', 'cost']), {
    description: 'Values the catalog does not state and the plan assumed (the catalog median)',
  }),
  startWeek: Nullable(Type.Number()),
  endWeek: Nullable(Type.Number()),
  // Optional: reports stored before quality signals existed are served as they were stored.
  quality: Type.Optional(CourseQuality),
});

const Totals = Type.Object({
  hours: Type.Number(),
  cost: Type.Number({ description: 'Catalog prices, plus the catalog median where a catalog states none (see estimatedCostSteps)' }),
  currency: Nullable(Type.String({ description: 'null when the stated prices mix currencies (never converted) or none states one' })),
  steps: Type.Integer(),
  weeks: Nullable(Type.Number({ description: 'From hoursPerWeek, when given' })),
  // Optional: reports stored before these existed are served as they were stored.
  pricedSteps: Type.Optional(Type.Integer({ minimum: 0, description: 'Steps whose price the catalog states' })),
  estimatedCostSteps: Type.Optional(Type.Integer({ minimum: 0, description: 'Steps priced at the catalog median because the catalog states no price' })),
  costNote: Type.Optional(
    Type.String({ description: 'The cost in words, e.g. "about 100 USD; 2 of 3 prices estimated from the catalog median"' }),
  ),
});

export const RecommendResponse = Type.Object(
  {
    target: Type.Object({
      role: Type.Ref('Role'),
      matchedBy: Type.Enum(['id', 'code', 'uri', 'title']),
      confidence: Type.Number({ minimum: 0, maximum: 1 }),
      ambiguous: Type.Boolean(),
      candidates: Type.Array(Type.Object({ role: Type.Ref('Role'), score: Type.Number() })),
    }),
    learner: Type.Object({
      id: Nullable(Type.String()),
      held: Type.Array(
        Type.Object({
          skill: Type.Ref('SkillRef'),
          confidence: Type.Number({ minimum: 0, maximum: 1 }),
          level: Nullable(Level),
          evidence: Type.Array(Evidence),
        }),
        { description: 'Every skill the learner holds, with the evidence' },
      ),
      toConfirm: Type.Optional(
        Type.Array(
          Type.Object({
            skill: Type.Ref('SkillRef'),
            confidence: Type.Number({ minimum: 0, maximum: 1 }),
            span: Type.Object({ text: Type.String(), start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }) }),
          }),
          {
            description:
              "Possibly held — confirm: skills the learner's text may mean, too unsure to hold. They remove nothing from the gap; send the ones the learner confirms as `learner.skills`.",
          },
        ),
      ),
      unresolved: Type.Array(
        Type.Object({ input: Type.String(), reason: Type.String(), candidates: Type.Array(Type.String()) }),
        { description: 'Credentials or skills that could not be matched (not guessed)' },
      ),
    }),
    gap: Type.Object({
      required: Type.Array(
        Type.Object({
          skill: Type.Ref('SkillRef'),
          kind: Type.Enum(['essential', 'optional']),
          // Optional: gap reports stored before requirements were classed are served as they were.
          class: Type.Optional(
            Type.Enum(['defining', 'transversal', 'tool_inventory'], {
              description:
                'defining: planned for; transversal: listed as essential by many occupations (weighted down, planned only with coverTransversal); tool_inventory: one of many listed tools not flagged in demand (planned only with coverOptional)',
            }),
          ),
          weight: Type.Number(),
          status: Type.Enum(['held', 'partial', 'missing']),
          evidence: Type.Array(Evidence),
          coveredByStep: Nullable(Type.Integer()),
        }),
      ),
      coverageBefore: Type.Number({ minimum: 0, maximum: 1 }),
      coverageAfter: Type.Number({ minimum: 0, maximum: 1 }),
    }),
    path: Type.Array(PathStep),
    totals: Totals,
    stacks: Type.Array(
      Type.Object({
        credential: Type.Ref('CourseRef'),
        from: Type.Array(Type.Ref('CourseRef')),
        complete: Type.Boolean(),
      }),
    ),
    alternatives: Type.Array(
      Type.Object({
        label: Type.Enum(['cheapest', 'fastest', 'most_coverage']),
        path: Type.Array(PathStep),
        totals: Totals,
        coverageAfter: Type.Number(),
      }),
    ),
    uncovered: Type.Array(
      Type.Object({ skill: Type.Ref('SkillRef'), reason: Type.Enum(['no_course', 'constraint']), detail: Type.String() }),
    ),
    binding: Type.Array(Type.Object({ constraint: Type.String(), detail: Type.String() }), {
      description: 'Constraints that kept coverable skills out of the path',
    }),
    optimality: Type.Object({
      status: Type.Enum(['optimal', 'feasible', 'heuristic']),
      gap: Nullable(Type.Number()),
      solver: Type.String(),
      timeMs: Type.Number(),
    }),
    versions: Type.Object({
      taxonomies: Type.Record(Type.String(), Type.String()),
      catalogs: Type.Record(Type.String(), Type.String()),
      model: Nullable(Type.String()),
      index: Nullable(Type.String()),
    }),
  },
  { $id: 'Recommendation' },
);

/** The same inputs as a recommendation; the report is stored and gets a shareable id. */
export const GapReportRequest = Type.Object(RecommendRequest.properties, { additionalProperties: false });

export const GapReport = Type.Object({
  id: Type.String({ format: 'uuid' }),
  createdAt: Type.String({ format: 'date-time' }),
  learnerId: Nullable(Type.String()),
  recommendation: Type.Ref('Recommendation'),
});

export const GapReportParams = Type.Object(
  {
    id: Type.String({
      pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(\\.csv)?$',
      description: 'The report id (a UUID); add `.csv` for CSV',
    }),
  },
  { additionalProperties: false },
);

export const GapReportListQuery = Type.Object(
  {
    learnerId: Type.String({ minLength: 1, maxLength: 128, description: "The platform's learner id given when the reports were created" }),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);

export const GapReportList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      createdAt: Type.String({ format: 'date-time' }),
      learnerId: Nullable(Type.String()),
      role: Type.Object({ id: Type.Integer(), title: Type.String() }),
      coverageBefore: Type.Number(),
      coverageAfter: Type.Number(),
      steps: Type.Integer(),
    }),
  ),
});

export const ExtractRequest = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: LIMITS.textLength }),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'Only skills from this taxonomy' })),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
  },
  { additionalProperties: false },
);

export const ExtractResponse = Type.Object({
  mode: Type.Enum(['hybrid', 'lexical'], {
    description: 'hybrid: phrase matches and sentence meaning; lexical: phrase matches only (no model or index)',
  }),
  skills: Type.Array(
    Type.Object({
      id: Type.Integer(),
      label: Type.String(),
      source: Type.String(),
      uri: Type.String(),
      score: Type.Number({
        minimum: 0,
        maximum: 1,
        description: 'With the model: the calibrated chance that an annotator would tag the text with this skill. Keyword-only mode: the confidence of the phrase match.',
      }),
      spans: Type.Array(
        Type.Object({
          text: Type.String(),
          start: Type.Integer({ minimum: 0, description: 'Offset into the submitted text (UTF-16 code units)' }),
          end: Type.Integer({ minimum: 0 }),
          via: Type.Enum(['label', 'alt', 'semantic', 'keyword'], {
            description:
              'label / alt: the words name the skill or a synonym; semantic: the sentence (or a part of it) means it; keyword: the sentence shares the skill\'s key words',
          }),
        }),
      ),
    }),
  ),
});

export const recommendationSchemas = [RecommendResponse];
