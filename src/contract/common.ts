import { Type, type TSchema } from 'typebox';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI identifying the problem type' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ description: 'Stable snake_case code for programs to branch on', examples: ['role_not_found'] }),
    instance: Type.String({ description: 'The request path' }),
    requestId: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({ field: Type.String(), message: Type.String() }),
        { description: 'For validation problems: each bad field and what is wrong with it' },
      ),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details', additionalProperties: true },
);

export const ProblemRef = Type.Ref('Problem');

/** Problem responses every route can produce, as content type application/problem+json. */
export function problemResponses(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: 'The request is malformed or breaks the schema; `errors` names each bad field',
    401: 'Missing or wrong bearer token',
    403: 'Switched off in this deployment',
    404: 'Nothing with that id',
    413: 'The body is larger than the configured limit',
    422: 'The request is well-formed but cannot be resolved',
    500: 'Unexpected failure (no internals are exposed; quote the request id)',
    501: 'Not implemented yet',
    503: 'A dependency (database, model) is unavailable',
  };
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: descriptions[status] ?? 'Problem', content: { 'application/problem+json': { schema: ProblemRef } } },
    ]),
  );
}

export const IdParams = Type.Object(
  {
    id: Type.String({
      minLength: 1,
      maxLength: 512,
      description: 'Our integer id, or the external id: ESCO URI, O*NET-SOC code, starter key or catalog id',
    }),
  },
  { additionalProperties: false },
);

export const Paging = {
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size' }),
  offset: Type.Integer({ minimum: 0, maximum: 10_000, default: 0, description: 'Items to skip' }),
};

export const SearchText = Type.String({ minLength: 1, maxLength: 200, description: 'Free-text query; the last word matches as a prefix' });

export const Level = Type.Enum(['beginner', 'intermediate', 'advanced']);

export const SkillRef = Type.Object(
  { id: Type.Integer(), label: Type.String(), source: Type.String(), uri: Type.String() },
  { $id: 'SkillRef' },
);

export const CourseRef = Type.Object(
  { id: Type.Integer(), title: Type.String(), provider: Type.String() },
  { $id: 'CourseRef' },
);
