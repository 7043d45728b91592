/**
 * Errors that mean "a dependency is down or too slow right now", not "this request is wrong" or
 * "our code is broken": the database refusing or dropping connections, timing out a statement,
 * or shutting down. They answer 503 with Retry-After, so callers and load balancers retry
 * instead of treating the service as broken; anything else stays a 500.
 */

/** Node socket errors and postgres.js connection errors. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

/**
 * SQLSTATEs: class 08 (connection exception), 57P01–57P03 (the server is shutting down or
 * starting), 57014 (statement timeout or cancelled), 53300 (too many connections), 40001/40P01
 * (serialisation failure, deadlock: retrying helps).
 */
const TRANSIENT_SQLSTATE = /^(08...|57P0[123]|57014|53300|40001|40P01)$/;

export function isDependencyUnavailable(error: unknown): boolean {
  // drizzle wraps driver errors; look through causes a few levels down.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || TRANSIENT_SQLSTATE.test(code))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
