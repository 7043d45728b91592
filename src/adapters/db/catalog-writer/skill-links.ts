import { and, eq, inArray } from 'drizzle-orm';
import type { SkillKey } from '../../../ingest/records.js';
import { skills } from '../schema.js';
import { chunks, ID_CHUNK } from './chunks.js';
import type { LinkContext } from './incremental-write.js';
import type { Tx } from './write-types.js';

export const skillKey = (k: SkillKey) => `${k.source}\u0000${k.uri}`;

async function skillIdsFor(tx: Tx, keys: SkillKey[], known: Map<string, number>): Promise<void> {
  const missing = new Map<string, Set<string>>();
  for (const key of keys) {
    if (known.has(skillKey(key))) continue;
    const set = missing.get(key.source) ?? new Set<string>();
    set.add(key.uri);
    missing.set(key.source, set);
  }
  for (const [source, uris] of missing) {
    for (const part of chunks([...uris], ID_CHUNK)) {
      const rows = await tx
        .select({ id: skills.id, uri: skills.uri })
        .from(skills)
        .where(and(eq(skills.source, source), inArray(skills.uri, part)));
      for (const row of rows) known.set(skillKey({ source, uri: row.uri }), row.id);
    }
  }
}

export interface SkillLinks<R, L, Row> {
  /** Names the record in problems: `role 15-2051.00`. */
  nameOf: (record: R) => string;
  /** The record's name in `LinkContext.ids`. */
  keyOf: (record: R) => string;
  links: (record: R) => L[];
  skillOf: (link: L) => SkillKey;
  row: (ownerId: number, skillId: number, link: L) => Row;
}

/**
 * Rows linking changed records to skills of any source (role requirements, course skills), one
 * per record and skill, the first link winning. A skill not stored is a problem, and its record
 * is incomplete.
 */
export async function skillLinkRows<R, L, Row>(tx: Tx, changed: R[], links: LinkContext, spec: SkillLinks<R, L, Row>): Promise<Row[]> {
  const skillIds = new Map<string, number>();
  await skillIdsFor(tx, changed.flatMap((r) => spec.links(r).map(spec.skillOf)), skillIds);
  return changed.flatMap((r) => {
    const ownerId = links.ids.get(spec.keyOf(r));
    if (ownerId === undefined) return [];
    const seen = new Set<number>();
    return spec.links(r).flatMap((link) => {
      const skill = spec.skillOf(link);
      const skillId = skillIds.get(skillKey(skill));
      if (skillId === undefined) {
        links.problem(`${spec.nameOf(r)}: skill '${skill.uri}' not found`);
        links.incomplete.add(ownerId);
        return [];
      }
      if (seen.has(skillId)) return [];
      seen.add(skillId);
      return [spec.row(ownerId, skillId, link)];
    });
  });
}
