import { DomainError } from '../errors.js';

export const invalidInput = (detail: string) => new DomainError('invalid_input', 'invalid_optimiser_input', detail);

/** The request ran past its deadline: answered as unavailable (503, retry), never with another path. */
export function deadlineExceeded(): DomainError {
  return new DomainError('unavailable', 'solve_deadline', 'Planning this path took longer than the server allows right now; retry shortly.');
}
