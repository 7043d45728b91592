/** Search and detail routes over skills, roles and courses. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CatalogService } from '../../core/catalog-service.js';
import type { Page } from '../../core/catalog-service.js';
import {
  CourseList,
  CourseSearchQuery,
  RoleList,
  RoleSearchQuery,
  SkillList,
  SkillSearchQuery,
} from '../../contract/catalog.js';
import { IdParams, problemResponses } from '../../contract/common.js';
import { ExtractRequest, ExtractResponse } from '../../contract/recommendation.js';

/** A page of hits as the API returns it: each item's fields with its score beside them. */
const listBody = <T extends object>(page: Page<T>, query: { limit: number; offset: number }) => ({
  items: page.items.map(({ item, score }) => ({ ...item, score })),
  total: page.total,
  limit: query.limit,
  offset: query.offset,
  mode: page.mode,
});

export const catalogRoutes: FastifyPluginAsyncTypebox<{ catalog: CatalogService }> = async (app, { catalog }) => {
  app.get(
    '/skills',
    {
      schema: {
        tags: ['skills'],
        operationId: 'searchSkills',
        summary: 'Search skills by label, alternative label and description',
        querystring: SkillSearchQuery,
        response: { 200: SkillList, ...problemResponses(400) },
      },
    },
    async (request) => listBody(await catalog.searchSkills(request.query), request.query),
  );

  app.get(
    '/skills/:id',
    {
      schema: {
        tags: ['skills'],
        operationId: 'getSkill',
        summary: 'A skill with its broader, narrower and related skills',
        params: IdParams,
        response: { 200: Type.Ref('SkillDetail'), ...problemResponses(404) },
      },
    },
    async (request) => catalog.getSkill(request.params.id),
  );

  app.get(
    '/roles',
    {
      schema: {
        tags: ['roles'],
        operationId: 'searchRoles',
        summary: 'Search roles (occupations) by title, alternative title and description',
        querystring: RoleSearchQuery,
        response: { 200: RoleList, ...problemResponses(400) },
      },
    },
    async (request) => listBody(await catalog.searchRoles(request.query), request.query),
  );

  app.get(
    '/roles/:id',
    {
      schema: {
        tags: ['roles'],
        operationId: 'getRole',
        summary: 'A role with its required skills (essential first, by importance)',
        params: IdParams,
        response: { 200: Type.Ref('RoleDetail'), ...problemResponses(404) },
      },
    },
    async (request) => catalog.getRole(request.params.id),
  );

  app.get(
    '/courses',
    {
      schema: {
        tags: ['courses'],
        operationId: 'searchCourses',
        summary: 'Search courses and micro-credentials',
        querystring: CourseSearchQuery,
        response: { 200: CourseList, ...problemResponses(400, 404) },
      },
    },
    async (request) => listBody(await catalog.searchCourses(request.query), request.query),
  );

  app.get(
    '/courses/:id',
    {
      schema: {
        tags: ['courses'],
        operationId: 'getCourse',
        summary: 'A course with the skills it teaches (and the evidence), prerequisites and stacking',
        params: IdParams,
        response: { 200: Type.Ref('CourseDetail'), ...problemResponses(404) },
      },
    },
    async (request) => catalog.getCourse(request.params.id),
  );

  app.post(
    '/skills/extract',
    {
      schema: {
        tags: ['skills'],
        operationId: 'extractSkills',
        summary: 'Free text to ranked skills, with the spans that triggered each',
        body: ExtractRequest,
        response: { 200: ExtractResponse, ...problemResponses(400, 413, 503) },
      },
    },
    async (request) => catalog.extractSkills(request.body.text, request.body),
  );
};
