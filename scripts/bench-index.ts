/**
 * `npm run bench:index [-- --data ../shared/data] [--json]`: ingests the shared data set into a
 * fresh embedded database, refreshes the index twice (full, then unchanged) and prints per-stage
 * seconds, texts embedded per second, index sizes and peak memory.
 *
 * Model settings come from the environment as for the server, e.g.
 * MODEL_DIR=../shared/models EMBEDDING_MODEL=skillpath/esco-minilm-l6 EMBEDDING_DTYPE=q8 ALLOW_REMOTE_MODELS=false
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCliProgress } from '../src/cli/progress.js';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import type { IngestSpec } from '../src/jobs/ingest.js';
import { createLogger } from '../src/logger.js';

const { values } = parseArgs({
  options: { data: { type: 'string', default: '../shared/data' }, json: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } },
});
const data = path.resolve(values.data);
const work = mkdtempSync(path.join(tmpdir(), 'skillpath-bench-'));
const config = loadConfig({
  ...process.env,
  PGLITE_DIR: path.join(work, 'pglite'),
  INDEX_DIR: path.join(work, 'index'),
  DATABASE_URL: '',
  LOG_LEVEL: 'warn',
});
const logger = createLogger(config);
const progress = createCliProgress();

const sources: [string, IngestSpec][] = [
  ['esco', { kind: 'esco', path: path.join(data, 'esco/v1.1.1') }],
  ['onet', { kind: 'onet', path: path.join(data, 'onet/29.2') }],
  ['coursera-tags', { kind: 'courses', format: 'coursera-tags', path: path.join(data, 'courses/coursera/coursera_courses_skills_3404.csv') }],
  ['coursera', { kind: 'courses', format: 'coursera', path: path.join(data, 'courses/coursera/coursera_courses_desc_skills_1000.csv') }],
  ['edx', { kind: 'courses', format: 'edx', path: path.join(data, 'courses/edx/edx_courses_975.csv') }],
  ['udemy', { kind: 'courses', format: 'udemy', path: path.join(data, 'courses/udemy/udemy_courses_3678.csv') }],
  ['ctdl', { kind: 'courses', format: 'ctdl', path: path.join(data, 'courses/credential-engine-ctdl-examples') }],
];

const stages: { stage: string; seconds: number; detail: string }[] = [];
const time = async <T>(stage: string, run: () => Promise<T>, detail: (r: T) => string): Promise<T> => {
  const started = performance.now();
  const result = await run();
  stages.push({ stage, seconds: Number(((performance.now() - started) / 1000).toFixed(2)), detail: detail(result) });
  return result;
};

const container = await createContainer(config, logger, { search: false });
try {
  for (const [name, spec] of sources) {
    await time(`ingest ${name}`, () => container.services.ingestion.ingest(spec, { progress }), (s) => `+${s.added} records, ${s.failed} problems`);
  }
  const full = await time('index refresh (full)', () => container.services.indexing.refresh(progress), (s) =>
    `${s.embedded} texts embedded, ${s.coursesLinked} courses linked, ${s.equivalences} equivalences`,
  );
  const again = await time('index refresh (unchanged)', () => container.services.indexing.refresh(progress), (s) =>
    `${s.embedded} texts embedded, built: ${s.built}`,
  );
  progress.stop();

  const versionDir = path.join(config.indexDir, full.version!);
  const files = Object.fromEntries(readdirSync(versionDir).map((f) => [f, statSync(path.join(versionDir, f)).size]));
  const result = {
    data,
    model: config.embedding.model,
    stages,
    counts: full.counts,
    embeddedPerSecond: Number((full.embedded / full.seconds).toFixed(1)),
    unchangedRefresh: { seconds: again.seconds, embedded: again.embedded, built: again.built },
    indexFiles: files,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const lines = [
      `bench:index on ${data} with ${result.model}`,
      '',
      '| stage | seconds | detail |',
      '|---|---:|---|',
      ...stages.map((s) => `| ${s.stage} | ${s.seconds} | ${s.detail} |`),
      '',
      `items: ${full.counts.skills} skills, ${full.counts.roles} roles, ${full.counts.courses} courses`,
      `embedding throughput over the full refresh: ${result.embeddedPerSecond} texts/s`,
      `index files: ${Object.entries(files).map(([f, b]) => `${f} ${(b / 1048576).toFixed(1)} MiB`).join(', ')}`,
      `peak RSS: ${result.peakRssMb} MiB`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
} finally {
  progress.stop();
  await container.close();
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
