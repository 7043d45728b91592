/** Rows per INSERT: well under PostgreSQL's 65,535 bind-parameter limit for our widest table. */
export const CHUNK = 500;
/** Ids per `IN (...)` list. */
export const ID_CHUNK = 5000;

export function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
