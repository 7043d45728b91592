import { describe, expect, it } from 'vitest';
import { TEACHES_MIN_CONFIDENCE } from '../../src/core/recommend/course-relevance.js';
import { DEFAULT_LINKER_TUNING, LINK_CONFIDENCE, linkCourse, looksEnglish, textsToEmbed, type NearestSkills } from '../../src/core/search/course-linker.js';
import { PhraseDictionary } from '../../src/core/search/phrase-dictionary.js';

const skill = (id: number, title: string, altTitles: string[] = []) => ({ id, title, altTitles, description: '', source: 'esco' });
const dictionary = PhraseDictionary.build([
  skill(1, 'data analysis', ['analyse data']),
  skill(2, 'SQL', ['structured query language']),
  skill(3, 'statistics', ['stats']),
  skill(4, 'project management'),
  skill(5, 'manage data'),
  skill(6, 'SAS'),
  skill(7, 'Coordination'),
  skill(8, 'Shiny'),
  skill(9, 'Atlassian Confluence', ['Atlassian']),
  skill(10, 'Tableau'),
  skill(11, 'conduct search engine optimisation', ['search engine optimisation']),
  skill(12, 'business strategy'),
]);

// Vectors are stand-ins: each text maps to a one-hot "vector", and nearest() answers from a table.
const table: Record<string, { id: number; score: number }[]> = {
  'pivot tables': [{ id: 1, score: 0.83 }],
  'spreadsheet wizardry': [{ id: 1, score: 0.7 }],
  // A tag whose nearest skill by meaning shares no word with it: a neighbouring topic.
  Scheduling: [{ id: 7, score: 0.84 }],
  'Shiny (R Package)': [{ id: 8, score: 0.89 }],
  // Shares only generic words ("business") with its nearest skill.
  'Business Analysis': [{ id: 12, score: 0.86 }],
  'You will learn to run projects on time and on budget': [
    { id: 4, score: 0.86 },
    { id: 3, score: 0.5 },
  ],
};
const texts = Object.keys(table);
const vectorOf = (text: string) => Float32Array.from(texts, (t) => (t === text ? 1 : 0));
const nearest: NearestSkills = (vector, k) => (table[texts[vector.indexOf(1)]!] ?? []).slice(0, k);
const vectorOrZero = (t: string) => (table[t] ? vectorOf(t) : new Float32Array(texts.length));
const link = (course: Parameters<typeof linkCourse>[0]) =>
  new Map(linkCourse(course, dictionary, nearest, vectorOrZero).map((l) => [l.skillId, l]));

describe('course linker', () => {
  it('links tags by label, then synonym, then by meaning above the threshold', () => {
    const links = linkCourse(
      {
        description: '',
        tags: [
          { label: 'Data Analysis', kind: 'tag' },
          { label: 'structured query language', kind: 'tag' },
          { label: 'pivot tables', kind: 'tag' },
          { label: 'spreadsheet wizardry', kind: 'tag' },
        ],
      },
      dictionary,
      nearest,
      vectorOf,
    );
    expect(links.sort((a, b) => a.skillId - b.skillId)).toEqual([
      { skillId: 1, confidence: LINK_CONFIDENCE.tagLabel, evidenceKind: 'tag', span: 'Data Analysis' },
      { skillId: 2, confidence: LINK_CONFIDENCE.tagAlt, evidenceKind: 'tag', span: 'structured query language' },
    ]);
  });

  it('counts a tag matched by meaning as teaching only when it shares a word with the skill (a "Scheduling" tag is not Coordination)', () => {
    const neighbour = link({ description: '', tags: [{ label: 'Scheduling', kind: 'tag' }] }).get(7)!;
    expect(neighbour.confidence).toBeLessThan(TEACHES_MIN_CONFIDENCE);
    const same = link({ description: '', tags: [{ label: 'Shiny (R Package)', kind: 'tag' }] }).get(8)!;
    expect(same.confidence).toBeGreaterThanOrEqual(TEACHES_MIN_CONFIDENCE);
    // Generic words do not count as shared: "Business Analysis" is not business strategy.
    expect(link({ description: '', tags: [{ label: 'Business Analysis', kind: 'tag' }] }).get(12)!.confidence).toBeLessThan(TEACHES_MIN_CONFIDENCE);
    // A one-word synonym names a family ("Atlassian"), not the product.
    expect(link({ description: '', tags: [{ label: 'Atlassian', kind: 'tag' }] }).get(9)!.confidence).toBeLessThan(TEACHES_MIN_CONFIDENCE);
  });

  it('keeps a passing mention below the planning bar, and a title or a repeated phrase above it', () => {
    const mobile = link({
      title: 'Meta iOS Developer',
      description: 'Build apps for iPhone with Swift. Learn to design screens. Along the way you will manage data in the cloud.',
      tags: [],
    });
    expect(mobile.get(5)).toMatchObject({ evidenceKind: 'text', confidence: LINK_CONFIDENCE.textPassing });
    expect(mobile.get(5)!.confidence).toBeLessThan(TEACHES_MIN_CONFIDENCE);

    const titled = link({ title: 'Data Analysis with Python', description: 'Hands-on exercises.', tags: [] });
    expect(titled.get(1)).toMatchObject({ evidenceKind: 'title', span: 'Data Analysis with Python' });
    expect(titled.get(1)!.confidence).toBeGreaterThanOrEqual(TEACHES_MIN_CONFIDENCE);

    const repeated = link({ title: 'Working with records', description: 'Learn to manage data well. Then manage data at scale.', tags: [] });
    expect(repeated.get(5)!.confidence).toBe(LINK_CONFIDENCE.textCentral);
  });

  it('needs the title or a tag to agree before a short ambiguous name in prose counts (SAS, here Spectrum Access System)', () => {
    const radio = link({ title: 'CBRS Certified Professional Installer', description: 'Register devices with the SAS. The SAS assigns channels.', tags: [] });
    expect(radio.get(6)!.confidence).toBe(LINK_CONFIDENCE.textAmbiguous);
    const stats = link({ title: 'Statistical programming in SAS', description: 'Write SAS programs.', tags: [] });
    expect(stats.get(6)!.confidence).toBeGreaterThanOrEqual(TEACHES_MIN_CONFIDENCE);
  });

  it('reads stated outcomes as central evidence', () => {
    const links = link({ title: 'Business foundations', description: 'An overview.', outcomes: ['Use SQL to query a warehouse', 'Apply project management'], tags: [] });
    expect(links.get(4)).toMatchObject({ evidenceKind: 'outcome', confidence: LINK_CONFIDENCE.outcomeLabel });
    // "SQL" is short: named in an outcome alone, it stays below the bar.
    expect(links.get(2)!.confidence).toBeLessThan(TEACHES_MIN_CONFIDENCE);
  });

  it('links nothing from the prose of a course not in English (French "tableaux" is not Tableau)', () => {
    const french = {
      title: 'Google Data Studio – Création de Tableaux de Bords',
      description: 'Dans ce cours, vous apprendrez à créer des tableaux de bord avec les données de votre entreprise et à les partager.',
      tags: [],
    };
    expect(looksEnglish(`${french.title} ${french.description}`)).toBe(false);
    expect(linkCourse(french, dictionary, nearest, vectorOrZero)).toEqual([]);
    expect(textsToEmbed(french, dictionary).sentences).toEqual([]);
    // The catalog's own language field wins over the guess.
    expect(looksEnglish('Learn data analysis with the best tools in the world', 'es')).toBe(false);
    expect(looksEnglish('Learn data analysis with the best tools in the world', 'English')).toBe(true);
  });

  it('matches American and British spellings alike', () => {
    const seo = link({ title: 'Search Engine Optimization (SEO)', description: '', tags: [] });
    expect(seo.get(11)).toMatchObject({ evidenceKind: 'title' });
  });

  it('reads sentence meaning, and a second kind of evidence corroborates a link', () => {
    const description = 'We cover SQL and stats. You will learn to run projects on time and on budget';
    expect(textsToEmbed({ description, tags: [] }, dictionary).sentences.map((s) => s.text)).toEqual([
      'We cover SQL and stats',
      'You will learn to run projects on time and on budget',
    ]);
    const links = link({ description, tags: [] });
    expect(links.get(4)).toMatchObject({ evidenceKind: 'text', confidence: Number((0.86 * LINK_CONFIDENCE.textSemanticFactor).toFixed(4)) });
    // Above the tuned threshold only: raising it drops the link found by meaning.
    const strict = linkCourse({ description, tags: [] }, dictionary, nearest, vectorOrZero, { ...DEFAULT_LINKER_TUNING, textSemanticMin: 0.9 });
    expect(strict.some((l) => l.skillId === 4)).toBe(false);

    const both = link({ title: 'Project management essentials', description, tags: [] });
    expect(both.get(4)!.confidence).toBe(Math.min(LINK_CONFIDENCE.max, LINK_CONFIDENCE.titleLabel + LINK_CONFIDENCE.corroboration));
  });
});
