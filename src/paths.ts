import { fileURLToPath } from 'node:url';

/** The package root: `src/` when run from source, `dist/` when built — both sit one level down. */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));
export const migrationsDir = fileURLToPath(new URL('../drizzle', import.meta.url));
export const starterCatalogDir = fileURLToPath(new URL('../data/starter', import.meta.url));
