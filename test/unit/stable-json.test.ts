/** Canonical JSON: key order does not matter, nesting depth cannot overflow, output never changes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableStringify } from '../../src/core/stable-json.js';

/** The recursive version stored content hashes were made with; the iterative one must match it. */
function recursive(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(recursive).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${recursive(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('stableStringify', () => {
  it('writes exactly what the recursive version wrote, for any JSON-like value', () => {
    fc.assert(
      // A bare undefined is no JSON value at all (the old version returned undefined, not a string).
      fc.property(fc.anything({ withDate: true, withNullPrototype: false, withBoxedValues: false, withMap: false, withSet: false, withTypedArray: false }).filter((v) => v !== undefined), (value) => {
        expect(stableStringify(value)).toBe(recursive(value));
      }),
      { numRuns: 2000, seed: 6 },
    );
    expect(stableStringify([1, undefined, () => 1])).toBe(recursive([1, undefined, () => 1]));
    expect(stableStringify({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it('handles nesting far deeper than the call stack allows', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? { a: deep } : [deep];
    expect(() => recursive(deep)).toThrow(RangeError);
    expect(stableStringify(deep)).toHaveLength(400_001);
  });
});
