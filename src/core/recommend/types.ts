/** The recommendation request and answer as the core sees them (src/contract mirrors these; contract/conformance.ts checks it at compile time). */
import type { CourseRef, CourseSummary, Level, RoleSummary, SkillRef } from '../catalog.js';
import type { CourseQuality } from './course-quality.js';

export interface CredentialInput {
  id?: string;
  name?: string;
  issuer?: string;
  badge?: object;
}

export interface SkillInput {
  id?: string;
  label?: string;
  level?: Level;
}

export interface Constraints {
  maxHours?: number;
  maxCost?: number;
  hoursPerWeek?: number;
  deadlineWeeks?: number;
  includeProviders?: string[];
  excludeProviders?: string[];
  levels?: Level[];
  languages?: string[];
  formats?: string[];
  maxSteps?: number;
  /** Also plan courses for optional skills (by default the path closes the essential gap). */
  coverOptional?: boolean;
  /** Also plan courses for transversal skills most occupations list (English, Active Listening, office tools). */
  coverTransversal?: boolean;
}

export interface RecommendRequest {
  learner: { id?: string; credentials: CredentialInput[]; skills: SkillInput[]; text?: string };
  target: { roleId?: string; title?: string };
  constraints?: Constraints;
  /** Relative weights of the objective's spending terms; `quality` 0 ignores credibility signals. */
  weights?: { hours?: number; cost?: number; steps?: number; quality?: number };
  alternatives: number;
}

export type EvidenceKind = 'credential' | 'skill' | 'text' | 'hierarchy' | 'semantic' | 'equivalent' | 'tag' | 'alignment' | 'title' | 'outcome';

export interface Evidence {
  kind: EvidenceKind;
  /** What a person can check: the credential, the text span, the related skill. */
  detail: string;
  confidence: number;
  /** Read from the learner's text: the words and their offsets in it. */
  span?: TextSpan;
}

export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

export interface HeldSkill {
  skill: SkillRef;
  confidence: number;
  level: Level | null;
  evidence: Evidence[];
}

export interface PathStep {
  position: number;
  course: CourseSummary;
  covers: { skill: SkillRef; evidence: Evidence }[];
  reason: string;
  /** Values the catalog did not give and the engine assumed (typical hours or cost). */
  estimated: ('hours' | 'cost')[];
  startWeek: number | null;
  endWeek: number | null;
  /** The course's credibility signals and score (absent in reports stored before they existed). */
  quality?: CourseQuality;
}

export interface Totals {
  hours: number;
  /** Catalog prices plus, where a catalog gives none, its median (see estimatedCostSteps). */
  cost: number;
  /** The prices' currency; null when the stated prices mix currencies or none states one. */
  currency: string | null;
  steps: number;
  weeks: number | null;
  /** Steps whose price the catalog states, and steps priced at the catalog median instead. */
  pricedSteps?: number;
  estimatedCostSteps?: number;
  /** The cost in words, saying how much of it is estimated, e.g. "about 100 USD; 2 of 3 prices estimated from the catalog median". */
  costNote?: string;
}

export interface RequiredSkill {
  skill: SkillRef;
  kind: 'essential' | 'optional';
  /**
   * `defining`: planned for; `transversal`: most occupations list it (weighted down, planned
   * only with coverTransversal); `tool_inventory`: one product of a long list (planned only with coverOptional).
   */
  class: 'defining' | 'transversal' | 'tool_inventory';
  weight: number;
  status: 'held' | 'partial' | 'missing';
  evidence: Evidence[];
  coveredByStep: number | null;
}

export interface Recommendation {
  target: {
    role: RoleSummary;
    matchedBy: 'id' | 'code' | 'uri' | 'title';
    confidence: number;
    ambiguous: boolean;
    candidates: { role: RoleSummary; score: number }[];
  };
  learner: {
    id: string | null;
    held: HeldSkill[];
    /** Possibly held — confirm: read from the text but too unsure to hold; they remove nothing from the gap. */
    toConfirm?: { skill: SkillRef; confidence: number; span: TextSpan }[];
    unresolved: { input: string; reason: string; candidates: string[] }[];
  };
  gap: { required: RequiredSkill[]; coverageBefore: number; coverageAfter: number };
  path: PathStep[];
  totals: Totals;
  stacks: { credential: CourseRef; from: CourseRef[]; complete: boolean }[];
  alternatives: { label: 'cheapest' | 'fastest' | 'most_coverage'; path: PathStep[]; totals: Totals; coverageAfter: number }[];
  uncovered: { skill: SkillRef; reason: 'no_course' | 'constraint'; detail: string }[];
  binding: { constraint: string; detail: string }[];
  optimality: { status: 'optimal' | 'feasible' | 'heuristic'; gap: number | null; solver: string; timeMs: number };
  versions: { taxonomies: Record<string, string>; catalogs: Record<string, string>; model: string | null; index: string | null };
}
