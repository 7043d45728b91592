/**
 * API keys: `sk_<id>_<secret>`, shown once at creation and stored only as a scrypt hash of the
 * secret (node:crypto, run on libuv's thread pool), with the scopes the key grants. Verifying
 * a key costs a scrypt, so verified keys are remembered for a short while — which is also how
 * long a revoked key may keep working on a node that just saw it.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { apiKeyNotFound, invalidScopes } from './errors.js';

export const SCOPES = ['read', 'recommend', 'reports', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export interface StoredApiKey {
  id: string;
  name: string;
  scopes: Scope[];
  salt: string;
  hash: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface ApiKeyStore {
  insert(key: StoredApiKey): Promise<void>;
  find(id: string): Promise<StoredApiKey | null>;
  list(): Promise<StoredApiKey[]>;
  /** False when no such key. */
  revoke(id: string, at: Date): Promise<boolean>;
}

export type ApiKeySummary = Omit<StoredApiKey, 'salt' | 'hash'>;

export interface VerifiedKey {
  id: string;
  scopes: ReadonlySet<Scope>;
}

/** N = 2^14 (scrypt's interactive-login setting): ~30 ms per verification, hence the cache. */
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const HASH_BYTES = 32;
/** How long a verified (or rejected) key is remembered, and so how late a revocation may bite. */
export const KEY_CACHE_MS = 30_000;
const KEY_CACHE_MAX = 10_000;
const KEY_PATTERN = /^sk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

const scrypt = (secret: BinaryLike, salt: BinaryLike, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCallback(secret, salt, HASH_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));

const summary = ({ salt: _salt, hash: _hash, ...rest }: StoredApiKey): ApiKeySummary => rest;

export function parseScopes(text: string): Scope[] {
  const scopes = [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || unknown.length > 0) {
    throw invalidScopes(SCOPES, unknown);
  }
  return scopes as Scope[];
}

export class ApiKeyService {
  private readonly cache = new Map<string, { key: VerifiedKey | null; until: number }>();

  constructor(private readonly store: ApiKeyStore) {}

  /** A new key; the returned `key` is the only time the secret is ever shown. */
  async create(name: string, scopes: Scope[]): Promise<ApiKeySummary & { key: string }> {
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const salt = randomBytes(16).toString('hex');
    const hash = (await scrypt(secret, salt, SCRYPT)).toString('hex');
    const stored: StoredApiKey = { id, name, scopes, salt, hash, createdAt: new Date().toISOString(), revokedAt: null };
    await this.store.insert(stored);
    return { ...summary(stored), key: `sk_${id}_${secret}` };
  }

  async list(): Promise<ApiKeySummary[]> {
    return (await this.store.list()).map(summary);
  }

  async revoke(id: string): Promise<void> {
    if (!(await this.store.revoke(id, new Date()))) throw apiKeyNotFound(id);
    for (const [presented, entry] of this.cache) if (entry.key?.id === id) this.cache.delete(presented);
  }

  /** The key's id and scopes, or null when it is malformed, unknown, revoked or wrong. */
  async verify(presented: string): Promise<VerifiedKey | null> {
    const now = Date.now();
    const cached = this.cache.get(presented);
    if (cached && cached.until > now) return cached.key;
    const key = await this.check(presented);
    if (this.cache.size >= KEY_CACHE_MAX) this.cache.clear();
    this.cache.set(presented, { key, until: now + KEY_CACHE_MS });
    return key;
  }

  private async check(presented: string): Promise<VerifiedKey | null> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return null;
    const stored = await this.store.find(match[1]!);
    if (!stored || stored.revokedAt) return null;
    const expected = Buffer.from(stored.hash, 'hex');
    const actual = await scrypt(match[2]!, stored.salt, SCRYPT);
    return expected.length === actual.length && timingSafeEqual(expected, actual) ? { id: stored.id, scopes: new Set(stored.scopes) } : null;
  }
}
