/** What the database holds, per source, for `skillpath index status` and operators. */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from './client.js';

export interface CatalogCounts {
  bySource: { source: string; skills: number; roles: number; courses: number }[];
  relations: { roleRequirements: number; courseSkillLinks: number; equivalences: number };
}

export async function catalogCounts(db: Database): Promise<CatalogCounts> {
  const bySource = rowsOf<CatalogCounts['bySource'][number]>(
    await db.execute(sql`
      with s as (select source, count(*)::int n from skills where retired_at is null group by source),
           r as (select source, count(*)::int n from roles where retired_at is null group by source),
           c as (select source, count(*)::int n from courses where retired_at is null group by source)
      select coalesce(s.source, r.source, c.source) as source,
             coalesce(s.n, 0) as skills, coalesce(r.n, 0) as roles, coalesce(c.n, 0) as courses
      from s full join r on r.source = s.source full join c on c.source = coalesce(s.source, r.source)
      order by 1`),
  );
  const [relations] = rowsOf<CatalogCounts['relations']>(
    await db.execute(sql`
      select (select count(*)::int from role_skills) as "roleRequirements",
             (select count(*)::int from course_skills) as "courseSkillLinks",
             (select count(*)::int from skill_relations where relation = 'equivalent') as equivalences`),
  );
  return { bySource, relations: relations! };
}
