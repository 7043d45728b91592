/**
 * Property-based fuzzing driven by the OpenAPI document: for every operation, requests built
 * from its schemas (mostly valid, then mutated: wrong types, hostile strings, huge and
 * non-finite numbers, deep nesting, junk path segments and query values). However wrong the
 * request, the answer is never a 5xx. FUZZ_RUNS sets the requests per operation.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

interface Schema {
  $ref?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}
interface Parameter {
  in: string;
  name: string;
  schema?: Schema;
}
interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface Operation {
  method: string;
  path: string;
  params: Parameter[];
  query: Parameter[];
  body: Schema | null;
}

const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 400);

let t: TestApp;
const operations: Operation[] = [];
let components: Record<string, Schema> = {};
let allScopes = '';

beforeAll(async () => {
  t = await startTestApp();
  // A key with every scope, so fuzzing reaches every handler rather than stopping at 401.
  allScopes = (await t.container.services.apiKeys.create('fuzz', ['read', 'recommend', 'reports', 'admin'])).key;
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    components?: { schemas?: Record<string, Schema> };
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  components = doc.components?.schemas ?? {};
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const parameters = op.parameters ?? [];
      operations.push({
        method: method.toUpperCase(),
        path,
        params: parameters.filter((p) => p.in === 'path'),
        query: parameters.filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
});
afterAll(async () => {
  await t.close();
});

const resolve = (schema: Schema): Schema => {
  let s = schema;
  for (let i = 0; i < 10 && s?.$ref; i++) s = components[String(s.$ref).split('/').pop()!] ?? {};
  return s ?? {};
};

/** Strings an attacker tries: control and format characters, surrogates, huge, SQL and path junk. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '💥', '../../etc/passwd', "'; drop table skills; --", '%00', '%', '\\', '{}', 'NaN', 'Infinity', '-0', '1e400', ' '.repeat(300)),
  fc.string({ minLength: 5000, maxLength: 12000 }),
);
const hostileNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -1, 0, 1e-320));

const deep = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** An arbitrary for the schema (the subset our TypeBox schemas use), sometimes off-schema. */
function arb(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const wild = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileString, hostileNumber, fc.constant(null), fc.constant(deep(60)));
  if (depth > 6) return wild;
  let shaped: fc.Arbitrary<unknown>;
  if (s.const !== undefined) shaped = fc.constant(s.const);
  else if (Array.isArray(s.enum)) shaped = fc.constantFrom(...s.enum);
  else if (s.anyOf || s.oneOf) shaped = fc.oneof(...(s.anyOf ?? s.oneOf ?? []).map((x: Schema) => arb(x, depth + 1)));
  else if (s.type === 'object' || s.properties) {
    const props: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) props[k] = arb(v, depth + 1);
    shaped = fc.record(props, { requiredKeys: (s.required ?? []).filter((k: string) => k in props) });
  } else if (s.type === 'array') shaped = fc.array(arb(s.items ?? {}, depth + 1), { maxLength: Math.min(s.maxItems ?? 5, 5) });
  else if (s.type === 'integer') shaped = fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 });
  else if (s.type === 'number') shaped = fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true });
  else if (s.type === 'boolean') shaped = fc.boolean();
  else if (s.type === 'string') shaped = fc.oneof(fc.string({ maxLength: Math.min(s.maxLength ?? 40, 40) }), fc.constantFrom('SQL', 'Python', 'data analyst', 'x'));
  else shaped = wild;
  // Mostly shaped like the schema, sometimes anything at all.
  return fc.oneof({ arbitrary: shaped, weight: 5 }, { arbitrary: wild, weight: 1 });
}

const queryValue = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');

/** Percent-encodes, writing a lone surrogate as the bytes a sloppy client would send (CESU-8). */
const encodeSegment = (text: string) =>
  text.replace(/[\s\S]/gu, (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return [...Buffer.from([0xed, 0xa0 | ((ch.charCodeAt(0) >> 6) & 0x0f), 0x80 | (ch.charCodeAt(0) & 0x3f)])].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
  });
/** Raw, already-"encoded" junk that no encoder would produce. */
const rawSegment = fc.constantFrom('%', '%zz', '%ED%A0%80', '%00', '%C0%AF', '..', '%2e%2e%2f', '%FF%FE');

function requestFor(op: Operation): fc.Arbitrary<{ url: string; payload?: string }> {
  const params = fc.tuple(
    ...op.params.map((p) =>
      fc.oneof(
        arb(p.schema ?? {}).map((v) => encodeSegment(queryValue(v))),
        hostileString.map(encodeSegment),
        rawSegment,
      ),
    ),
  );
  const query = fc.tuple(...op.query.map((p) => fc.option(fc.oneof(arb(p.schema ?? {}), hostileString), { nil: undefined })));
  const body = op.body ? fc.oneof({ arbitrary: arb(op.body), weight: 6 }, { arbitrary: fc.anything(), weight: 1 }, { arbitrary: fc.constant('{"a":'), weight: 1 }) : fc.constant(undefined);
  return fc.tuple(params, query, body).map(([ps, qs, b]) => {
    let url = op.path;
    op.params.forEach((p, i) => (url = url.replace(`{${p.name}}`, String(ps[i]))));
    const qsText = op.query
      .map((p, i) => (qs[i] === undefined ? null : `${p.name}=${encodeSegment(queryValue(qs[i]))}`))
      .filter((x) => x !== null)
      .join('&');
    return { url: qsText ? `${url}?${qsText}` : url, ...(b === undefined ? {} : { payload: typeof b === 'string' ? b : (JSON.stringify(b) ?? 'null') }) };
  });
}

describe('fuzzing every operation in the OpenAPI document', () => {
  it('never answers 5xx', async () => {
    expect(operations.length).toBeGreaterThan(10);
    let sent = 0;
    const failures: string[] = [];
    const byStatus = new Map<number, number>();
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(op), async (req) => {
          const res = await t.app.inject({
            method: op.method as 'GET',
            url: req.url,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${allScopes}` },
            ...(req.payload === undefined ? {} : { payload: req.payload }),
          });
          sent++;
          byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode >= 500 && res.statusCode !== 503) failures.push(`${op.method} ${req.url} ${req.payload?.slice(0, 200) ?? ''} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          return res.statusCode < 500 || res.statusCode === 503;
        }),
        { numRuns: RUNS_PER_OPERATION, seed: 20261206, endOnFailure: true },
      ).catch((error: unknown) => failures.push(`${op.method} ${op.path}: ${String(error).slice(0, 600)}`));
    }
    process.stderr.write(`fuzzed ${sent} requests over ${operations.length} operations: ${[...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${n}×${s}`).join(', ')}\n`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(Math.min(5000, operations.length * RUNS_PER_OPERATION));
  }, 600_000);
});
