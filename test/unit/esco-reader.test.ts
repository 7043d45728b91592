import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readEsco } from '../../src/ingest/esco-reader.js';
import type { IngestProblem } from '../../src/ingest/records.js';
import { MissingColumnsError } from '../../src/ingest/tabular.js';

const fixtureDir = path.resolve('test/fixtures/esco/v1.1.1');
const S = 'http://data.europa.eu/esco/skill/';
const O = 'http://data.europa.eu/esco/occupation/';

const where = (problems: IngestProblem[]) =>
  problems.map((p) => `${path.basename(p.file).replace(/\.gz$/, '')}:${p.line ?? '-'} ${p.message}`);

describe('readEsco', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'skillpath-esco-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads skills with labels split, groups resolved and skill-to-skill links only', async () => {
    const batch = await readEsco(fixtureDir);
    expect(batch.source).toEqual({ name: 'esco', kind: 'taxonomy', version: '1.1.1' });
    expect(batch.courses).toEqual([]);
    const common = { source: 'esco', sourceVersion: '1.1.1' };
    expect(batch.skills).toEqual([
      {
        ...common,
        uri: `${S}t-pitch-brewery`,
        label: 'pitch a brewery',
        // The cell holds embedded newlines, padding, a blank line and a repeat.
        altLabels: ['pitch a brewery', 'brewery pitching', 'brew pitch'],
        description: 'Present a brewery plan to backers.',
        type: 'skill',
        // Via a level-2 group that is in skillsHierarchy_en but missing from skillGroups_en.
        group: 'communication, collaboration and brewing',
        broader: [],
        related: [{ uri: `${S}t-keep-calm`, kind: 'optional' }],
        attributes: { reuseLevel: 'sector-specific', skillType: 'skill/competence' },
      },
      {
        ...common,
        uri: `${S}t-tell-story`,
        label: 'tell a story to backers',
        altLabels: [],
        description: 'Tell a story that wins support.',
        type: 'skill',
        // Two parents: the broader skill comes first in the file, so its group wins over "handling crates".
        group: 'communication, collaboration and brewing',
        broader: [`${S}t-pitch-brewery`],
        related: [{ uri: `${S}t-ferment`, kind: 'essential' }],
        attributes: { reuseLevel: 'cross-sector', skillType: 'skill/competence' },
      },
      {
        ...common,
        uri: `${S}t-ferment`,
        label: 'fermentation science',
        altLabels: ['yeast science', 'fermentation'],
        description: 'The science of yeast, sugar and time.',
        // skillType knowledge beats reuseLevel transversal.
        type: 'knowledge',
        // Only a level-0 concept above it.
        group: 'knowledge',
        broader: [],
        related: [],
        attributes: { reuseLevel: 'transversal', skillType: 'knowledge' },
      },
      {
        ...common,
        uri: `${S}t-keep-calm`,
        label: 'keep calm',
        altLabels: [],
        description: 'Stay composed under pressure.',
        type: 'transversal',
        group: 'handling crates',
        broader: [],
        related: [],
        attributes: { reuseLevel: 'transversal', skillType: 'skill/competence' },
      },
      {
        ...common,
        uri: `${S}t-stack-crates`,
        label: 'stack crates',
        altLabels: [],
        description: 'Stack crates safely.',
        type: 'skill',
        group: null,
        broader: [],
        related: [],
        attributes: { reuseLevel: null, skillType: null },
      },
    ]);
    expect(batch.skills.map((s) => s.uri)).not.toContain(`${S}t-old-thing`);
  });

  it('reads occupations with weighted requirements and reports relations to unknown concepts by line', async () => {
    const batch = await readEsco(fixtureDir);
    const common = { source: 'esco', sourceVersion: '1.1.1' };
    expect(batch.roles).toEqual([
      {
        ...common,
        code: `${O}t-brew-pitcher`,
        title: 'brewery pitch manager',
        altTitles: ['brew pitcher', 'brewery pitch manager', 'pitch boss'],
        description: 'Brewery pitch managers win backers for breweries.',
        requirements: [
          { skill: { source: 'esco', uri: `${S}t-pitch-brewery` }, kind: 'essential', importance: 1 },
          { skill: { source: 'esco', uri: `${S}t-tell-story` }, kind: 'optional', importance: 0.5 },
          { skill: { source: 'esco', uri: `${S}t-ferment` }, kind: 'essential', importance: 1 },
        ],
        attributes: { iscoGroup: '1234', escoCode: '1234.5' },
      },
      {
        ...common,
        code: `${O}t-crate-stacker`,
        title: 'crate stacker',
        altTitles: [],
        description: 'Crate stackers stack crates.',
        requirements: [{ skill: { source: 'esco', uri: `${S}t-stack-crates` }, kind: 'optional', importance: 0.5 }],
        attributes: { iscoGroup: '9333', escoCode: '9333.1' },
      },
    ]);
    expect(where(batch.problems)).toEqual([
      `broaderRelationsSkillPillar.csv:10 unknown concept '${S}t-ghost' (link skipped)`,
      `skillSkillRelations.csv:4 unknown skill '${S}t-ghost' (relation skipped)`,
      `occupationSkillRelations.csv:4 unknown occupation '${O}t-gone' (relation skipped)`,
      // The obsolete skill was skipped, so links to it are links to nothing.
      `occupationSkillRelations.csv:7 unknown skill '${S}t-old-thing' (relation skipped)`,
      `occupationSkillRelations.csv:8 unknown occupation '${O}t-gone' (relation skipped)`,
    ]);
    expect(batch.problems[0]?.file).toBe(path.join(fixtureDir, 'broaderRelationsSkillPillar.csv'));
  });

  it('reads a gzipped package identically', async () => {
    const dir = path.join(tmp, 'v1.1.1');
    copyDir(fixtureDir, dir, (name) => name !== 'skillGroups_en.csv');
    const plain = await readEsco(fixtureDir);
    const gzipped = await readEsco(dir);
    expect(gzipped.problems[0]?.file).toBe(path.join(dir, 'broaderRelationsSkillPillar.csv.gz'));
    expect({ ...gzipped, problems: where(gzipped.problems) }).toEqual({ ...plain, problems: where(plain.problems) });
  });

  it('takes the version from the options, else the folder name, else "unknown"', async () => {
    expect((await readEsco(fixtureDir, { version: '9.9' })).skills[0]?.sourceVersion).toBe('9.9');
    const dir = path.join(tmp, 'esco-package');
    copyDir(fixtureDir, dir, () => false);
    expect((await readEsco(dir)).source.version).toBe('unknown');
  });

  it('throws MissingColumnsError naming the expected columns for a file in the wrong format', async () => {
    const dir = path.join(tmp, 'wrong');
    copyDir(fixtureDir, dir, () => false);
    writeFileSync(path.join(dir, 'occupations_en.csv'), 'uri,title\nx,y\n');
    const error = await readEsco(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingColumnsError);
    expect((error as MissingColumnsError).expected).toEqual(['conceptUri', 'iscoGroup', 'preferredLabel', 'altLabels', 'description', 'code']);
    expect((error as Error).message).toContain('Expected columns: conceptUri, iscoGroup, preferredLabel, altLabels, description, code');
  });
});

/** Copies a fixture folder, gzipping the files `gzip` picks (the reader must accept a mix). */
function copyDir(from: string, to: string, gzip: (name: string) => boolean): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (gzip(name)) writeFileSync(path.join(to, `${name}.gz`), gzipSync(readFileSync(path.join(from, name))));
    else copyFileSync(path.join(from, name), path.join(to, name));
  }
}
