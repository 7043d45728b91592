/**
 * Search and detail over the catalog. Ids in URLs may be our integer ids or the external
 * identity a client already knows (ESCO URI, O*NET-SOC code, starter key, catalog id).
 */
import type { CourseDetail, RoleDetail, SkillDetail } from './catalog.js';
import { notFound } from './errors.js';
import type { CatalogStore, CourseQuery, RoleQuery, SkillQuery } from './ports.js';

const INTERNAL_ID = /^[1-9]\d{0,9}$/;

async function resolveId(
  ref: string,
  findByExternal: (externalId: string) => Promise<number | null>,
): Promise<number | null> {
  const trimmed = ref.trim();
  if (INTERNAL_ID.test(trimmed)) {
    const id = Number(trimmed);
    if (id <= 2_147_483_647) return id;
  }
  return findByExternal(trimmed);
}

export class CatalogService {
  constructor(private readonly store: CatalogStore) {}

  searchSkills(query: SkillQuery) {
    return this.store.searchSkills(query);
  }

  searchRoles(query: RoleQuery) {
    return this.store.searchRoles(query);
  }

  async searchCourses(query: Omit<CourseQuery, 'skillId'> & { skill?: string }) {
    const { skill, ...rest } = query;
    if (skill === undefined) return this.store.searchCourses(rest);
    const skillId = await resolveId(skill, (ext) => this.store.findSkillId(ext));
    if (skillId === null) throw notFound('skill', skill);
    return this.store.searchCourses({ ...rest, skillId });
  }

  async getSkill(ref: string): Promise<SkillDetail> {
    const id = await resolveId(ref, (ext) => this.store.findSkillId(ext));
    const skill = id === null ? null : await this.store.getSkill(id);
    if (!skill) throw notFound('skill', ref);
    return skill;
  }

  async getRole(ref: string): Promise<RoleDetail> {
    const id = await resolveId(ref, (ext) => this.store.findRoleId(ext));
    const role = id === null ? null : await this.store.getRole(id);
    if (!role) throw notFound('role', ref);
    return role;
  }

  async getCourse(ref: string): Promise<CourseDetail> {
    const id = await resolveId(ref, (ext) => this.store.findCourseId(ext));
    const course = id === null ? null : await this.store.getCourse(id);
    if (!course) throw notFound('course', ref);
    return course;
  }
}
