import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CatalogBatch, SkillRecord } from '../../../ingest/records.js';
import { skillRelations, skills } from '../schema.js';
import { chunks } from './chunks.js';
import { writeIncrementally, type KindCounts, type LinkContext } from './incremental-write.js';
import { skillKey } from './skill-links.js';
import { fromExcluded } from './upsert-sets.js';
import type { Tx } from './write-types.js';

export async function writeSkills(tx: Tx, batch: CatalogBatch, problem: (m: string) => void): Promise<KindCounts> {
  return writeIncrementally(tx, batch.source, problem, {
    table: skills,
    keyColumn: skills.uri,
    records: batch.skills,
    keyOf: (s) => s.uri,
    // Links between skills name the source and the URI, so ids are kept by both.
    idKeyOf: (source, uri) => skillKey({ source, uri }),
    upsert: async (part, hashes) =>
      tx
        .insert(skills)
        .values(
          part.map((s: SkillRecord) => ({
            source: s.source,
            sourceVersion: s.sourceVersion,
            uri: s.uri,
            label: s.label,
            altLabels: s.altLabels,
            description: s.description,
            skillType: s.type,
            skillGroup: s.group,
            attributes: s.attributes ?? {},
            contentHash: hashes.get(s.uri),
            retiredAt: null,
          })),
        )
        .onConflictDoUpdate({
          target: [skills.source, skills.uri],
          set: {
            ...fromExcluded(skills, ['sourceVersion', 'label', 'altLabels', 'description', 'skillType', 'skillGroup', 'attributes', 'contentHash']),
            retiredAt: sql`null`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: skills.id, source: skills.source, key: skills.uri }),
    // Links of changed skills are rewritten; unchanged skills keep theirs.
    clearLinks: async (part) => {
      await tx
        .delete(skillRelations)
        .where(
          and(
            inArray(skillRelations.fromSkillId, part),
            inArray(skillRelations.relation, ['broader', 'related']),
            eq(skillRelations.source, batch.source.name),
          ),
        );
    },
    writeLinks: async (changed, links) => {
      for (const part of chunks(relationRows(changed, links))) await tx.insert(skillRelations).values(part).onConflictDoNothing();
    },
  });
}

function relationRows(changed: SkillRecord[], { ids, incomplete, problem }: LinkContext) {
  return changed.flatMap((s) => {
    const from = ids.get(skillKey(s));
    if (from === undefined) return [];
    const links = [
      ...s.broader.map((uri) => ({ uri, relation: 'broader' as const, method: null as string | null })),
      ...(s.related ?? []).map((r) => ({ uri: r.uri, relation: 'related' as const, method: r.kind })),
    ];
    return links.flatMap(({ uri, relation, method }) => {
      const to = ids.get(skillKey({ source: s.source, uri }));
      if (to === undefined || to === from) {
        problem(`skill ${s.uri}: ${relation} skill '${uri}' ${to === from ? 'is the skill itself (link skipped)' : 'not found'}`);
        if (to === undefined) incomplete.add(from);
        return [];
      }
      return [{ fromSkillId: from, toSkillId: to, relation, source: s.source, method }];
    });
  });
}
