/** Time slicing yields the event loop during long loops, and only after a slice of work. */
import { describe, expect, it } from 'vitest';
import { TimeSlicer } from '../../src/core/time-slice.js';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('TimeSlicer', () => {
  it('lets a waiting callback run in the middle of a long loop', async () => {
    const slicer = new TimeSlicer({ minSliceMs: 2, maxSliceMs: 2 });
    let ranAt = -1;
    setImmediate(() => (ranAt = step));
    let step = 0;
    for (; step < 10; step++) {
      busy(3);
      await slicer.pass();
    }
    expect(ranAt).toBeGreaterThanOrEqual(0);
    expect(ranAt).toBeLessThan(10);
  });

  it('does not yield inside a slice', async () => {
    const slicer = new TimeSlicer({ minSliceMs: 60_000 });
    let ran = false;
    setImmediate(() => (ran = true));
    for (let i = 0; i < 1000; i++) await slicer.pass();
    expect(ran).toBe(false);
  });
});

describe('TimeSlicer under load', () => {
  it('lengthens its slices when other work holds the event loop between them', async () => {
    const slicer = new TimeSlicer({ minSliceMs: 1, maxSliceMs: 30, share: 0.5 });
    // Other work: 20 ms on every turn of the event loop.
    let running = true;
    const hog = () => {
      if (!running) return;
      busy(20);
      setImmediate(hog);
    };
    setImmediate(hog);
    // Count how many 1 ms items run per slice once the slicer has seen the hog.
    let yields = 0;
    for (let i = 0; i < 60; i++) {
      busy(1);
      const pending = slicer.pass();
      if (pending) {
        yields++;
        await pending;
      }
    }
    running = false;
    // Fixed 1 ms slices would yield about 60 times; matching the hog's 20 ms, far fewer.
    expect(yields).toBeLessThan(15);
  });
});
