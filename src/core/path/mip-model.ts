import type { Highs, ModelData } from 'highs';
import type { Limits, Prepared, PreparedCourse } from './prepared-model.js';

/**
 * The MIP as HiGHS' model data — columns x (take course i; binary) then u (skill s left
 * uncovered; continuous in [0, 1], only when a limit may force a partial cover), rows in CSR
 * form. Built directly, not written and parsed as LP text, which cost a quarter of an answer.
 */
export function buildModel(p: Prepared, limits: Limits, highs: Highs): ModelData {
  const soft = Object.values(limits).some(Number.isFinite);
  const slacks = soft ? p.quanta : [];
  // A coverage quantum must outweigh any spending: the optimum's spending is at most every
  // modelled course taken at once, or the dearest maxSteps of them.
  const objectives = p.model.map((i) => p.courses[i]!.objective).sort((a, b) => b - a);
  const affordable = Number.isFinite(limits.maxSteps) ? objectives.slice(0, limits.maxSteps) : objectives;
  const bigM = affordable.reduce((a, b) => a + b, 0) + 1;

  const column = new Map(p.model.map((i, k) => [i, k]));
  const slackColumn = (s: number) => p.model.length + s;
  const numCols = p.model.length + slacks.length;
  const colNames = [...p.model.map((i) => `x${i}`), ...slacks.map((_, s) => `u${s}`)];
  const colCost = [...p.model.map((i) => p.courses[i]!.objective), ...slacks.map((q) => bigM * q)];
  const integrality = [...p.model.map(() => highs.constants.variableType.integer), ...slacks.map(() => highs.constants.variableType.continuous)];

  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const row = (terms: [number, number][], lower: number, upper: number) => {
    for (const [coef, col] of terms) {
      indices.push(col);
      values.push(coef);
    }
    starts.push(indices.length);
    rowLower.push(lower);
    rowUpper.push(upper);
  };
  const teachers = p.skillIds.map((): number[] => []);
  for (const i of p.model) for (const s of p.courses[i]!.skills) teachers[s]!.push(i);
  for (const [s, list] of teachers.entries()) {
    row([...list.map((i): [number, number] => [1, column.get(i)!]), ...(soft ? [[1, slackColumn(s)] as [number, number]] : [])], 1, highs.infinity);
  }
  for (const i of p.model) {
    for (const q of p.courses[i]!.prereqs) row([[1, column.get(i)!], [-1, column.get(q)!]], -highs.infinity, 0);
  }
  const budget = (limit: number, value: (c: PreparedCourse) => number) => {
    const terms = p.model.map((i): [number, number] => [value(p.courses[i]!), column.get(i)!]).filter(([v]) => v > 0);
    // A limit the whole candidate set fits under is no constraint; leaving it out keeps the model small.
    if (!Number.isFinite(limit) || terms.reduce((sum, [v]) => sum + v, 0) <= limit) return;
    row(terms, -highs.infinity, limit);
  };
  budget(limits.maxHours, (c) => c.hours);
  budget(limits.maxCost, (c) => c.cost);
  budget(limits.maxSteps, () => 1);

  return {
    numCols,
    numRows: rowLower.length,
    colCost,
    colLower: new Array<number>(numCols).fill(0),
    colUpper: new Array<number>(numCols).fill(1),
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows: rowLower.length, numCols, starts, indices, values },
    integrality,
    colNames,
  };
}
