/** The recommendation request and answer as the core sees them (the HTTP schemas mirror these). */
import type { CourseRef, CourseSummary, Level, RoleSummary, SkillRef } from '../catalog.js';

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
}

export interface RecommendRequest {
  learner: { id?: string; credentials: CredentialInput[]; skills: SkillInput[]; text?: string };
  target: { roleId?: string; title?: string };
  constraints?: Constraints;
  weights?: { hours?: number; cost?: number; steps?: number };
  alternatives: number;
}

export type EvidenceKind = 'credential' | 'skill' | 'text' | 'hierarchy' | 'semantic' | 'equivalent' | 'tag' | 'alignment';

export interface Evidence {
  kind: EvidenceKind;
  /** What a person can check: the credential, the text span, the related skill. */
  detail: string;
  confidence: number;
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
}

export interface Totals {
  hours: number;
  cost: number;
  currency: string | null;
  steps: number;
  weeks: number | null;
}

export interface RequiredSkill {
  skill: SkillRef;
  kind: 'essential' | 'optional';
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
