import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateHours, isoDurationHours, parseCount, slug, splitSkillList } from '../../src/ingest/course-common.js';
import { COURSE_FORMATS, describeFormats, readCourses } from '../../src/ingest/course-formats.js';
import { parsePythonStringList, readCourseraCatalog } from '../../src/ingest/coursera-reader.js';
import { readCourseraTagsCatalog } from '../../src/ingest/coursera-tags-reader.js';
import { readCtdlCatalog } from '../../src/ingest/ctdl/ctdl-reader.js';
import { readOpenBadge } from '../../src/ingest/ctdl/open-badges.js';
import { readEdxCatalog } from '../../src/ingest/edx-reader.js';
import { readGenericCatalog } from '../../src/ingest/generic-course-reader.js';
import type { CatalogBatch, CourseRecord } from '../../src/ingest/records.js';
import { MissingColumnsError } from '../../src/ingest/tabular.js';
import { readUdemyCatalog } from '../../src/ingest/udemy-reader.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/courses');
const fixture = (name: string) => path.join(fixtures, name);
const sha12 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);

/** Problems as `relative/file:line message`, so expectations read like the report a user sees. */
const problems = (batch: CatalogBatch) => batch.problems.map((p) => `${path.relative(fixtures, p.file)}:${p.line ?? '-'} ${p.message}`);
const byId = (batch: CatalogBatch, id: string): CourseRecord => {
  const course = batch.courses.find((c) => c.externalId === id);
  if (!course) throw new Error(`no course ${id} in ${batch.courses.map((c) => c.externalId).join(', ')}`);
  return course;
};

const base = {
  description: '',
  url: null,
  hours: null,
  cost: null,
  currency: null,
  level: null,
  language: null,
  format: null,
  credentialType: null,
  issuer: null,
  prerequisites: [],
  stacksInto: [],
  skills: [],
  skillTags: [],
  attributes: {},
};
const tags = (...labels: string[]) => labels.map((label) => ({ label, kind: 'tag' as const }));

describe('shared parsing rules', () => {
  it('estimates hours from catalog duration text at 5 h/week', () => {
    expect(estimateHours('Less Than 2 Hours')).toBe(1.5);
    expect(estimateHours('1 - 4 Weeks')).toBe(12.5);
    expect(estimateHours('1 - 3 Months')).toBe(43.3);
    expect(estimateHours('3 - 6 Months')).toBe(97.5);
    expect(estimateHours('Approx. 20 hours')).toBe(20);
    expect(estimateHours('About a fortnight')).toBeNull();
  });

  it('reads ISO 8601 durations: time as study hours, dates as calendar time', () => {
    expect(isoDurationHours('PT40H')).toBe(40);
    expect(isoDurationHours('PT1H30M')).toBe(1.5);
    expect(isoDurationHours('P6W')).toBe(30);
    expect(isoDurationHours('P9M')).toBe(195);
    expect(isoDurationHours('P')).toBeNull();
    expect(isoDurationHours('40 hours')).toBeNull();
  });

  it('parses counts with separators and suffixes, and flags junk', () => {
    expect(parseCount('6,706')).toBe(6706);
    expect(parseCount('1,080,159')).toBe(1080159);
    expect(parseCount('39.2k')).toBe(39200);
    expect(parseCount('NA')).toBeNull();
    expect(parseCount('')).toBeNull();
    expect(parseCount('lots')).toBeNaN();
  });

  it('keeps Oxford-comma skill names whole and tells C++ from C#', () => {
    expect(splitSkillList('SQL, Law, Regulation, and Compliance, Excel')).toEqual(['SQL', 'Law, Regulation, and Compliance', 'Excel']);
    expect(slug('C++ Basics')).toBe('c-plus-plus-basics');
    expect(slug('C# Basics')).toBe('c-sharp-basics');
    expect(slug('Análisis de Mareas')).toBe('analisis-de-mareas');
    expect(slug('数据分析')).toBe('数据分析');
  });

  it('parses Python list literals without evaluating them', () => {
    expect(parsePythonStringList(`['Risk Management', "Bob's skill", 'a\\'b', '\\xe9\\u200b\\\\']`)).toEqual([
      'Risk Management',
      "Bob's skill",
      "a'b",
      'é\u200b\\',
    ]);
    expect(parsePythonStringList('[]')).toEqual([]);
    expect(parsePythonStringList("['a',]")).toEqual(['a']);
    expect(parsePythonStringList("['unterminated]")).toBeNull();
    expect(parsePythonStringList("__import__('os')")).toBeNull();
    expect(parsePythonStringList("['a'] + ['b']")).toBeNull();
  });
});

describe('coursera-tags reader', () => {
  it('merges a course listed under two subjects, splits tags and estimates hours', async () => {
    const file = fixture('coursera_courses_skills.csv');
    const batch = await readCourseraTagsCatalog(file);
    expect(batch.source).toEqual({ name: 'coursera-tags', kind: 'catalog', version: sha12(file) });
    expect(batch.skills).toEqual([]);
    expect(batch.roles).toEqual([]);
    expect(batch.courses.map((c) => c.externalId)).toEqual([
      'quillfield-university/course/ledger-basics-for-makers',
      'quillfield-university/specialization/ledger-basics-for-makers',
      'orbit-labs/guided-project/pipeline-tinkering-with-c-plus-plus',
      'orbit-labs/guided-project/pipeline-tinkering-with-c-sharp',
      'quillfield-university/course/odd-durations',
    ]);
    expect(batch.courses[0]).toEqual({
      ...base,
      source: 'coursera-tags',
      externalId: 'quillfield-university/course/ledger-basics-for-makers',
      provider: 'Quillfield University',
      title: 'Ledger Basics for Makers',
      hours: 12.5,
      level: 'beginner',
      format: 'online-self-paced',
      credentialType: 'course',
      issuer: 'Quillfield University',
      skillTags: tags('Bookkeeping', 'Financial Statements', 'Law, Regulation, and Compliance', 'Spreadsheet Software'),
      attributes: {
        platform: 'Coursera',
        subjects: ['Business', 'Data Science'],
        learningProduct: 'Course',
        rating: 4.7,
        reviews: 6100,
        durationText: '1 - 4 Weeks',
      },
    });
    expect(batch.courses.map((c) => [c.level, c.hours])).toEqual([
      ['beginner', 12.5],
      [null, 97.5],
      ['intermediate', 1.5],
      ['advanced', 43.3],
      [null, null],
    ]);
    expect(byId(batch, 'orbit-labs/guided-project/pipeline-tinkering-with-c-sharp').attributes).not.toHaveProperty('rating');
    expect(problems(batch)).toEqual([
      'coursera_courses_skills.csv:7 missing Title; row skipped',
      "coursera_courses_skills.csv:8 duplicate id 'quillfield-university/course/ledger-basics-for-makers' (first at line 2) differs in level; kept the first",
      "coursera_courses_skills.csv:9 unknown Level 'Expertish' (set to null)",
      "coursera_courses_skills.csv:9 unrecognised Duration 'About a fortnight' (hours unknown)",
      "coursera_courses_skills.csv:9 Reviews 'lots' is not a number (ignored)",
    ]);
  });
});

describe('coursera reader', () => {
  it('reads Python-list skills, thousands separators and multi-line descriptions', async () => {
    const file = fixture('coursera_courses_desc_skills.csv');
    const batch = await readCourseraCatalog(file);
    expect(batch.source).toEqual({ name: 'coursera', kind: 'catalog', version: sha12(file) });
    expect(batch.courses.map((c) => c.externalId)).toEqual([
      'https://www.coursera.org/professional-certificates/harbour-risk',
      'https://www.coursera.org/learn/quiet-metrics',
      'https://www.coursera.org/projects/broken-lists',
    ]);
    expect(batch.courses[0]).toEqual({
      ...base,
      source: 'coursera',
      externalId: 'https://www.coursera.org/professional-certificates/harbour-risk',
      provider: 'Tidewater Institute',
      title: 'Harbour Risk Foundations',
      description: 'First paragraph of the course.\nSecond line about registers.\n\nThird paragraph.',
      url: 'https://www.coursera.org/professional-certificates/harbour-risk',
      hours: 97.5,
      level: 'beginner',
      format: 'online-self-paced',
      credentialType: 'professional-certificate',
      issuer: 'Tidewater Institute',
      skillTags: tags('Risk Management', "Bob's Risk Register", 'Scenario Planning', 'Café Ops'),
      attributes: {
        platform: 'Coursera',
        learningProduct: 'Professional Certificate',
        rating: 4.8,
        reviews: 39200,
        enrolment: 1080159,
        durationText: '3 - 6 Months',
        outcomes: ['Map risks to owners.', "Write a register that's useful"],
      },
    });
    const quiet = byId(batch, 'https://www.coursera.org/learn/quiet-metrics');
    expect(quiet).toMatchObject({ level: null, hours: 12.5, description: 'Short description.', skillTags: tags('Metrics'), credentialType: 'course' });
    // A sentence in the skills list is a learning outcome, not a skill name.
    expect(quiet.attributes).toEqual({
      platform: 'Coursera',
      learningProduct: 'Course',
      durationText: '1 - 4 Weeks',
      outcomes: ['Explain how quiet metrics reveal the slow drift of a harbour operation long before the loud incidents start to happen'],
    });
    expect(byId(batch, 'https://www.coursera.org/projects/broken-lists')).toMatchObject({
      hours: 1.5,
      level: 'advanced',
      skillTags: [],
      attributes: { reviews: 1204, enrolment: 2000 },
    });
    expect(problems(batch)).toEqual([
      'coursera_courses_desc_skills.csv:7 missing course_title; row skipped',
      'coursera_courses_desc_skills.csv:8 course_skills is not a list of strings (skills ignored)',
    ]);
  });
});

describe('edx reader', () => {
  it('multiplies en-dash effort by length, prices the verified certificate and merges identical rows', async () => {
    const file = fixture('edx_courses.csv');
    const batch = await readEdxCatalog(file);
    expect(batch.source).toEqual({ name: 'edx', kind: 'catalog', version: sha12(file) });
    expect(batch.courses).toHaveLength(3);
    expect(batch.courses[0]).toEqual({
      ...base,
      source: 'edx',
      externalId: 'https://www.edx.org/course/tide-tables',
      provider: 'Saltmarsh College',
      title: 'Tide Tables for Beginners',
      description: 'Learn to read tide tables.\nThen plan a safe launch.',
      url: 'https://www.edx.org/course/tide-tables',
      hours: 15,
      cost: 49,
      currency: 'USD',
      level: 'beginner',
      language: 'en',
      format: 'online-self-paced',
      credentialType: 'verified-certificate',
      issuer: 'Saltmarsh College',
      attributes: {
        platform: 'edX',
        summary: 'Read tides with confidence',
        enrolment: 12345,
        subjects: ['Science'],
        instructors: 'Ana Ruiz-Jean-Luc Moreau',
        subtitles: ['English', 'Español'],
        syllabus: 'Week 1 - Tides',
        effortText: '2–3 hours per week',
        lengthText: '6 Weeks',
        priceText: 'FREE-Add a Verified Certificate for $49 USD',
        auditFree: true,
      },
    });
    expect(byId(batch, 'https://www.edx.org/course/analisis-de-mareas')).toMatchObject({
      description: 'Modelos de mareas para puertos',
      hours: 50,
      cost: 99.5,
      currency: 'USD',
      level: 'advanced',
      language: 'es',
      format: 'online-instructor-led',
    });
    expect(byId(batch, 'https://www.edx.org/course/analisis-de-mareas').attributes).not.toHaveProperty('enrolment');
    expect(byId(batch, 'https://www.edx.org/course/harbour-logistics')).toMatchObject({ hours: 20, cost: null, currency: null, credentialType: null });
    expect(problems(batch)).toEqual([
      'edx_courses.csv:7 missing title; row skipped',
      "edx_courses.csv:8 unrecognised course_effort 'a few hours'",
      "edx_courses.csv:8 unrecognised price 'Call us' (cost unknown)",
    ]);
  });
});

describe('udemy reader', () => {
  it('uses course_id, merges the repeated id, reads free courses and skips a bad price', async () => {
    const file = fixture('udemy_courses.csv');
    const batch = await readUdemyCatalog(file);
    expect(batch.source).toEqual({ name: 'udemy', kind: 'catalog', version: sha12(file) });
    expect(batch.courses.map((c) => c.externalId)).toEqual(['501', '502', '504']);
    expect(batch.courses[0]).toEqual({
      ...base,
      source: 'udemy',
      externalId: '501',
      provider: 'Udemy',
      title: 'Ukulele Chords in a Weekend',
      url: 'https://www.udemy.com/ukulele-weekend/',
      hours: 2.5,
      cost: 20,
      currency: 'USD',
      format: 'online-self-paced',
      credentialType: 'certificate-of-completion',
      issuer: 'Udemy',
      attributes: {
        platform: 'Udemy',
        subjects: ['Musical Instruments'],
        enrolment: 1500,
        reviews: 30,
        lectures: 24,
        publishedAt: '2016-05-16T18:28:30Z',
        durationText: '2.5',
        priceText: '20',
      },
    });
    expect(byId(batch, '502')).toMatchObject({ cost: 0, currency: null, hours: null, level: 'beginner', credentialType: null });
    expect(byId(batch, '504')).toMatchObject({ cost: 195, hours: 12.5, level: 'advanced' });
    expect(problems(batch)).toEqual(["udemy_courses.csv:5 price 'twenty' is not a number; row skipped"]);
  });
});

describe('generic reader', () => {
  it('needs a source name', async () => {
    await expect(readGenericCatalog(fixture('generic_courses.csv'))).rejects.toThrow(/source/);
    await expect(readCourses(fixture('generic_courses.csv'), 'generic')).rejects.toThrow(/source/);
  });

  it('reads CSV: semicolon lists, extra columns as attributes, field-named problems, unknown links dropped', async () => {
    const file = fixture('generic_courses.csv');
    const batch = await readGenericCatalog(file, { source: 'acme' });
    expect(batch.source).toEqual({ name: 'acme', kind: 'catalog', version: sha12(file) });
    expect(batch.courses.map((c) => c.externalId)).toEqual(['sql-1', 'sql-2', 'cert-1']);
    expect(batch.courses[0]).toEqual({
      ...base,
      source: 'acme',
      externalId: 'sql-1',
      provider: 'Acme Learning',
      title: 'SQL Foundations',
      description: 'Query tables.\nJoin them.',
      url: 'https://acme.example/sql-1',
      hours: 10,
      cost: 49,
      currency: 'USD',
      level: 'beginner',
      language: 'en',
      format: 'online-self-paced',
      credentialType: 'micro-credential',
      issuer: 'Acme Learning',
      stacksInto: ['cert-1'],
      skillTags: tags('SQL', 'Data Analysis'),
      attributes: { rating: '4.5' },
    });
    expect(byId(batch, 'sql-2')).toMatchObject({ hours: 12.5, cost: 0, currency: null, prerequisites: ['sql-1'], stacksInto: ['cert-1'] });
    expect(problems(batch)).toEqual([
      'generic_courses.csv:6 /hours: must be number; row skipped',
      'generic_courses.csv:7 /level: must be equal to one of the allowed values; row skipped',
      'generic_courses.csv:8 must have required properties id; row skipped',
      'generic_courses.csv:9 /currency: required when cost is above 0; row skipped',
      "generic_courses.csv:4 sql-2: stacks_into names unknown course 'ghost' (link dropped)",
    ]);
  });

  it('reads the examples in docs/course-catalog-format.md without problems', async () => {
    const doc = readFileSync(path.resolve(fixtures, '../../../docs/course-catalog-format.md'), 'utf8');
    const block = (heading: string) => new RegExp(`## ${heading}\\n\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(doc)?.[1] ?? '';
    const dir = mkdtempSync(path.join(tmpdir(), 'skillpath-doc-'));
    try {
      for (const [heading, name, count] of [
        ['CSV example', 'doc.csv', 3],
        ['JSON example', 'doc.json', 2],
        ['JSON lines example', 'doc.jsonl', 2],
      ] as const) {
        writeFileSync(path.join(dir, name), block(heading));
        const batch = await readGenericCatalog(path.join(dir, name), { source: 'acme' });
        expect(batch.problems, heading).toEqual([]);
        expect(batch.courses, heading).toHaveLength(count);
        expect(byId(batch, 'sql-1').stacksInto, heading).toEqual(['cert-1']);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a JSON array (item numbers) and JSON lines (line numbers)', async () => {
    const json = await readGenericCatalog(fixture('generic_courses.json'), { source: 'acme' });
    expect(json.courses).toEqual([
      {
        ...base,
        source: 'acme',
        externalId: 'viz-1',
        provider: 'Acme Learning',
        title: 'Charts That Work',
        description: 'Pick the right chart.',
        url: 'https://acme.example/viz-1',
        hours: 6,
        cost: 0,
        level: 'beginner',
        language: 'en-GB',
        skillTags: tags('Data Visualization', 'Storytelling'),
      },
    ]);
    expect(problems(json)).toEqual(['generic_courses.json:2 /hours: must be number; row skipped', 'generic_courses.json:3 expected an object; row skipped']);

    const lines = await readGenericCatalog(fixture('generic_courses.jsonl'), { source: 'acme' });
    expect(lines.courses.map((c) => [c.externalId, c.cost, c.currency, c.skillTags])).toEqual([['ml-1', 20, 'EUR', tags('Machine Learning')]]);
    expect(problems(lines)).toEqual([
      expect.stringMatching(/^generic_courses\.jsonl:3 not valid JSON: .*; row skipped$/),
      'generic_courses.jsonl:4 /url: must match pattern "^https?://\\S+$"; row skipped',
    ]);
  });
});

describe('ctdl reader', () => {
  const dir = fixture('ctdl');

  it('reads a directory of CTDL and Open Badges JSON, resolving organisations and links across files', async () => {
    const batch = await readCtdlCatalog(dir);
    expect(batch.source.name).toBe('ctdl');
    expect(batch.source.version).toMatch(/^[0-9a-f]{12}$/);
    expect(batch.courses.map((c) => c.externalId)).toEqual([
      'https://example.org/achievements/tide-reader',
      'https://example.org/course/intro',
      'https://example.org/program/tides',
      'https://example.org/course/advanced',
    ]);
    const esco = 'http://data.europa.eu/esco/skill/5b5c8d9e-0000-4a1b-9c2d-7e8f90a1b2c3';
    expect(batch.courses[0]).toEqual({
      ...base,
      source: 'ctdl',
      externalId: 'https://example.org/achievements/tide-reader',
      provider: 'Harbourline Academy',
      title: 'Tide Reader',
      description: 'Reads tide tables without help.',
      url: 'https://example.org/achievements/tide-reader',
      credentialType: 'badge',
      issuer: 'Harbourline Academy',
      skills: [
        { skill: { source: 'esco', uri: esco }, confidence: 0.95, evidence: { kind: 'alignment', span: 'use spreadsheets software' } },
        { skill: { source: 'onet', uri: '2.A.2.a' }, confidence: 0.95, evidence: { kind: 'alignment', span: 'Critical Thinking' } },
      ],
      skillTags: [{ label: 'Reading tide tables', kind: 'alignment' }],
      attributes: { achievementType: 'Badge', criteria: 'Pass the tide-table quiz.', tags: ['tides'], openBadge: true },
    });
    expect(batch.courses[1]).toEqual({
      ...base,
      source: 'ctdl',
      externalId: 'https://example.org/course/intro',
      provider: 'Harbourline Academy',
      title: 'Intro to Tidal Data',
      description: 'Collect tide readings.\nChart them in a spreadsheet.',
      url: 'https://harbourline.example/intro',
      hours: 40,
      // Cheapest tuition alternative (120, not 150) plus the processing fee (30).
      cost: 150,
      currency: 'USD',
      level: 'beginner',
      language: 'en',
      format: 'online',
      credentialType: 'course',
      issuer: 'Harbourline Academy',
      stacksInto: ['https://example.org/program/tides'],
      skills: [{ skill: { source: 'esco', uri: esco }, confidence: 0.95, evidence: { kind: 'alignment', span: 'use spreadsheets software' } }],
      skillTags: [{ label: 'Tide prediction', kind: 'alignment' }],
      attributes: {
        ctid: 'ce-11111111-2222-4333-8444-555555555555',
        audienceLevel: ['Beginner Level'],
        deliveryType: ['Online Only'],
        occupations: [{ name: 'Geoscientists', code: '19-2042.00', framework: 'https://www.onetcenter.org/taxonomy.html' }],
        durationText: 'About forty hours.',
        priceText: 'Tuition (in-state)\nTuition (out-of-state)',
      },
    });
    expect(batch.courses[2]).toEqual({
      ...base,
      source: 'ctdl',
      externalId: 'https://example.org/program/tides',
      provider: 'https://example.org/org/partner',
      title: 'Tides Programme',
      hours: 30,
      cost: 400,
      currency: 'EUR',
      format: 'blended',
      credentialType: 'learning-program',
      issuer: 'Harbourline Academy',
    });
    expect(batch.courses[3]).toMatchObject({
      provider: 'Harbourline Academy',
      issuer: 'Harbourline Academy',
      title: 'Advanced Tides',
      hours: 15,
      prerequisites: ['https://example.org/course/intro'],
      stacksInto: ['https://example.org/program/tides'],
      attributes: { entryConditions: ['Finish the intro first.'] },
    });
    expect(problems(batch)).toEqual([
      expect.stringMatching(/^ctdl\/broken\.json:- not valid JSON: .*; file skipped$/),
      "ctdl/graph.json:1 'Tides Programme': organisation https://example.org/org/partner is not in the input (its id is used as the name)",
      'ctdl/graph.json:4 no @type or type; item skipped',
    ]);
  });

  it('reads a single file, with a content-hash version', async () => {
    const file = path.join(dir, 'course-intro.json');
    const batch = await readCtdlCatalog(file);
    expect(batch.source.version).toBe(sha12(file));
    // Without org.json and graph.json, the owner stays an id and the isPartOf link has no target.
    expect(batch.courses).toHaveLength(1);
    expect(batch.courses[0]).toMatchObject({ provider: 'https://example.org/org/harbourline', stacksInto: [] });
  });

  it('readOpenBadge converts one credential or achievement, or says why not', () => {
    const credential: unknown = JSON.parse(readFileSync(path.join(dir, 'badges/tide-reader.json'), 'utf8'));
    const badge = readOpenBadge(credential);
    expect(badge).toEqual({
      id: 'https://example.org/achievements/tide-reader',
      name: 'Tide Reader',
      issuer: 'Harbourline Academy',
      description: 'Reads tide tables without help.',
      skills: [
        {
          skill: { source: 'esco', uri: 'http://data.europa.eu/esco/skill/5b5c8d9e-0000-4a1b-9c2d-7e8f90a1b2c3' },
          confidence: 0.95,
          evidence: { kind: 'alignment', span: 'use spreadsheets software' },
        },
        { skill: { source: 'onet', uri: '2.A.2.a' }, confidence: 0.95, evidence: { kind: 'alignment', span: 'Critical Thinking' } },
      ],
      skillTags: [{ label: 'Reading tide tables', kind: 'alignment' }],
    });
    const achievement = (credential as { credentialSubject: { achievement: Record<string, unknown> } }).credentialSubject.achievement;
    expect(readOpenBadge({ ...achievement, creator: { type: ['Profile'], name: 'Maker Guild' } })).toMatchObject({ name: 'Tide Reader', issuer: 'Maker Guild' });
    expect(readOpenBadge('nope')).toBe('expected a JSON object');
    expect(readOpenBadge({ type: ['VerifiableCredential', 'EndorsementCredential'], credentialSubject: {} })).toBe(
      'no achievement in VerifiableCredential/EndorsementCredential (expected an Achievement or an OpenBadgeCredential)',
    );
    expect(readOpenBadge({ type: ['Achievement'], name: '' })).toBe('achievement has no name');
  });
});

describe('gzip and format checks', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'skillpath-courses-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads a gzipped catalog, by its .gz name or its plain name', async () => {
    const gz = path.join(tmp, 'edx_courses.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('edx_courses.csv'))));
    const plain = await readEdxCatalog(fixture('edx_courses.csv'));
    const zipped = await readEdxCatalog(gz);
    const byPlainName = await readEdxCatalog(path.join(tmp, 'edx_courses.csv'));
    expect(zipped.courses).toEqual(plain.courses);
    expect(byPlainName.courses).toEqual(plain.courses);
    expect(zipped.source.version).toBe(sha12(gz));
    expect(zipped.problems.map((p) => `${p.line} ${p.message}`)).toEqual(plain.problems.map((p) => `${p.line} ${p.message}`));
  });

  it('reads a gzipped generic CSV', async () => {
    const gz = path.join(tmp, 'generic_courses.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('generic_courses.csv'))));
    const batch = await readCourses(gz, 'generic', { source: 'acme' });
    expect(batch.courses.map((c) => c.externalId)).toEqual(['sql-1', 'sql-2', 'cert-1']);
  });

  it('keeps the version when the file is unchanged and honours an explicit one', async () => {
    const copy = path.join(tmp, 'udemy_copy.csv');
    copyFileSync(fixture('udemy_courses.csv'), copy);
    expect((await readUdemyCatalog(copy)).source.version).toBe((await readUdemyCatalog(fixture('udemy_courses.csv'))).source.version);
    expect((await readUdemyCatalog(copy, { version: '2017-07', source: 'udemy-2017' })).source).toEqual({
      name: 'udemy-2017',
      kind: 'catalog',
      version: '2017-07',
    });
  });

  it('turns a CSV syntax error part-way into a problem and keeps the rows before it', async () => {
    const file = path.join(tmp, 'udemy_broken.csv');
    const lines = readFileSync(fixture('udemy_courses.csv'), 'utf8').split('\n');
    writeFileSync(file, [...lines.slice(0, 3), '505,"Unclosed quote,https://www.udemy.com/x/,True,20,1,1,1,All Levels,1,2017-01-01T00:00:00Z,Web Development', ''].join('\n'));
    const batch = await readUdemyCatalog(file);
    expect(batch.courses.map((c) => c.externalId)).toEqual(['501', '502']);
    expect(batch.problems).toEqual([{ file, line: expect.any(Number) as number, message: expect.stringMatching(/^CSV parse error: .*; rest of file skipped$/) as string }]);
  });

  it('throws MissingColumnsError naming the expected columns on a wrong-format file', async () => {
    const error: unknown = await readEdxCatalog(fixture('udemy_courses.csv')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingColumnsError);
    expect((error as MissingColumnsError).expected).toContain('course_effort');
    expect((error as MissingColumnsError).message).toMatch(/Expected columns: title, summary, n_enrolled/);
    await expect(readCourses(fixture('edx_courses.csv'), 'coursera-tags')).rejects.toThrow(/Gained Skills/);
    await expect(readCourses(fixture('edx_courses.csv'), 'generic', { source: 'x' })).rejects.toThrow(MissingColumnsError);
  });
});

describe('course format registry', () => {
  it('names every format once in help and dispatches by name with default sources', async () => {
    expect(COURSE_FORMATS).toEqual(['coursera-tags', 'coursera', 'edx', 'udemy', 'generic', 'ctdl']);
    const help = describeFormats().split('\n');
    expect(help).toHaveLength(COURSE_FORMATS.length);
    COURSE_FORMATS.forEach((format, i) => expect(help[i]?.startsWith(format)).toBe(true));
    expect((await readCourses(fixture('udemy_courses.csv'), 'udemy')).source.name).toBe('udemy');
    expect((await readCourses(fixture('coursera_courses_skills.csv'), 'coursera-tags')).source.name).toBe('coursera-tags');
    expect((await readCourses(fixture('ctdl/course-intro.json'), 'ctdl')).source.name).toBe('ctdl');
  });
});
