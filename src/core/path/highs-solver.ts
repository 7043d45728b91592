import highsExports, { type Highs } from 'highs';
import { buildModel } from './mip-model.js';
import { solveDeadline } from '../errors.js';
import { TIE, type Prepared, type Limits } from './prepared-model.js';
import { coverCounts, prune, type Selection } from './selection.js';

/** HiGHS' own "no limit" for integer options. */
const UNLIMITED = 2_147_483_647;

/**
 * Node and vitest load the package's ESM build, whose default export is the loader; its typings
 * describe the CommonJS build, where the loader sits on `exports.default`. Accept either.
 */
type HighsLoader = typeof highsExports.default;
const highsLoader: HighsLoader =
  typeof (highsExports as unknown) === 'function' ? (highsExports as unknown as HighsLoader) : highsExports.default;

let highsPromise: Promise<Highs> | null = null;

/** The WASM module compiles once per process; a failed load is forgotten so a later call retries. */
function loadHighs(): Promise<Highs> {
  const loading =
    highsPromise ??
    highsLoader().catch((error: unknown) => {
      highsPromise = null;
      throw error;
    });
  highsPromise = loading;
  return loading;
}

/**
 * One exact solve, started from the heuristic answer. Null when HiGHS has no usable solution (the
 * caller falls back to the heuristic); past the deadline it throws rather than answer differently.
 */
export async function highsSelect(p: Prepared, limits: Limits, work: { nodes: number; deadline: number }, seed: number[]): Promise<Selection | null> {
  const highs = await loadHighs();
  const model = highs.createModel(buildModel(p, limits, highs));
  try {
    model.options.set({
      output_flag: false,
      // The work limit decides where an unfinished search stops; the time limit is only the
      // request's deadline, and reaching it fails the request rather than changing the path.
      mip_max_nodes: Number.isFinite(work.nodes) ? Math.max(1, Math.min(UNLIMITED, Math.floor(work.nodes))) : UNLIMITED,
      time_limit: Math.max(work.deadline - performance.now(), 1) / 1000,
      // The default 1e-4 relative gap would stop once coverage is proved and ignore spending; half
      // the smallest tie-break step still separates exact ties.
      mip_rel_gap: 0,
      mip_abs_gap: TIE / p.courses.length / 2,
      random_seed: 0,
      // Feasibility jump costs ~40 ms even on 20-column models; the greedy start already gives
      // HiGHS an incumbent.
      mip_heuristic_run_feasibility_jump: false,
    });
    const columns = new Map<string, number>();
    const { numCols } = model.getDimensions();
    for (let k = 0; k < numCols; k++) columns.set(model.getColName(k), k);
    // Seeding with the heuristic answer means a solve stopped by the work limit is never worse than it.
    const start = new Array<number>(numCols).fill(0);
    const seedSet = new Set(seed);
    const counts = coverCounts(p, seed);
    for (const [name, k] of columns) {
      const n = Number(name.slice(1));
      start[k] = name[0] === 'x' ? (seedSet.has(n) ? 1 : 0) : counts[n]! > 0 ? 0 : 1;
    }
    model.setSolution({ colValue: start });

    const { modelStatus } = model.run();
    const codes = highs.constants.modelStatus;
    const hasPrimal = model.info.get('primal_solution_status') === highs.constants.solutionStatus.feasible;
    if (!hasPrimal) return null;
    let status: Selection['status'];
    let gap: number | null;
    if (modelStatus === codes.optimal) {
      status = 'optimal';
      gap = 0;
    } else if (modelStatus === codes.timeLimit || modelStatus === codes.interrupted) {
      throw solveDeadline();
    } else if (modelStatus === codes.solutionLimit || modelStatus === codes.iterationLimit) {
      status = 'feasible';
      const reported = Number(model.info.get('mip_gap'));
      gap = Number.isFinite(reported) ? reported : null;
    } else return null;

    const values = model.getSolution().colValue;
    const chosen = p.model.filter((i) => (values[columns.get(`x${i}`)!] ?? 0) > 0.5);
    return { chosen: status === 'optimal' ? chosen.sort((a, b) => a - b) : prune(p, chosen), status, gap, solver: 'highs' };
  } finally {
    model.dispose();
  }
}
