/** The path optimiser's public face: what closes a skill gap best, and in which order to take it. */
export { DEFAULT_WORK_LIMIT, coursePrices, greedyPath, optimisePath, pathSpending } from './path-optimiser.js';
export { orderPath, type OrderableCourse, type PathOrder } from './path-order.js';
export type { CandidateCourse, LimitName, OptimiseInput, OptimiseResult } from './types.js';
