/**
 * Rejects input no route can store or safely process, before any handler sees it: NUL
 * characters and lone UTF-16 surrogates in any string or key (PostgreSQL refuses both, and one
 * such value used to fail a whole batch of log rows), numbers that are not finite (JSON.parse
 * reads 1e400 as Infinity, and Ajv's integer check lets Infinity through), and JSON nested
 * deeper than any real request. Each answer is a 400 problem naming the field.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidCharacters, nonFiniteNumber, tooDeeplyNested, type DomainError } from '../core/errors.js';
import { problemOf, sendProblem } from './problem.js';

/** Deeper than any request schema here (badges, the deepest, nest about 6 levels). */
export const MAX_JSON_DEPTH = 32;

const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function stringProblem(text: string): string | null {
  if (text.includes(NUL)) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (not valid Unicode)';
  return null;
}

const childPath = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

/**
 * The first unsafe value in `value` as the error that names it, walked iteratively (so depth
 * itself cannot overflow the stack).
 */
export function findUnsafeValue(value: unknown, root: string): DomainError | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const message = stringProblem(v);
      if (message) return invalidCharacters(path, message);
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return nonFiniteNumber(path, 'must be a finite number');
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_JSON_DEPTH) return tooDeeplyNested(path, `nests deeper than ${MAX_JSON_DEPTH} levels`);
      const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((e, i) => [i, e]) : Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        if (typeof key === 'string') {
          const message = stringProblem(key);
          if (message) return invalidCharacters(path, `has a property name that ${message}`);
        }
        stack.push({ value: child, path: childPath(path, key), depth: depth + 1 });
      }
    }
  }
  return null;
}

const PARTS = [
  ['params', 'params'],
  ['query', 'querystring'],
  ['body', 'body'],
] as const;

function firstUnsafe(request: FastifyRequest): DomainError | null {
  for (const [part, name] of PARTS) {
    const found = findUnsafeValue(request[part], name);
    if (found) return found;
  }
  return null;
}

export function registerInputGuard(app: FastifyInstance): void {
  // After validation, so coerced query numbers ("Infinity") are numbers by then; before every handler.
  app.addHook('preHandler', async (request, reply) => {
    const found = firstUnsafe(request);
    if (!found) return;
    return sendProblem(reply, problemOf(request, found));
  });
}
