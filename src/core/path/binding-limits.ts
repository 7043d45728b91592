/** Which limits keep skills uncovered, found by re-solving with each limit dropped. */
import { uniqueSorted, type Limits, type Prepared } from './prepared-model.js';
import { coverCounts, quantaCovered, totalsOf, type Selection } from './selection.js';
import type { LimitName, OptimiseResult } from './types.js';

/** A number as a person reads it: integers as they are, others to 15 significant digits, no trailing zeros. */
const plainNumber = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(15).replace(/\.?0+(e|$)/, '$1'));

const LIMIT_LABEL: Record<LimitName, (v: number) => string> = {
  maxHours: (v) => `maxHours (${plainNumber(v)} h)`,
  maxCost: (v) => `maxCost (${plainNumber(v)})`,
  maxSteps: (v) => `maxSteps (${v} courses)`,
};

type Binding = OptimiseResult['binding'];
type BindingSearch = Generator<Limits, Binding, Selection>;
type SkillName = ((id: number) => string) | undefined;
type Solver<R> = (limits: Limits) => R;

/**
 * A limit binds when dropping it alone lets the path cover more; limits that bind only together
 * (each alone still blocks) are reported jointly. A generator, so the synchronous solvers and the
 * asynchronous HiGHS path share it: it yields relaxed limits and receives their selections.
 */
function* findBinding(p: Prepared, limits: Limits, base: Selection, skillName: SkillName = String): BindingSearch {
  const present = (Object.keys(limits) as LimitName[]).filter((k) => Number.isFinite(limits[k]));
  const baseQuanta = quantaCovered(p, base.chosen);
  const baseCovered = new Set(base.chosen.flatMap((i) => p.courses[i]!.skills));
  const describe = (names: LimitName[], relaxed: Selection) => {
    const extra = uniqueSorted(relaxed.chosen.flatMap((i) => p.courses[i]!.skills).filter((s) => !baseCovered.has(s)));
    const ids = extra.map((s) => skillName(p.skillIds[s]!));
    const weight = extra.reduce((sum, s) => sum + p.skillWeights[s]!, 0);
    const t = totalsOf(p, relaxed.chosen);
    const what = names.map((n) => LIMIT_LABEL[n](limits[n])).join(' and ');
    return (
      `Dropping ${what} would also cover skill${ids.length === 1 ? '' : 's'} ${ids.join(', ')} ` +
      `(+${plainNumber(weight)} weight), for ${plainNumber(t.hours)} h, cost ${plainNumber(t.cost)} and ${t.steps} courses in total.`
    );
  };

  const binding: Binding = [];
  for (const name of present) {
    const relaxed = yield { ...limits, [name]: Infinity };
    if (quantaCovered(p, relaxed.chosen) > baseQuanta) binding.push({ constraint: name, detail: describe([name], relaxed) });
  }
  if (binding.length === 0 && present.length > 1) {
    const relaxed = yield { maxHours: Infinity, maxCost: Infinity, maxSteps: Infinity };
    if (quantaCovered(p, relaxed.chosen) > baseQuanta) {
      const detail = describe(present, relaxed);
      for (const name of present) binding.push({ constraint: name, detail });
    }
  }
  return binding;
}

const isConstrained = (p: Prepared, s: Selection) => coverCounts(p, s.chosen).some((n) => n === 0);

/**
 * The binding limits of a selection (none when it covers every skill it can), each relaxed limit
 * set solved by `solve`. Synchronous for a synchronous solver, so greedyPath stays synchronous; a
 * promise once `solve` returns one (HiGHS).
 */
export function explainBinding(p: Prepared, limits: Limits, base: Selection, skillName: SkillName, solve: Solver<Selection>): Binding;
export function explainBinding(p: Prepared, limits: Limits, base: Selection, skillName: SkillName, solve: Solver<Selection | Promise<Selection>>): Binding | Promise<Binding>;
export function explainBinding(p: Prepared, limits: Limits, base: Selection, skillName: SkillName, solve: Solver<Selection | Promise<Selection>>): Binding | Promise<Binding> {
  if (!isConstrained(p, base)) return [];
  const search = findBinding(p, limits, base, skillName);
  const drive = (step: IteratorResult<Limits, Binding>): Binding | Promise<Binding> => {
    while (!step.done) {
      const relaxed = solve(step.value);
      if (relaxed instanceof Promise) return relaxed.then((s) => drive(search.next(s)));
      step = search.next(relaxed);
    }
    return step.value;
  };
  return drive(search.next());
}
