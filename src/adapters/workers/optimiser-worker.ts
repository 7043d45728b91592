/**
 * Worker-thread task: one path optimisation (see optimiser-pool.ts). Errors cross the thread
 * boundary as plain data, because structured cloning keeps an Error's message but not its class.
 */
import { DomainError } from '../../core/errors.js';
import { optimisePath } from '../../core/path/index.js';
import type { OptimiseOutcome, OptimiseTask } from './optimiser-messages.js';

export default async function optimiseTask(task: OptimiseTask): Promise<OptimiseOutcome> {
  const { skillNames, deadlineAt, ...input } = task;
  try {
    const result = await optimisePath({
      ...input,
      skillName: (id) => skillNames[id] ?? String(id),
      // Time spent queued for this worker counts against the request's deadline.
      ...(deadlineAt === undefined ? {} : { deadlineMs: deadlineAt - Date.now() }),
    });
    return { ok: true, result };
  } catch (error) {
    const domain = error instanceof DomainError ? { kind: error.kind, code: error.code, message: error.message, details: error.details } : null;
    return { ok: false, domain, message: error instanceof Error ? error.message : String(error) };
  }
}
