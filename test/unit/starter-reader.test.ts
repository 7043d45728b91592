import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readStarterCatalog } from '../../src/ingest/starter-reader.js';
import { starterCatalogDir } from '../../src/paths.js';

describe('starter catalog', () => {
  it('reads cleanly with the promised sizes and every link resolved', async () => {
    const batch = await readStarterCatalog(starterCatalogDir);
    expect(batch.problems).toEqual([]);
    expect(batch.source).toMatchObject({ name: 'starter', kind: 'catalog' });
    expect(batch.skills.length).toBeGreaterThanOrEqual(140);
    expect(batch.roles.length).toBeGreaterThanOrEqual(15);
    expect(batch.roles.length).toBeLessThanOrEqual(20);
    expect(batch.courses.length).toBeGreaterThanOrEqual(60);
    expect(batch.courses.length).toBeLessThanOrEqual(100);
    expect(batch.courses.filter((c) => c.prerequisites.length > 0).length).toBeGreaterThan(3);
    expect(batch.courses.filter((c) => c.stacksInto.length > 0).length).toBeGreaterThan(3);
    // Text evidence must point at words really in the description, or explanations would lie.
    for (const course of batch.courses) {
      for (const link of course.skills) {
        if (link.evidence.kind === 'text') expect(course.description, course.externalId).toContain(link.evidence.span);
      }
    }
  });
});

describe('readStarterCatalog on bad input', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'skillpath-starter-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('skips invalid items with their position and drops links to unknown keys', async () => {
    const skill = { key: 'sql', label: 'SQL', altLabels: [], description: '', type: 'skill', group: 'Data', broader: ['ghost'] };
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ name: 'starter', version: 't1' }));
    writeFileSync(path.join(dir, 'skills.json'), JSON.stringify([skill, { ...skill, key: 'Bad Key' }]));
    writeFileSync(
      path.join(dir, 'roles.json'),
      JSON.stringify([
        { key: 'analyst', title: 'Analyst', altTitles: [], description: '', requirements: [{ skill: 'sql', kind: 'essential', importance: 2 }] },
      ]),
    );
    writeFileSync(path.join(dir, 'courses.json'), JSON.stringify({ not: 'an array' }));
    const batch = await readStarterCatalog(dir);
    expect(batch.skills.map((s) => s.uri)).toEqual(['sql']);
    expect(batch.skills[0]?.broader).toEqual([]);
    expect(batch.roles).toEqual([]);
    expect(batch.courses).toEqual([]);
    const messages = batch.problems.map((p) => `${path.basename(p.file)}:${p.line ?? '-'} ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^skills\.json:2 \/key: /),
        expect.stringMatching(/^roles\.json:1 \/requirements\/0\/importance: /),
        'courses.json:- expected a JSON array',
        "skills.json:- sql: unknown skill 'ghost' (link dropped)",
      ]),
    );
  });
});
