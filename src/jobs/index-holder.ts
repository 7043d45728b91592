/**
 * The running server's current vector index. Callers take `current()` once per request and
 * search that reference; `swap` only replaces the holder's pointer, so a search in flight
 * finishes on the index it started with and the old one is freed when nothing references it.
 */
import { DomainError } from '../core/errors.js';
import { REFRESH_COMMAND, VECTOR_COLLECTIONS, type ComponentHealth, type ExpectedIndex, type IndexStore, type VectorIndex } from '../core/ports.js';

/** How often a serving node reports its version (pruning keeps versions reported in the last 10 minutes). */
const REPORT_EVERY_MS = 60_000;

export interface NewestIndex {
  /** Null when no complete version loads. */
  index: VectorIndex | null;
  /** Newer versions that failed to load, newest first, for the caller to log. */
  skipped: { version: string; error: Error }[];
}

export type SwapListener = (next: VectorIndex, previous: VectorIndex | null) => void;
export type LoadErrorListener = (version: string, error: Error) => void;

export class IndexHolder {
  private index: VectorIndex | null;
  /** Why nothing is served although versions exist (e.g. built with another model). */
  private problem: string | null = null;
  /** Versions that failed to load; a broken version stays broken, so it is not retried. */
  private readonly failed = new Set<string>();

  private lastReport = 0;

  constructor(
    private readonly store: IndexStore,
    /** This process, as it reports the version it serves (so pruning keeps it). */
    private readonly node = 'unnamed',
    initial: VectorIndex | null = null,
  ) {
    this.index = initial;
  }

  current(): VectorIndex | null {
    return this.index;
  }

  /** Returns the index it replaced. */
  swap(next: VectorIndex): VectorIndex | null {
    const previous = this.index;
    this.index = next;
    this.problem = null;
    return previous;
  }

  /** Records why no index can be served; ignored for health while an index is being served. */
  markUnavailable(detail: string): void {
    this.problem = detail;
  }

  health(): ComponentHealth {
    if (this.index) return { status: 'ready', detail: describe(this.index) };
    if (this.problem) return { status: 'unavailable', detail: this.problem };
    return { status: 'not_built', detail: `no vector index yet: search is lexical; run \`${REFRESH_COMMAND}\`` };
  }

  /**
   * Start-up load: serves the newest version that loads. Versions that failed are remembered so
   * the watcher does not retry them, and returned for the caller to log.
   */
  async loadNewest(expected: ExpectedIndex): Promise<NewestIndex> {
    await this.store.clean();
    const result: NewestIndex = { index: null, skipped: [] };
    for (const version of await this.store.versionNames()) {
      try {
        result.index = await this.store.load(version, expected);
        break;
      } catch (error) {
        result.skipped.push({ version, error: error instanceof Error ? error : new Error(String(error)) });
      }
    }
    for (const { version, error } of result.skipped) if (isBroken(error)) this.failed.add(version);
    if (result.index) this.swap(result.index);
    else if (result.skipped[0]) this.markUnavailable(result.skipped[0].error.message);
    return result;
  }

  /**
   * Polls the store for a version newer than the one served and swaps it in. Each tick lists
   * version names and compares them unless something newer appeared. Returns a stop function.
   */
  startWatching(
    expected: ExpectedIndex,
    intervalMs: number,
    onSwap?: SwapListener,
    onError?: LoadErrorListener,
  ): () => void {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;

    const tick = async () => {
      await this.report();
      const served = this.index?.version ?? '';
      // Version names sort by creation time, so "newer" is a string comparison.
      for (const version of await this.store.versionNames()) {
        if (version <= served) break;
        if (this.failed.has(version)) continue;
        try {
          const next = await this.store.load(version, expected);
          if (stopped) return;
          const previous = this.swap(next);
          onSwap?.(next, previous);
          return;
        } catch (error) {
          const err = error instanceof Error ? error : new Error(String(error));
          if (isBroken(err)) this.failed.add(version);
          if (!this.index) this.markUnavailable(err.message);
          onError?.(version, err);
        }
      }
    };

    const schedule = () => {
      if (stopped) return;
      // A chain of timeouts rather than setInterval: a slow load never overlaps the next tick.
      timer = setTimeout(() => {
        tick()
          .catch((error: unknown) => onError?.('', error instanceof Error ? error : new Error(String(error))))
          .finally(schedule);
      }, intervalMs);
      // Watching must not keep a CLI process or a test runner alive.
      timer.unref();
    };

    schedule();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }

  /** Tells the store which version this node serves, at most once a minute. */
  private async report(): Promise<void> {
    if (!this.index || Date.now() - this.lastReport < REPORT_EVERY_MS) return;
    this.lastReport = Date.now();
    await this.store.reportServing(this.node, this.index.version);
  }
}

/**
 * A version refused for what it is (damaged, another model, gone) stays refused; any other
 * failure (the database or the disk briefly unavailable) is retried on the next tick.
 */
function isBroken(error: Error): boolean {
  return error instanceof DomainError && ['index_corrupt', 'index_mismatch', 'index_not_found'].includes(error.code);
}

function describe(index: VectorIndex): string {
  const counts = VECTOR_COLLECTIONS.map((name) => `${index.count(name)} ${name}`).join(', ');
  return `version ${index.version} (${index.model}): ${counts}`;
}
