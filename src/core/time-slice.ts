/**
 * Cooperative time slicing for long loops that share the event loop with live traffic (index
 * refresh, snapshot rebuilds): call `await slicer.pass()` once per item; after a slice of work
 * it yields one turn of the event loop so waiting requests and health probes run.
 * Worker threads take the heavy native work; this keeps the JavaScript glue around it from
 * stalling the server for seconds at a time.
 *
 * The slice adapts to load. On an idle server a turn comes back at once and slices stay short
 * (`minSliceMs`), so the loop runs at nearly full speed. On a busy one a turn can take hundreds
 * of milliseconds of other work, and fixed short slices would starve the loop (a refresh under
 * saturating load took over 15 minutes); so the slice grows to `share` of the time between
 * slices, capped at `maxSliceMs` — the most a request waits for background work.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

export interface TimeSliceOptions {
  /** Slice on an idle event loop. */
  minSliceMs?: number;
  /** Longest slice, however busy the loop. */
  maxSliceMs?: number;
  /** Fraction of the event loop's time the loop gets when others are waiting. */
  share?: number;
}

const DEFAULTS: Required<TimeSliceOptions> = { minSliceMs: 8, maxSliceMs: 40, share: 0.2 };

export class TimeSlicer {
  private readonly options: Required<TimeSliceOptions>;
  private sliceStart = performance.now();
  private sliceMs: number;

  constructor(options: TimeSliceOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.sliceMs = this.options.minSliceMs;
  }

  /** Resolves at once inside a slice; after a slice of work, on a later event-loop turn. */
  pass(): Promise<void> | undefined {
    const yieldedAt = performance.now();
    if (yieldedAt - this.sliceStart < this.sliceMs) return undefined;
    return nextTurn().then(() => {
      const now = performance.now();
      const { minSliceMs, maxSliceMs, share } = this.options;
      // Others ran for (now - yieldedAt): take `share` of the total, within the bounds.
      this.sliceMs = Math.min(maxSliceMs, Math.max(minSliceMs, ((now - yieldedAt) * share) / (1 - share)));
      this.sliceStart = now;
    });
  }
}
