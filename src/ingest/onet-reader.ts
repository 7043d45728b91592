/**
 * Reads an O*NET database release exported to TSV (one file per official table, snake_case
 * names, Excel columns kept). Occupations become roles; Skills, Knowledge and Technology Skills
 * elements become skills, and their per-occupation ratings become requirements.
 * https://www.onetcenter.org/database.html
 */
import path from 'node:path';
import type { CatalogBatch, IngestProblem, RoleRecord, SkillRecord } from './records.js';
import { readTsv, resolveDataFile, type Row } from './tabular.js';

export const ONET_SOURCE = 'onet';

/** O*NET lists up to thousands of alternate titles per occupation; beyond this they add noise, not recall. */
export const MAX_ALT_TITLES = 60;

const OCCUPATION_COLUMNS = ['O*NET-SOC Code', 'Title', 'Description'];
const ALT_TITLE_COLUMNS = ['O*NET-SOC Code', 'Alternate Title'];
const JOB_ZONE_COLUMNS = ['O*NET-SOC Code', 'Job Zone'];
const RELATED_COLUMNS = ['O*NET-SOC Code', 'Related O*NET-SOC Code', 'Relatedness Tier', 'Index'];
const CONTENT_MODEL_COLUMNS = ['Element ID', 'Description'];
const RATING_COLUMNS = ['O*NET-SOC Code', 'Element ID', 'Element Name', 'Scale ID', 'Data Value', 'Recommend Suppress'];
const TECHNOLOGY_COLUMNS = ['O*NET-SOC Code', 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology', 'In Demand'];

/** Importance (IM) is rated 1–5 and level (LV) 0–7, per the release's scales_reference table. */
const IM_MAX = 5;
const LV_MAX = 7;
const ESSENTIAL_IM = 3.5;
const OPTIONAL_IM = 2.5;

/** Rounds away float noise (4.12 / 5 = 0.8240000000000001); ratings carry at most 4 decimals. */
function ratio(value: number, max: number): number {
  return Math.round((value / max) * 1e6) / 1e6;
}

const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/** `v1.1.1` → `1.1.1`, `29.2` → `29.2`; anything else is not a version. */
function versionFromDir(dir: string): string | null {
  return /^v?(\d+(?:\.\d+)*)$/.exec(path.basename(path.resolve(dir)))?.[1] ?? null;
}

/**
 * Stable URI slug for a technology example. `+` and `#` are spelled out first, or C, C# and C++
 * would all become `c`.
 */
export function technologySlug(example: string): string {
  return example
    .toLowerCase()
    .replace(/\+/g, ' plus ')
    .replace(/#/g, ' sharp ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function isYes(cell: string | undefined): boolean {
  return cell?.trim().toUpperCase() === 'Y';
}

function isFlag(cell: string | undefined): boolean {
  return cell === 'Y' || cell === 'N';
}

/** Names the required cells a row lacks: a short row (too few cells) shows up here. */
function missingCells(row: Row, columns: string[]): string | null {
  const missing = columns.filter((column) => (row.values[column] ?? '').trim() === '');
  return missing.length > 0 ? `malformed row: no ${missing.join(', ')} (row skipped)` : null;
}

interface Rating {
  im: number | null;
  lv: number | null;
}

export async function readOnet(dir: string, options: { version?: string } = {}): Promise<CatalogBatch> {
  const version = options.version ?? versionFromDir(dir) ?? 'unknown';
  const file = (name: string) => resolveDataFile(path.join(dir, name));
  const files = {
    occupations: file('occupation_data.tsv'),
    altTitles: file('alternate_titles_excluding_reported_titles.tsv'),
    jobZones: file('job_zones.tsv'),
    related: file('related_occupations.tsv'),
    contentModel: file('content_model_reference.tsv'),
    skills: file('skills.tsv'),
    knowledge: file('knowledge.tsv'),
    technology: file('technology_skills.tsv'),
  };
  const problems: IngestProblem[] = [];
  const problem = (file: string, line: number, message: string) => problems.push({ file, line, message });

  const roles = new Map<string, RoleRecord>();
  for await (const row of readTsv(files.occupations, OCCUPATION_COLUMNS)) {
    const code = row.values['O*NET-SOC Code']?.trim() ?? '';
    const malformed = missingCells(row, ['O*NET-SOC Code', 'Title']);
    if (malformed || roles.has(code)) {
      problem(files.occupations, row.line, malformed ?? `duplicate occupation '${code}' (row skipped)`);
      continue;
    }
    roles.set(code, {
      source: ONET_SOURCE,
      sourceVersion: version,
      code,
      title: row.values.Title ?? '',
      altTitles: [],
      description: row.values.Description ?? '',
      requirements: [],
      related: [],
      attributes: { jobZone: null },
    });
  }
  /** The role for a row's occupation code, or a problem naming the unknown code. */
  const roleOf = (file: string, row: Row, column = 'O*NET-SOC Code'): RoleRecord | null => {
    const code = row.values[column]?.trim() ?? '';
    const role = roles.get(code);
    if (!role) problem(file, row.line, `unknown occupation code '${code}' (row skipped)`);
    return role ?? null;
  };

  const altTitleKeys = new Map<string, Set<string>>();
  for await (const row of readTsv(files.altTitles, ALT_TITLE_COLUMNS)) {
    const malformed = missingCells(row, ALT_TITLE_COLUMNS);
    if (malformed) {
      problem(files.altTitles, row.line, malformed);
      continue;
    }
    const role = roleOf(files.altTitles, row);
    if (!role || role.altTitles.length >= MAX_ALT_TITLES) continue;
    const title = row.values['Alternate Title']?.trim() ?? '';
    const keys = altTitleKeys.get(role.code) ?? new Set<string>();
    altTitleKeys.set(role.code, keys);
    if (keys.has(title.toLowerCase())) continue;
    keys.add(title.toLowerCase());
    role.altTitles.push(title);
  }

  for await (const row of readTsv(files.jobZones, JOB_ZONE_COLUMNS)) {
    const zone = row.values['Job Zone']?.trim() ?? '';
    if (!/^[1-5]$/.test(zone)) {
      problem(files.jobZones, row.line, `malformed row: Job Zone '${zone}' is not 1–5 (row skipped)`);
      continue;
    }
    const role = roleOf(files.jobZones, row);
    if (role) role.attributes = { ...role.attributes, jobZone: Number(zone) };
  }

  for await (const row of readTsv(files.related, RELATED_COLUMNS)) {
    const index = row.values.Index?.trim() ?? '';
    const malformed = missingCells(row, RELATED_COLUMNS) ?? (NUMBER.test(index) ? null : `malformed row: Index '${index}' is not a number (row skipped)`);
    if (malformed) {
      problem(files.related, row.line, malformed);
      continue;
    }
    const role = roleOf(files.related, row);
    if (!role || !roleOf(files.related, row, 'Related O*NET-SOC Code')) continue;
    role.related?.push({
      code: row.values['Related O*NET-SOC Code']?.trim() ?? '',
      rank: Number(index),
      kind: row.values['Relatedness Tier'] ?? '',
    });
  }
  for (const role of roles.values()) role.related?.sort((a, b) => a.rank - b.rank);

  const elementDescriptions = new Map<string, string>();
  for await (const { values: v } of readTsv(files.contentModel, CONTENT_MODEL_COLUMNS)) {
    if (v['Element ID'] && v.Description) elementDescriptions.set(v['Element ID'].trim(), v.Description.trim());
  }

  const skills = new Map<string, SkillRecord>();
  const ratingFiles = [
    { path: files.skills, type: 'skill', group: 'O*NET skills' },
    { path: files.knowledge, type: 'knowledge', group: 'O*NET knowledge' },
  ] as const;
  for (const ratingFile of ratingFiles) {
    // IM and LV arrive as separate rows; pair them before deciding on a requirement.
    const ratings = new Map<RoleRecord, Map<string, Rating>>();
    for await (const row of readTsv(ratingFile.path, RATING_COLUMNS)) {
      const v = row.values;
      const scale = v['Scale ID']?.trim();
      const value = v['Data Value']?.trim() ?? '';
      const elementId = v['Element ID']?.trim() ?? '';
      const malformed =
        missingCells(row, ['O*NET-SOC Code', 'Element ID', 'Element Name', 'Scale ID', 'Data Value']) ??
        (NUMBER.test(value) ? null : `malformed row: Data Value '${value}' is not a number (row skipped)`) ??
        (scale === 'IM' || scale === 'LV' ? null : `malformed row: Scale ID '${scale}' is not IM or LV (row skipped)`);
      if (malformed) {
        problem(ratingFile.path, row.line, malformed);
        continue;
      }
      // O*NET flags estimates with too few respondents or too much spread as not to be used.
      if (isYes(v['Recommend Suppress'])) continue;
      const role = roleOf(ratingFile.path, row);
      if (!role) continue;
      if (!skills.has(elementId)) {
        skills.set(elementId, {
          source: ONET_SOURCE,
          sourceVersion: version,
          uri: elementId,
          label: v['Element Name']?.trim() ?? '',
          altLabels: [],
          description: elementDescriptions.get(elementId) ?? '',
          type: ratingFile.type,
          group: ratingFile.group,
          broader: [],
        });
      }
      const byElement = ratings.get(role) ?? new Map<string, Rating>();
      ratings.set(role, byElement);
      const rating = byElement.get(elementId) ?? { im: null, lv: null };
      byElement.set(elementId, rating);
      if (scale === 'IM') rating.im = Number(value);
      else rating.lv = Number(value);
    }
    for (const [role, byElement] of ratings) {
      for (const [elementId, { im, lv }] of byElement) {
        // O*NET rates every element for every occupation, so a low importance means "not
        // needed", not "a little needed"; without the cut every role would require all 68.
        if (im === null || im < OPTIONAL_IM) continue;
        role.requirements.push({
          skill: { source: ONET_SOURCE, uri: elementId },
          kind: im >= ESSENTIAL_IM ? 'essential' : 'optional',
          importance: ratio(im, IM_MAX),
          ...(lv === null ? {} : { level: ratio(lv, LV_MAX) }),
        });
      }
    }
  }

  const technologyUris = new Map<string, string>();
  const takenUris = new Set<string>();
  /** Distinct examples keep distinct URIs even if they slug alike (the first keeps the bare slug). */
  const technologyUri = (example: string): string => {
    const known = technologyUris.get(example);
    if (known) return known;
    const base = `tech:${technologySlug(example)}`;
    let uri = base;
    for (let n = 2; takenUris.has(uri); n++) uri = `${base}-${n}`;
    technologyUris.set(example, uri);
    takenUris.add(uri);
    return uri;
  };
  const technologyRequirements = new Map<RoleRecord, Map<string, RoleRecord['requirements'][number]>>();
  for await (const row of readTsv(files.technology, TECHNOLOGY_COLUMNS)) {
    const v = row.values;
    const commodityCode = v['Commodity Code']?.trim() ?? '';
    const malformed =
      missingCells(row, TECHNOLOGY_COLUMNS) ??
      (/^\d+$/.test(commodityCode) ? null : `malformed row: Commodity Code '${commodityCode}' is not a UNSPSC code (row skipped)`) ??
      (isFlag(v['Hot Technology']) && isFlag(v['In Demand']) ? null : 'malformed row: Hot Technology and In Demand must be Y or N (row skipped)');
    if (malformed) {
      problem(files.technology, row.line, malformed);
      continue;
    }
    const role = roleOf(files.technology, row);
    if (!role) continue;
    const example = v.Example?.trim() ?? '';
    const hotTechnology = isYes(v['Hot Technology']);
    const inDemand = isYes(v['In Demand']);
    const uri = technologyUri(example);
    const skill = skills.get(uri);
    if (skill?.attributes) {
      skill.attributes.hotTechnology ||= hotTechnology;
      skill.attributes.inDemand ||= inDemand;
    } else {
      // An example listed under several commodities keeps the first one it was seen with.
      const commodityTitle = v['Commodity Title']?.trim() ?? '';
      skills.set(uri, {
        source: ONET_SOURCE,
        sourceVersion: version,
        uri,
        label: example,
        altLabels: [],
        description: `${commodityTitle} (UNSPSC ${commodityCode})`,
        type: 'tool',
        group: 'Technology',
        broader: [],
        attributes: { commodityCode, commodityTitle, hotTechnology, inDemand },
      });
    }
    const forRole = technologyRequirements.get(role) ?? new Map<string, RoleRecord['requirements'][number]>();
    technologyRequirements.set(role, forRole);
    const previous = forRole.get(uri)?.attributes;
    const hot = hotTechnology || previous?.hotTechnology === true;
    const demand = inDemand || previous?.inDemand === true;
    forRole.set(uri, {
      skill: { source: ONET_SOURCE, uri },
      kind: 'optional',
      importance: demand ? 0.6 : hot ? 0.5 : 0.4,
      attributes: { hotTechnology: hot, inDemand: demand },
    });
  }
  for (const [role, forRole] of technologyRequirements) role.requirements.push(...forRole.values());

  return {
    source: { name: ONET_SOURCE, kind: 'taxonomy', version },
    skills: [...skills.values()],
    roles: [...roles.values()],
    courses: [],
    problems,
  };
}
