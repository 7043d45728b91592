/**
 * Search and detail over the catalog. Ids in URLs may be our integer ids or the external
 * identity a client already knows (ESCO URI, O*NET-SOC code, starter key, catalog id).
 */
import type { Collection, CourseDetail, CourseSummary, RoleDetail, RoleSummary, SearchDocument, SearchHit, Skill, SkillDetail } from './catalog.js';
import { courseNotFound, roleNotFound, skillNotFound } from './errors.js';
import type { CatalogStore } from './ports.js';
import type { SearchSnapshot } from './search/corpus.js';
import type { HybridSearch } from './search/hybrid-search.js';
import type { ExtractedSkill, SkillExtractor } from './search/skill-extractor.js';
import { extractFromJobAd } from './search/job-ad-ranking.js';

const INTERNAL_ID = /^[1-9]\d{0,9}$/;

export interface Page<T> {
  items: SearchHit<T>[];
  total: number;
  /** `hybrid` when the embedding index took part, `lexical` when keyword search answered alone. */
  mode: 'hybrid' | 'lexical' | 'list';
}

interface PageQuery {
  q?: string;
  limit: number;
  offset: number;
}

async function resolveId(ref: string, findByExternal: (externalId: string) => Promise<number | null>): Promise<number | null> {
  const trimmed = ref.trim();
  if (INTERNAL_ID.test(trimmed)) {
    const id = Number(trimmed);
    if (id <= 2_147_483_647) return id;
  }
  return findByExternal(trimmed);
}

export class CatalogService {
  constructor(
    private readonly store: CatalogStore,
    private readonly search: HybridSearch,
    private readonly snapshot: () => SearchSnapshot,
    private readonly extractor: SkillExtractor,
  ) {}

  /** Ranked ids for a query, or every matching document by title when there is no query. */
  private async rank(collection: Collection, query: PageQuery, keep: (doc: SearchDocument) => boolean) {
    const docs = this.snapshot().corpus[collection];
    if (query.q) {
      const result = await this.search.search(collection, query.q, {
        limit: query.limit,
        offset: query.offset,
        prefix: true,
        filter: (id) => {
          const doc = docs.get(id);
          return doc !== undefined && keep(doc);
        },
      });
      return { hits: result.hits.map((h) => ({ id: h.id, score: h.score })), total: result.total, mode: result.mode };
    }
    const all = [...docs.values()].filter(keep).sort((a, b) => a.title.localeCompare(b.title) || a.id - b.id);
    const page = all.slice(query.offset, query.offset + query.limit);
    return { hits: page.map((d) => ({ id: d.id, score: 1 })), total: all.length, mode: 'list' as const };
  }

  private static attach<T extends { id: number }>(hits: { id: number; score: number }[], items: T[]): SearchHit<T>[] {
    const scores = new Map(hits.map((h) => [h.id, h.score]));
    return items.map((item) => ({ item, score: scores.get(item.id) ?? 0 }));
  }

  async searchSkills(query: PageQuery & { source?: string }): Promise<Page<Skill>> {
    const ranked = await this.rank('skills', query, (doc) => !query.source || doc.source === query.source);
    const items = await this.store.skillsByIds(ranked.hits.map((h) => h.id));
    return { items: CatalogService.attach(ranked.hits, items), total: ranked.total, mode: ranked.mode };
  }

  async searchRoles(query: PageQuery & { source?: string }): Promise<Page<RoleSummary>> {
    const ranked = await this.rank('roles', query, (doc) => !query.source || doc.source === query.source);
    const items = await this.store.rolesByIds(ranked.hits.map((h) => h.id));
    return { items: CatalogService.attach(ranked.hits, items), total: ranked.total, mode: ranked.mode };
  }

  async searchCourses(query: PageQuery & { skill?: string; provider?: string }): Promise<Page<CourseSummary>> {
    let skillId: number | undefined;
    if (query.skill !== undefined) {
      const id = await resolveId(query.skill, (ext) => this.store.findSkillId(ext));
      if (id === null) throw skillNotFound(query.skill);
      skillId = id;
    }
    const provider = query.provider?.toLowerCase();
    const ranked = await this.rank(
      'courses',
      query,
      (doc) =>
        (provider === undefined || doc.provider?.toLowerCase() === provider) &&
        (skillId === undefined || (doc.skillIds ?? []).includes(skillId)),
    );
    const items = await this.store.coursesByIds(ranked.hits.map((h) => h.id));
    return { items: CatalogService.attach(ranked.hits, items), total: ranked.total, mode: ranked.mode };
  }

  /** Free text → ranked skills with the spans that gave each (phrase matches, and sentence meaning when the model is up). */
  async extractSkills(text: string, options: { source?: string; limit: number }) {
    const { skills, mode } = await extractFromJobAd(text, options, this.snapshot(), this.extractor);
    const details = new Map((await this.store.skillsByIds(skills.map((s) => s.id))).map((s) => [s.id, s]));
    return {
      mode,
      skills: skills.flatMap((s: ExtractedSkill) => {
        const skill = details.get(s.id);
        return skill ? [{ id: s.id, label: skill.label, source: skill.source, uri: skill.uri, score: s.score, spans: s.spans }] : [];
      }),
    };
  }

  dataSources() {
    return this.store.dataSources();
  }

  async getSkill(ref: string): Promise<SkillDetail> {
    const id = await resolveId(ref, (ext) => this.store.findSkillId(ext));
    const skill = id === null ? null : await this.store.getSkill(id);
    if (!skill) throw skillNotFound(ref);
    return skill;
  }

  async getRole(ref: string): Promise<RoleDetail> {
    const id = await resolveId(ref, (ext) => this.store.findRoleId(ext));
    const role = id === null ? null : await this.store.getRole(id);
    if (!role) throw roleNotFound(ref);
    return role;
  }

  async getCourse(ref: string): Promise<CourseDetail> {
    const id = await resolveId(ref, (ext) => this.store.findCourseId(ext));
    const course = id === null ? null : await this.store.getCourse(id);
    if (!course) throw courseNotFound(ref);
    return course;
  }
}
