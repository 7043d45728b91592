/**
 * The CI gate of `npm run eval -- --check <baseline.json>`: every metric that got worse by more
 * than MAX_DROP points against the baseline. Metrics are shares and ratios, compared in
 * percentage points; most are better higher, the names in `lowerIsBetter` better lower.
 */

/** A change for the worse of more than this many points on any metric fails the check. */
export const MAX_DROP = 3;

/** Counts and timings that describe a run rather than judge it. */
const NOT_METRICS = new Set(['n', 'seconds', 'msMedian', 'meanSteps', 'referenceNotOptimal', 'pairsWithPrerequisites', 'answers', 'claimsSeen', 'stepsPerPath', 'maxSteps', 'goodSkillsN']);

export function regressions(baseline: unknown, now: unknown, lowerIsBetter: ReadonlySet<string>, where = ''): string[] {
  if (typeof baseline === 'number') {
    if (typeof now !== 'number') return [`${where}: ${(baseline * 100).toFixed(1)} → missing`];
    const key = where.split('.').pop()!;
    const worse = (lowerIsBetter.has(key) ? now - baseline : baseline - now) * 100;
    return worse > MAX_DROP ? [`${where}: ${(baseline * 100).toFixed(1)} → ${(now * 100).toFixed(1)}`] : [];
  }
  if (!baseline || typeof baseline !== 'object') return [];
  const current = now && typeof now === 'object' ? (now as Record<string, unknown>) : {};
  return Object.entries(baseline as Record<string, unknown>).flatMap(([key, value]) =>
    NOT_METRICS.has(key) ? [] : regressions(value, current[key], lowerIsBetter, where ? `${where}.${key}` : key),
  );
}
