/** API keys in the database (see core/api-keys.ts for what is stored and why). */
import { desc, eq, isNull, and } from 'drizzle-orm';
import type { ApiKeyStore, Scope, StoredApiKey } from '../../core/api-keys.js';
import type { Database } from './client.js';
import { apiKeys } from './schema.js';

const toKey = (row: typeof apiKeys.$inferSelect): StoredApiKey => ({
  id: row.id,
  name: row.name,
  scopes: row.scopes as Scope[],
  salt: row.salt,
  hash: row.hash,
  createdAt: row.createdAt.toISOString(),
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

export class DrizzleApiKeyStore implements ApiKeyStore {
  constructor(private readonly db: Database) {}

  async insert(key: StoredApiKey): Promise<void> {
    await this.db.insert(apiKeys).values({ ...key, createdAt: new Date(key.createdAt), revokedAt: null });
  }

  async find(id: string): Promise<StoredApiKey | null> {
    const [row] = await this.db.select().from(apiKeys).where(eq(apiKeys.id, id));
    return row ? toKey(row) : null;
  }

  async list(): Promise<StoredApiKey[]> {
    return (await this.db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), apiKeys.id)).map(toKey);
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    const rows = await this.db.update(apiKeys).set({ revokedAt: at }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id });
    if (rows.length > 0) return true;
    // Already revoked counts as done; unknown does not.
    return (await this.find(id)) !== null;
  }
}
