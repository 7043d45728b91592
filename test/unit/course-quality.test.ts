import { describe, expect, it } from 'vitest';
import { courseQuality, providerTypeOf, type QualityInput } from '../../src/core/recommend/course-quality.js';

const course = (over: Partial<QualityInput> = {}): QualityInput => ({
  provider: 'Example Learning',
  issuer: null,
  credentialType: null,
  hours: null,
  attributes: {},
  ...over,
});

describe('courseQuality', () => {
  it('believes a rating from many learners more than a higher one from a few', () => {
    const few = courseQuality(course({ attributes: { rating: 5, reviews: 3 } }));
    const many = courseQuality(course({ attributes: { rating: 4.6, reviews: 10_000 } }));
    expect(many.score).toBeGreaterThan(few.score);
    // Three perfect ratings barely move the score off neutral.
    expect(few.score).toBeLessThan(0.56);
    expect(few.summary).toContain('rated 5.0 by 3 learners (few ratings)');
    expect(many.summary).toContain('rated 4.6 by 10,000 learners');
    // The same mean over more ratings only ever counts more.
    const scores = [5, 50, 500, 5000].map((n) => courseQuality(course({ attributes: { rating: 4.8, reviews: n, enrolment: 1000 } })).score);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
    expect(scores[3]).toBeGreaterThan(scores[0]!);
  });

  it('is neutral (0.5) when nothing is known, and unknown signals do not sink a course', () => {
    const unknown = courseQuality(course());
    expect(unknown).toMatchObject({ score: 0.5, rating: null, ratingCount: null, enrolment: null, providerType: 'other', credentialType: null, hours: null });
    expect(unknown.summary).toBe('no ratings in the catalog; Example Learning');
    // A good course whose catalog records no ratings (edX) still scores above neutral on what is known.
    const edx = courseQuality(course({ provider: 'Harvard University', credentialType: 'verified-certificate', hours: 40 }));
    expect(edx.score).toBeGreaterThan(0.6);
    // A known poor rating from many learners does count against it.
    expect(courseQuality(course({ attributes: { rating: 3.2, reviews: 2000 } })).score).toBeLessThan(0.5);
  });

  it('explains the score in one sentence', () => {
    const q = courseQuality(
      course({ provider: 'University of Michigan', credentialType: 'specialization', hours: 60, attributes: { rating: 4.7, reviews: 12_000, platform: 'Coursera' } }),
    );
    expect(q.summary).toBe('rated 4.7 by 12,000 learners; University of Michigan (university); specialization, 60 h');
    expect(q.score).toBeGreaterThan(0.8);
    expect(q.score).toBeLessThanOrEqual(1);
  });

  it('counts a 1.5-hour guided project as shallow', () => {
    const project = courseQuality(course({ provider: 'Coursera Project Network', credentialType: 'guided-project', hours: 1.5 }));
    const certificate = courseQuality(course({ provider: 'Coursera Project Network', credentialType: 'professional-certificate', hours: 120 }));
    expect(project.score).toBeLessThan(0.5);
    expect(certificate.score).toBeGreaterThan(project.score);
    expect(project.summary).toBe('no ratings in the catalog; Coursera Project Network; guided project, 1.5 h');
  });

  it('ignores ratings outside 0–5 and non-numeric attributes', () => {
    const q = courseQuality(course({ attributes: { rating: 47, reviews: '12000', enrolment: -3 } }));
    expect(q).toMatchObject({ rating: null, ratingCount: null, enrolment: null, score: 0.5 });
  });

  it('counts a CTDL accreditation', () => {
    const q = courseQuality(course({ attributes: { accreditedBy: ['Regional Accreditor'] } }));
    expect(q.accredited).toBe(true);
    expect(q.score).toBeGreaterThan(0.5);
    expect(q.summary).toContain('Example Learning, accredited');
  });
});

describe('providerTypeOf', () => {
  it.each([
    ['University of Michigan', 'university'],
    ['Universidad Autónoma de Madrid', 'university'],
    ['Università Bocconi', 'university'],
    ['Massachusetts Institute of Technology', 'university'],
    ['Imperial College London', 'university'],
    ['ESSEC Business School', 'university'],
    ['HarvardX', 'university'],
    ['MITx', 'university'],
    ['Meridian University Extension', 'university'],
    ['IBM', 'industry'],
    ['Google Cloud', 'industry'],
    ['Microsoft', 'industry'],
    ['Meta', 'industry'],
    ['Amazon Web Services', 'industry'],
    ['SAS', 'industry'],
    ['ISC2', 'industry'],
    ['CompTIA', 'industry'],
    ['DeepLearning.AI', 'industry'],
    ['The Linux Foundation', 'industry'],
    // Conservative: nothing in the name says which it is.
    ['Coursera Project Network', 'other'],
    ['Udemy', 'other'],
    ['Harbour Tech Institute', 'other'],
    ['Kansas Learning Hub', 'other'],
    ['Metadata Academy', 'other'],
  ] as const)('%s → %s', (name, type) => {
    expect(providerTypeOf([name])).toBe(type);
  });

  it('reads the issuer too, and a CTDL agent type first', () => {
    expect(providerTypeOf(['Udemy', 'Google'])).toBe('industry');
    expect(providerTypeOf(['Acme Training'], 'Four-Year College')).toBe('university');
    expect(providerTypeOf(['Acme Training'], ['Business or Industry Association'])).toBe('industry');
  });
});
