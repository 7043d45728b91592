/**
 * A new index version is opened and searched in a child process under a time limit before the
 * server loads it: a file that hangs or breaks hnswlib costs a refused version, not the server.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HnswCollection } from '../../src/adapters/index/hnsw-collection.js';
import { probeIndexFiles } from '../../src/adapters/index/index-probe.js';
import { prng } from '../helpers/prng.js';

const DIM = 8;
let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'index-probe-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function validFile(): Promise<string> {
  const next = prng(3);
  const collection = HnswCollection.create(DIM, { initialCapacity: 50 });
  collection.addMany(Array.from({ length: 50 }, (_, i) => ({ id: i + 1, vector: Float32Array.from({ length: DIM }, () => next() - 0.5) })));
  const file = path.join(dir, 'ok.hnsw');
  await collection.write(file);
  return file;
}

describe('probeIndexFiles', () => {
  it('passes a healthy file', async () => {
    await expect(probeIndexFiles([{ file: await validFile(), dimension: DIM, count: 50 }])).resolves.toBeUndefined();
  });

  it('refuses a file whose reading never finishes, within its time limit, and the caller carries on', async () => {
    // A FIFO with no writer: opening it blocks inside native code, as a crafted graph's search would.
    const fifo = path.join(dir, 'hang.hnsw');
    execFileSync('mkfifo', [fifo]);
    const started = performance.now();
    await expect(probeIndexFiles([{ file: fifo, dimension: DIM, count: 50 }], 1500)).rejects.toThrow(/did not finish within 2 s|did not finish within 1 s/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses a damaged file with the reason', async () => {
    const file = await validFile();
    const bytes = await fs.readFile(file);
    await fs.writeFile(file, bytes.subarray(0, 40));
    await expect(probeIndexFiles([{ file, dimension: DIM, count: 50 }])).rejects.toThrow(/could not be opened|crashed/);
  });
});
