/**
 * The CV texts against the real model: skills that only share a number, a function
 * word or another meaning with the learner's words ("four years in a" → Alpha Four, "vital
 * signs" → traffic signs, "care home" → baby care, "reset passwords" → password cracker
 * software, "Docker" → dock operations) are not held. The taxonomy here is small and hand-made,
 * holding those distractors next to the skills the texts do mean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalogBatch } from '../../src/adapters/db/catalog-writer/index.js';
import { readLearnerText } from '../../src/core/recommend/learner-text.js';
import { SkillExtractor } from '../../src/core/search/skill-extractor.js';
import type { CatalogBatch } from '../../src/ingest/records.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { sharedModel } from '../helpers/config.js';

function taxonomy(): CatalogBatch {
  const skill = (uri: string, label: string, type: 'skill' | 'knowledge' | 'tool', altLabels: string[] = []) => ({
    source: 'cvtest',
    sourceVersion: '1',
    uri,
    label,
    altLabels,
    description: `${label}.`,
    type,
    group: null,
    broader: [],
  });
  return {
    source: { name: 'cvtest', kind: 'taxonomy', version: '1' },
    skills: [
      skill('alpha-four', 'Alpha Four', 'tool'),
      skill('four-soft', 'Four Soft 4S eLog', 'tool'),
      skill('traffic-signs', 'traffic signs', 'knowledge'),
      skill('put-up-signs', 'put up signs', 'skill'),
      skill('baby-care', 'baby care', 'skill'),
      skill('password-cracker', 'Password cracker software', 'tool'),
      skill('ips', 'Intrusion prevention system IPS', 'tool'),
      skill('dock-operations', 'dock operations', 'knowledge'),
      skill('docketview', 'Compugov DocketView', 'tool'),
      skill('consumer-law', 'consumer law', 'knowledge'),
      skill('promine', 'Promine', 'tool'),
      skill('oberon', 'Oberon', 'tool'),
      skill('vital-signs', "measure patients' vital signs", 'skill', ['take vital signs', 'monitor vital signs']),
      skill('docker', 'Docker', 'tool'),
    ],
    roles: [],
    courses: [],
    problems: [],
  };
}

describe.skipIf(!sharedModel.present)("reading a learner's own words with the real model", () => {
  const indexDir = mkdtempSync(path.join(tmpdir(), 'skillpath-cv-index-'));
  let t: TestApp;
  let read: (text: string) => Promise<{ held: string[]; all: string[] }>;

  beforeAll(async () => {
    t = await startTestApp(
      { EMBEDDING_PROVIDER: 'transformers', MODEL_DIR: sharedModel.modelDir, EMBEDDING_MODEL: sharedModel.model, EMBEDDING_DTYPE: 'q8', ALLOW_REMOTE_MODELS: 'false', INDEX_DIR: indexDir },
      { loadModel: true },
    );
    await loadCatalogBatch(t.container.database.db, taxonomy());
    await t.container.services.indexing.serve();
    await t.container.services.indexing.refresh();
    const snapshot = t.container.services.snapshot();
    const extractor = new SkillExtractor(() => snapshot, () => t.container.services.embedder.current());
    read = async (text) => {
      const readings = await readLearnerText(text, snapshot, extractor);
      const label = (id: number) => snapshot.graph.skills.get(id)!.label;
      return { held: readings.filter((r) => r.status === 'held').map((r) => label(r.skillId)), all: readings.map((r) => label(r.skillId)) };
    };
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(indexDir, { recursive: true, force: true });
  });

  it('holds nothing from numbers, function words or another meaning of a word', async () => {
    const nurse = await read('Certified nursing assistant for four years in a care home; I take vital signs and help residents wash and dress.');
    expect(nurse.all).not.toEqual(expect.arrayContaining(['Alpha Four']));
    for (const wrong of ['Alpha Four', 'Four Soft 4S eLog', 'traffic signs', 'put up signs', 'baby care']) expect(nurse.held).not.toContain(wrong);
    const helpdesk = await read('IT helpdesk technician; I reset passwords and set up laptops for new starters.');
    for (const wrong of ['Password cracker software', 'Intrusion prevention system IPS']) expect(helpdesk.all).not.toContain(wrong);
    const devops = await read('I deploy services with Docker.');
    for (const wrong of ['dock operations', 'Compugov DocketView']) expect(devops.held).not.toContain(wrong);
    expect((await read('Marketing coordinator at a consumer brand.')).held).not.toContain('consumer law');
    const filler = await read('Three years as an');
    for (const wrong of ['Promine', 'Oberon']) expect(filler.all).not.toContain(wrong);
  });

  it('still holds what the words plainly say, with the span', async () => {
    expect((await read('I deploy services with Docker.')).held).toContain('Docker');
    const nurse = await read('I take vital signs every shift.');
    expect(nurse.all).toContain("measure patients' vital signs");
  });
});
