import type { CatalogBatch } from '../../src/ingest/records.js';

/** A tiny hand-made batch whose every value the tests can predict. */
export function tinyBatch(version = '1'): CatalogBatch {
  const skill = (uri: string, label: string, broader: string[] = []) => ({
    source: 'tiny',
    sourceVersion: version,
    uri,
    label,
    altLabels: [`${label} alt`],
    description: `${label} described.`,
    type: 'skill' as const,
    group: 'Tiny',
    broader,
  });
  const course = (externalId: string, title: string, skills: string[], prerequisites: string[] = [], stacksInto: string[] = []) => ({
    source: 'tiny',
    externalId,
    provider: 'Tiny Academy',
    title,
    description: `${title} teaches ${skills.join(' and ')}.`,
    url: `https://example.org/tiny/${externalId}`,
    hours: 10,
    cost: 20.5,
    currency: 'EUR',
    level: 'beginner' as const,
    language: 'en',
    format: 'online-self-paced',
    credentialType: 'micro-credential',
    issuer: 'Tiny Academy',
    prerequisites,
    stacksInto,
    skills: skills.map((uri) => ({ skill: { source: 'tiny', uri }, confidence: 0.9, evidence: { kind: 'tag' as const, span: null } })),
  });
  return {
    source: { name: 'tiny', kind: 'catalog', version },
    skills: [skill('analysis', 'Analysis'), skill('sql', 'SQL querying', ['analysis']), skill('charts', 'Chart design', ['analysis'])],
    roles: [
      {
        source: 'tiny',
        sourceVersion: version,
        code: '15-2051.00',
        title: 'Tiny Data Analyst',
        altTitles: ['Reporting analyst'],
        description: 'Analyses tiny data.',
        requirements: [
          { skill: { source: 'tiny', uri: 'sql' }, kind: 'essential', importance: 0.9 },
          { skill: { source: 'tiny', uri: 'charts' }, kind: 'optional', importance: 0.4 },
        ],
      },
    ],
    courses: [
      course('sql-101', 'SQL 101', ['sql'], [], ['cert']),
      course('charts-201', 'Charts 201', ['charts'], ['sql-101'], ['cert']),
      course('cert', 'Tiny Analytics Certificate', ['sql', 'charts']),
    ],
    problems: [],
  };
}
