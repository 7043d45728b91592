// drizzle-kit only generates SQL from the schema here; migrations are applied by
// `skillpath migrate` (or on start for the embedded database), never with `drizzle-kit push`.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/adapters/db/schema.ts',
  out: './drizzle',
  casing: 'snake_case',
});
