/**
 * Canonical records: what every source reader produces and the catalog writer stores.
 * References between records use external identities (source + uri/code/externalId), never
 * database ids, so a reader needs no database.
 */
import type { CourseFields, SkillType } from '../core/catalog.js';

export interface SourceInfo {
  /** Short stable name: `esco`, `onet`, `starter`, `coursera`, ... */
  name: string;
  kind: 'taxonomy' | 'catalog';
  version: string;
}

export interface SkillKey {
  source: string;
  uri: string;
}

export interface SkillRecord extends SkillKey {
  sourceVersion: string;
  label: string;
  altLabels: string[];
  description: string;
  type: SkillType;
  group: string | null;
  /** URIs (same source) of more general skills. */
  broader: string[];
  /** Non-hierarchical links (same source), e.g. ESCO skill–skill relations. */
  related?: { uri: string; kind: string }[];
  /** Source-specific facts kept for display and weighting (reuse level, hot technology, ...). */
  attributes?: Record<string, unknown>;
}

export interface RoleRecord {
  source: string;
  sourceVersion: string;
  code: string;
  title: string;
  altTitles: string[];
  description: string;
  requirements: {
    skill: SkillKey;
    kind: 'essential' | 'optional';
    /** (0, 1]: O*NET importance / 5, ESCO essential 1.0 and optional 0.5. */
    importance: number;
    /** [0, 1]: O*NET level / 7 where the source rates it. */
    level?: number;
    /** Extra facts per requirement (O*NET hot technology / in demand flags). */
    attributes?: Record<string, unknown>;
  }[];
  /** Related roles (same source), best first: O*NET related occupations. */
  related?: { code: string; rank: number; kind: string }[];
  /** Source-specific facts: job zone, ISCO group, ... */
  attributes?: Record<string, unknown>;
}

export interface CourseSkillRecord {
  skill: SkillKey;
  confidence: number;
  evidence: { kind: 'tag' | 'text' | 'alignment'; span: string | null };
}

export interface CourseRecord extends CourseFields {
  /** External ids (same source) of courses to complete first. */
  prerequisites: string[];
  /** External ids (same source) of larger credentials this one counts towards. */
  stacksInto: string[];
  /** Skills already resolved to taxonomy identities (starter data, CTDL alignments to ESCO URIs). */
  skills: CourseSkillRecord[];
  /**
   * Skill names the catalog states (tags, alignments) that still need linking to a taxonomy
   * skill through the index: exact label, alternative label, then semantic match.
   */
  skillTags?: { label: string; kind: 'tag' | 'alignment' }[];
  /** Source-specific facts: rating, enrolment, subject, duration text, ... */
  attributes?: Record<string, unknown>;
}

/** A row-level problem: the record is skipped or repaired, the load goes on. */
export interface IngestProblem {
  file: string;
  /** 1-based line for line-oriented files; for JSON arrays the 1-based item number. */
  line: number | null;
  message: string;
}

export interface CatalogBatch {
  source: SourceInfo;
  skills: SkillRecord[];
  roles: RoleRecord[];
  courses: CourseRecord[];
  problems: IngestProblem[];
}
