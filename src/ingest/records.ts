/**
 * Canonical records: what every source reader produces and the catalog writer stores.
 * References between records use external identities (source + uri/code/externalId), never
 * database ids, so a reader needs no database.
 */
import type { Level, SkillType } from '../core/catalog.js';

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
}

export interface RoleRecord {
  source: string;
  sourceVersion: string;
  code: string;
  title: string;
  altTitles: string[];
  description: string;
  requirements: { skill: SkillKey; kind: 'essential' | 'optional'; importance: number }[];
}

export interface CourseSkillRecord {
  skill: SkillKey;
  confidence: number;
  evidence: { kind: 'tag' | 'text' | 'alignment'; span: string | null };
}

export interface CourseRecord {
  source: string;
  externalId: string;
  provider: string;
  title: string;
  description: string;
  url: string | null;
  hours: number | null;
  cost: number | null;
  currency: string | null;
  level: Level | null;
  language: string | null;
  format: string | null;
  credentialType: string | null;
  issuer: string | null;
  /** External ids (same source) of courses to complete first. */
  prerequisites: string[];
  /** External ids (same source) of larger credentials this one counts towards. */
  stacksInto: string[];
  skills: CourseSkillRecord[];
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
