/**
 * Domain errors carry a stable snake_case `code` that clients can branch on. The HTTP layer
 * maps each kind to a status; core code never builds replies.
 */
export type DomainErrorKind =
  | 'not_found'
  | 'invalid_input'
  | 'unprocessable'
  | 'not_implemented'
  | 'unavailable'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    /** Extra machine-readable fields safe to show a client (e.g. candidate matches). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (entity: 'skill' | 'role' | 'course' | 'gap_report' | 'learner' | 'job', id: string | number) =>
  new DomainError('not_found', `${entity}_not_found`, `No ${entity.replace('_', ' ')} with id '${String(id)}'.`, {
    id: String(id),
  });

export const notImplemented = (feature: string, detail: string) =>
  new DomainError('not_implemented', 'not_implemented', detail, { feature });

export const unavailable = (code: string, detail: string) => new DomainError('unavailable', code, detail);
