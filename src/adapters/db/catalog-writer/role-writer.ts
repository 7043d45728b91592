import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CatalogBatch, RoleRecord } from '../../../ingest/records.js';
import { roleRelations, roleSkills, roles } from '../schema.js';
import { chunks } from './chunks.js';
import { writeIncrementally, type KindCounts } from './incremental-write.js';
import { skillLinkRows } from './skill-links.js';
import { sourceLinks } from './source-links.js';
import { fromExcluded } from './upsert-sets.js';
import type { Tx } from './write-types.js';

const nameOf = (r: RoleRecord) => `role ${r.code}`;
const keyOf = (r: RoleRecord) => r.code;

export async function writeRoles(tx: Tx, batch: CatalogBatch, problem: (m: string) => void): Promise<KindCounts> {
  return writeIncrementally(tx, batch.source, problem, {
    table: roles,
    keyColumn: roles.code,
    records: batch.roles,
    keyOf,
    upsert: async (part, hashes) =>
      tx
        .insert(roles)
        .values(
          part.map((r: RoleRecord) => ({
            source: r.source,
            sourceVersion: r.sourceVersion,
            code: r.code,
            title: r.title,
            altTitles: r.altTitles,
            description: r.description,
            attributes: r.attributes ?? {},
            contentHash: hashes.get(r.code),
            retiredAt: null,
          })),
        )
        .onConflictDoUpdate({
          target: [roles.source, roles.code],
          set: {
            ...fromExcluded(roles, ['sourceVersion', 'title', 'altTitles', 'description', 'attributes', 'contentHash']),
            retiredAt: sql`null`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: roles.id, key: roles.code }),
    clearLinks: async (part) => {
      await tx.delete(roleSkills).where(and(inArray(roleSkills.roleId, part), eq(roleSkills.source, batch.source.name)));
      await tx.delete(roleRelations).where(and(inArray(roleRelations.fromRoleId, part), eq(roleRelations.source, batch.source.name)));
    },
    writeLinks: async (changed, links) => {
      const requirementRows = await skillLinkRows(tx, changed, links, {
        nameOf,
        keyOf,
        links: (r) => r.requirements,
        skillOf: (req) => req.skill,
        row: (roleId, skillId, req) => ({
          roleId,
          skillId,
          kind: req.kind,
          importance: req.importance,
          level: req.level ?? null,
          attributes: req.attributes ?? {},
          source: batch.source.name,
        }),
      });
      for (const part of chunks(requirementRows)) {
        await tx
          .insert(roleSkills)
          .values(part)
          .onConflictDoUpdate({
            target: [roleSkills.roleId, roleSkills.skillId],
            set: fromExcluded(roleSkills, ['kind', 'importance', 'level', 'attributes', 'source']),
          });
      }

      const relatedRows = sourceLinks(changed, links, {
        nameOf,
        keyOf,
        targets: (r) => r.related ?? [],
        targetKeyOf: (rel) => rel.code,
        what: 'related role',
      }).map(({ from, to, target }) => ({ fromRoleId: from, toRoleId: to, kind: target.kind, rank: target.rank, source: batch.source.name }));
      for (const part of chunks(relatedRows)) await tx.insert(roleRelations).values(part).onConflictDoNothing();
    },
  });
}
