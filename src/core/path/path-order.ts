/**
 * Orders the courses the optimiser chose: every chosen prerequisite comes first; among courses
 * free to go next, easier, shorter and then lower ids lead, so the order is stable.
 */
export interface OrderableCourse {
  id: number;
  level: 0 | 1 | 2;
  hours: number;
  cost: number;
  prerequisites: number[];
}

export interface PathOrder {
  order: number[];
  /** For each course, the chosen prerequisites it was placed after (empty when none constrained it). */
  placedAfter: Map<number, number[]>;
}

const before = (a: OrderableCourse, b: OrderableCourse) => a.level - b.level || a.hours - b.hours || a.id - b.id;

export function orderPath(chosen: OrderableCourse[]): PathOrder {
  const byId = new Map<number, OrderableCourse>();
  for (const c of chosen) if (!byId.has(c.id)) byId.set(c.id, c);
  const courses = [...byId.values()].sort(before);

  // Only prerequisites inside the chosen set constrain the order; the rest are held or out of scope.
  const waitingOn = new Map<number, Set<number>>();
  const dependants = new Map<number, number[]>();
  for (const c of courses) {
    const pending = new Set(c.prerequisites.filter((p) => p !== c.id && byId.has(p)));
    waitingOn.set(c.id, pending);
    for (const p of pending) dependants.set(p, [...(dependants.get(p) ?? []), c.id]);
  }

  const order: number[] = [];
  const placedAfter = new Map<number, number[]>();
  const placed = new Set<number>();
  while (order.length < courses.length) {
    const remaining = courses.filter((c) => !placed.has(c.id));
    // `courses` is sorted, so the first ready course is the preferred one. When none is ready the
    // rest form or hang off a cycle: take the course with fewest unmet prerequisites, which breaks
    // the cycle deterministically; its unmet edges are dropped rather than reported.
    const next =
      remaining.find((c) => waitingOn.get(c.id)!.size === 0) ??
      remaining.reduce((best, c) => (waitingOn.get(c.id)!.size < waitingOn.get(best.id)!.size ? c : best));
    const satisfied = next.prerequisites.filter((p, k, all) => placed.has(p) && all.indexOf(p) === k);
    placedAfter.set(next.id, satisfied.sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    order.push(next.id);
    placed.add(next.id);
    waitingOn.get(next.id)!.clear();
    for (const d of dependants.get(next.id) ?? []) waitingOn.get(d)!.delete(next.id);
  }
  return { order, placedAfter };
}
