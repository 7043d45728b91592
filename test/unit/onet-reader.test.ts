import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_ALT_TITLES, readOnet, technologySlug } from '../../src/ingest/onet-reader.js';
import type { IngestProblem } from '../../src/ingest/records.js';
import { MissingColumnsError } from '../../src/ingest/tabular.js';

const fixtureDir = path.resolve('test/fixtures/onet/29.2');
const common = { source: 'onet', sourceVersion: '29.2' };
const onet = (uri: string) => ({ source: 'onet', uri });

const where = (problems: IngestProblem[]) =>
  problems.map((p) => `${path.basename(p.file).replace(/\.gz$/, '')}:${p.line ?? '-'} ${p.message}`);

/** Copies a fixture folder, gzipping the files `gzip` picks (the reader must accept a mix). */
function copyDir(from: string, to: string, gzip: (name: string) => boolean): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (gzip(name)) writeFileSync(path.join(to, `${name}.gz`), gzipSync(readFileSync(path.join(from, name))));
    else copyFileSync(path.join(from, name), path.join(to, name));
  }
}

describe('readOnet', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'skillpath-onet-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads rated elements and technology examples as skills', async () => {
    const batch = await readOnet(fixtureDir);
    expect(batch.source).toEqual({ name: 'onet', kind: 'taxonomy', version: '29.2' });
    expect(batch.courses).toEqual([]);
    const rated = { altLabels: [], broader: [] };
    const tool = { ...common, altLabels: [], type: 'tool', group: 'Technology', broader: [] };
    expect(batch.skills).toEqual([
      { ...common, ...rated, uri: '2.A.1.a', label: 'Label Reading', description: 'Understanding written labels on casks.', type: 'skill', group: 'O*NET skills' },
      { ...common, ...rated, uri: '2.A.1.b', label: 'Foam Listening', description: 'Hearing what the foam says.', type: 'skill', group: 'O*NET skills' },
      { ...common, ...rated, uri: '2.C.1.a', label: 'Hop Chemistry', description: 'Knowledge of hop compounds and bitterness.', type: 'knowledge', group: 'O*NET knowledge' },
      // Not in content_model_reference.tsv.
      { ...common, ...rated, uri: '2.C.1.b', label: 'Crate Law', description: '', type: 'knowledge', group: 'O*NET knowledge' },
      {
        ...tool,
        uri: 'tech:hopster-analytics',
        label: 'Hopster Analytics',
        // Listed under two commodities: the first one seen is kept; Hot Technology is Y on one row only.
        description: 'Data base user interface and query software (UNSPSC 43232306)',
        attributes: { commodityCode: '43232306', commodityTitle: 'Data base user interface and query software', hotTechnology: true, inDemand: false },
      },
      {
        ...tool,
        uri: 'tech:c-plus-plus',
        label: 'C++',
        description: 'Development environment software (UNSPSC 43232402)',
        attributes: { commodityCode: '43232402', commodityTitle: 'Development environment software', hotTechnology: true, inDemand: true },
      },
      {
        ...tool,
        uri: 'tech:c-sharp',
        label: 'C#',
        description: 'Development environment software (UNSPSC 43232402)',
        attributes: { commodityCode: '43232402', commodityTitle: 'Development environment software', hotTechnology: false, inDemand: false },
      },
      {
        ...tool,
        uri: 'tech:crate-o-matic-3000',
        label: 'Crate-O-Matic 3000',
        description: 'Accounting software (UNSPSC 43231601)',
        attributes: { commodityCode: '43231601', commodityTitle: 'Accounting software', hotTechnology: false, inDemand: true },
      },
    ]);
  });

  it('reads occupations with thresholded, scaled requirements, related roles and job zones', async () => {
    const batch = await readOnet(fixtureDir);
    expect(batch.roles).toEqual([
      {
        ...common,
        code: '15-9991.00',
        title: 'Brewery Data Wranglers',
        // "beer analyst" repeats "Beer Analyst"; the unknown code's title is not attached anywhere.
        altTitles: ['Beer Analyst', 'Hop Statistician'],
        description: 'Collect and tidy data about beer.',
        requirements: [
          { skill: onet('2.A.1.a'), kind: 'essential', importance: 0.8, level: 0.5 },
          // Its LV row is suppressed, so no level.
          { skill: onet('2.A.1.b'), kind: 'optional', importance: 0.6 },
          { skill: onet('2.C.1.a'), kind: 'essential', importance: 0.9, level: 0.8 },
          // 2.C.1.b: its IM row is suppressed, so no requirement at all.
          { skill: onet('tech:hopster-analytics'), kind: 'optional', importance: 0.5, attributes: { hotTechnology: true, inDemand: false } },
          { skill: onet('tech:c-plus-plus'), kind: 'optional', importance: 0.6, attributes: { hotTechnology: true, inDemand: true } },
          { skill: onet('tech:c-sharp'), kind: 'optional', importance: 0.4, attributes: { hotTechnology: false, inDemand: false } },
        ],
        // The file lists rank 2 first; best first here.
        related: [
          { code: '15-9992.00', rank: 1, kind: 'Primary-Short' },
          { code: '15-9993.00', rank: 2, kind: 'Primary-Short' },
        ],
        attributes: { jobZone: 4 },
      },
      {
        ...common,
        code: '15-9992.00',
        title: 'Crate Logisticians',
        altTitles: ['Crate Planner'],
        description: 'Plan where crates go.',
        requirements: [
          // 2.A.1.a has IM 2 (below 2.5, dropped); 2.A.1.b has a bad IM value. IM 3.5 and 2.5 are the edges.
          { skill: onet('2.C.1.b'), kind: 'essential', importance: 0.7, level: 0 },
          { skill: onet('2.C.1.a'), kind: 'optional', importance: 0.5, level: 0.4 },
          { skill: onet('tech:hopster-analytics'), kind: 'optional', importance: 0.4, attributes: { hotTechnology: false, inDemand: false } },
          // Listed twice (In Demand Y, then N): one requirement, flags kept.
          { skill: onet('tech:crate-o-matic-3000'), kind: 'optional', importance: 0.6, attributes: { hotTechnology: false, inDemand: true } },
        ],
        related: [{ code: '15-9991.00', rank: 1, kind: 'Supplemental' }],
        attributes: { jobZone: 2 },
      },
      {
        ...common,
        code: '15-9993.00',
        title: 'Pitch Coaches',
        altTitles: [],
        description: 'Coach people who pitch breweries.',
        requirements: [],
        related: [],
        attributes: { jobZone: null },
      },
    ]);
  });

  it('reports malformed rows and unknown occupation codes with file and line', async () => {
    const batch = await readOnet(fixtureDir);
    expect(where(batch.problems)).toEqual([
      "alternate_titles_excluding_reported_titles.tsv:5 unknown occupation code '99-0000.00' (row skipped)",
      "related_occupations.tsv:5 unknown occupation code '99-0000.00' (row skipped)",
      "skills.tsv:8 malformed row: Data Value 'n/a' is not a number (row skipped)",
      "skills.tsv:10 unknown occupation code '99-9999.00' (row skipped)",
      // A row cut short after three cells.
      'skills.tsv:11 malformed row: no Element Name, Scale ID, Data Value (row skipped)',
      // A tab inside the example shifts every later cell.
      "technology_skills.tsv:8 malformed row: Commodity Code 'Tracker' is not a UNSPSC code (row skipped)",
    ]);
    expect(batch.problems[2]?.file).toBe(path.join(fixtureDir, 'skills.tsv'));
  });

  it('reads a gzipped release identically', async () => {
    const dir = path.join(tmp, '29.2');
    copyDir(fixtureDir, dir, (name) => name !== 'occupation_data.tsv');
    const plain = await readOnet(fixtureDir);
    const gzipped = await readOnet(dir);
    expect(gzipped.problems[2]?.file).toBe(path.join(dir, 'skills.tsv.gz'));
    expect({ ...gzipped, problems: where(gzipped.problems) }).toEqual({ ...plain, problems: where(plain.problems) });
  });

  it('keeps at most MAX_ALT_TITLES alternate titles, in file order', async () => {
    const dir = path.join(tmp, 'many-titles');
    copyDir(fixtureDir, dir, () => false);
    const rows = Array.from({ length: MAX_ALT_TITLES + 5 }, (_, i) => `15-9993.00\tPitch Coaches\tCoach ${i + 1}\t\t08`);
    writeFileSync(path.join(dir, 'alternate_titles_excluding_reported_titles.tsv'), ['O*NET-SOC Code\tTitle\tAlternate Title\tShort Title\tSource(s)', ...rows, ''].join('\n'));
    const batch = await readOnet(dir, { version: 'test' });
    const coaches = batch.roles.find((r) => r.code === '15-9993.00');
    expect(coaches?.altTitles).toHaveLength(MAX_ALT_TITLES);
    expect(coaches?.altTitles[0]).toBe('Coach 1');
    expect(coaches?.altTitles.at(-1)).toBe(`Coach ${MAX_ALT_TITLES}`);
    expect(batch.source.version).toBe('test');
  });

  it('throws MissingColumnsError naming the expected columns for a file in the wrong format', async () => {
    const dir = path.join(tmp, 'wrong');
    copyDir(fixtureDir, dir, () => false);
    writeFileSync(path.join(dir, 'technology_skills.tsv'), 'O*NET-SOC Code\tTitle\tExample\n15-9991.00\tX\tY\n');
    const error = await readOnet(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingColumnsError);
    expect((error as MissingColumnsError).expected).toEqual([
      'O*NET-SOC Code',
      'Example',
      'Commodity Code',
      'Commodity Title',
      'Hot Technology',
      'In Demand',
    ]);
    expect((error as Error).message).toContain('missing column(s) Commodity Code, Commodity Title, Hot Technology, In Demand');
  });
});

describe('technologySlug', () => {
  it('keeps C, C# and C++ apart and folds everything else to dashes', () => {
    expect(['C', 'C#', 'C++', 'Hopster .NET Studio', '  Foam Tracker 2-3-4 '].map(technologySlug)).toEqual([
      'c',
      'c-sharp',
      'c-plus-plus',
      'hopster-net-studio',
      'foam-tracker-2-3-4',
    ]);
  });
});
