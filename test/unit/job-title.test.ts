import { describe, expect, it } from 'vitest';
import { normaliseJobTitle } from '../../src/core/search/job-title.js';

const titleOf = (raw: string) => normaliseJobTitle(raw).title;

describe('normaliseJobTitle', () => {
  it('splits listed alternatives and drops seniority from each', () => {
    expect(normaliseJobTitle('Senior Copywriter / Senior Brand Executive')).toEqual({
      title: 'copywriter brand executive',
      alternatives: ['copywriter', 'brand executive'],
      removed: ['seniority: senior'],
    });
  });

  it('drops the employer or place after "@", "at" and a spaced dash', () => {
    expect(normaliseJobTitle('Operation Coordinator @ Logistics MNC')).toEqual({
      title: 'operation coordinator',
      alternatives: ['operation coordinator'],
      removed: ['company or place: Logistics MNC'],
    });
    expect(normaliseJobTitle('Sales Associate at Walmart')).toMatchObject({ title: 'sales associate', removed: ['company or place: Walmart'] });
    expect(titleOf('Software Engineer - London')).toBe('software engineer');
    expect(titleOf('Software Engineer – London')).toBe('software engineer');
    expect(normaliseJobTitle('Sr. Java Developer - Remote')).toMatchObject({ title: 'java developer', removed: ['work terms: Remote', 'seniority: sr'] });
    expect(normaliseJobTitle('Registered Nurse (ICU) - Night Shift')).toMatchObject({ title: 'registered nurse icu', removed: ['company or place: Night Shift'] });
  });

  it('keeps the words after a separator when nothing would be left before it', () => {
    expect(titleOf('Senior - Software Engineer - London')).toBe('software engineer');
    expect(titleOf('Part Time - Cashier')).toBe('cashier');
    expect(titleOf('Senior @ Acme')).toBe('acme');
  });

  it('does not treat an unspaced hyphen or a leading "at" / "or" as a separator', () => {
    expect(titleOf('Full-Stack Developer')).toBe('full-stack developer');
    expect(titleOf('E-Commerce Manager')).toBe('e-commerce manager');
    expect(titleOf('At Home Care Assistant')).toBe('at home care assistant');
    expect(normaliseJobTitle('OR Nurse').alternatives).toEqual(['or nurse']);
  });

  it('drops bracket groups holding a code, a level or a work term, and keeps the words of the others', () => {
    expect(normaliseJobTitle('Data Centre Engineer (Level 1)')).toEqual({
      title: 'data centre engineer',
      alternatives: ['data centre engineer'],
      removed: ['level: (Level 1)'],
    });
    expect(normaliseJobTitle('C++ Developer [REQ-1234] (ID: 55) (2024)')).toMatchObject({
      title: 'c++ developer',
      removed: ['code: [REQ-1234]', 'code: (ID: 55)', 'code: (2024)'],
    });
    expect(normaliseJobTitle('.NET Developer (Remote) (Part-time) (Contract)')).toMatchObject({
      title: '.net developer',
      removed: ['work terms: (Remote)', 'work terms: (Part-time)', 'work terms: (Contract)'],
    });
    expect(titleOf('Teacher (Maternity Cover)')).toBe('teacher');
    expect(titleOf('Engineer (Remote (UK))')).toBe('engineer');
    expect(titleOf('Nurse (ICU)')).toBe('nurse icu');
    // Separators inside a kept group do not split the title.
    expect(normaliseJobTitle('Nurse (ICU/CCU)')).toMatchObject({ title: 'nurse icu ccu', alternatives: ['nurse icu ccu'] });
    expect(titleOf('Nurse (ICU')).toBe('nurse icu');
  });

  it('removes gender markers, bracketed anywhere or bare', () => {
    expect(normaliseJobTitle('Software Engineer (m/w/d)')).toEqual({
      title: 'software engineer',
      alternatives: ['software engineer'],
      removed: ['gender marker: (m/w/d)'],
    });
    for (const marker of ['(m/f/d)', '(f/m/d)', '(w/m/d)', '(m/f)', '(h/f)', '(f/h)', '(m/w)', '(f/m/x)', '(all genders)', '(d/f/m)', '( M / W / D )', '[m/w/div.]']) {
      expect(titleOf(`Koch ${marker} Hamburg`), marker).toBe('koch hamburg');
    }
    expect(normaliseJobTitle('Softwareentwickler m/w/d')).toMatchObject({ title: 'softwareentwickler', removed: ['gender marker: m/w/d'] });
    expect(titleOf('Sales Assistant M/F - Paris')).toBe('sales assistant');
    expect(titleOf('Développeur Senior (H/F)')).toBe('développeur');
  });

  it('removes seniority words but keeps grades that name an occupation', () => {
    expect(normaliseJobTitle('Internship Digital Marketer')).toMatchObject({ title: 'digital marketer', removed: ['seniority: internship'] });
    expect(titleOf('Jnr Graphic Designer')).toBe('graphic designer');
    expect(titleOf('Sr.Software Engineer')).toBe('software engineer');
    expect(titleOf('Entry Level Data Analyst')).toBe('data analyst');
    expect(titleOf('Entry-Level Data Analyst')).toBe('data analyst');
    expect(titleOf('Mid-Senior Level Product Manager')).toBe('product manager');
    expect(titleOf('Experienced Trainee Intern Welder')).toBe('welder');
    expect(titleOf('Data Entry Clerk')).toBe('data entry clerk');
    expect(titleOf('Apprentice Electrician')).toBe('apprentice electrician');
    expect(titleOf('Graduate Principal Lead Head Chief Engineer')).toBe('graduate principal lead head chief engineer');
  });

  it('removes levels, grades and trailing numerals', () => {
    expect(normaliseJobTitle('Accountant II')).toMatchObject({ title: 'accountant', removed: ['level: ii'] });
    expect(titleOf('Engineer III / Developer IV')).toBe('engineer developer');
    expect(titleOf('Band 5 Staff Nurse')).toBe('staff nurse');
    expect(titleOf('Level 3 Support Engineer')).toBe('support engineer');
    expect(titleOf('Support Engineer Lvl 2')).toBe('support engineer');
    expect(titleOf('Civil Servant Grade7')).toBe('civil servant');
    expect(titleOf('Technician 2')).toBe('technician');
    // Only after another word: a lone numeral is not a level of anything.
    expect(titleOf('911 Dispatcher')).toBe('911 dispatcher');
    expect(titleOf('Chapter V')).toBe('chapter');
    expect(titleOf('V')).toBe('v');
  });

  it('removes hiring noise and work terms; "contract" and "job" only where they are not part of the occupation', () => {
    expect(titleOf('URGENT Hiring: Barista wanted')).toBe('barista');
    expect(titleOf('Now Hiring: Cook - Immediate Start')).toBe('cook');
    expect(titleOf('Full Time Remote Hybrid Permanent Freelance Temporary Copy Editor')).toBe('copy editor');
    expect(titleOf('Part-Time Cleaner Required')).toBe('cleaner');
    expect(titleOf('Contract Manager')).toBe('contract manager');
    expect(titleOf('Java Developer Contract')).toBe('java developer');
    expect(titleOf('Job Coach')).toBe('job coach');
    expect(titleOf('Job: Cook')).toBe('cook');
  });

  it('lists alternatives on "/", "|", "&" and "or", but not on "and"', () => {
    expect(normaliseJobTitle('Car Service Mechanic & Tyre Man')).toEqual({
      title: 'car service mechanic tyre man',
      alternatives: ['car service mechanic', 'tyre man'],
      removed: [],
    });
    const safety = normaliseJobTitle('Health & Safety Officer');
    expect(safety.title).toBe('health safety officer');
    expect(safety.alternatives).toEqual(expect.arrayContaining(['health', 'safety officer']));
    expect(normaliseJobTitle('Health &amp; Safety Officer').alternatives).toEqual(safety.alternatives);
    expect(normaliseJobTitle('Health and Safety Officer').alternatives).toEqual(['health and safety officer']);
    expect(normaliseJobTitle('Waiter or Waitress').alternatives).toEqual(['waiter', 'waitress']);
    expect(normaliseJobTitle('Cashier | Shop Assistant').alternatives).toEqual(['cashier', 'shop assistant']);
    // Parts under two letters are not alternatives, duplicates count once.
    expect(normaliseJobTitle('Nurse / Nurse / X').alternatives).toEqual(['nurse']);
    expect(normaliseJobTitle('Senior / Engineer')).toMatchObject({ title: 'engineer', alternatives: ['engineer'] });
  });

  it('lower-cases and keeps letters of any script', () => {
    expect(titleOf('MARKETING STAFF')).toBe('marketing staff');
    expect(titleOf('  Ingeniero   de Software ,  ')).toBe('ingeniero de software');
    expect(titleOf('ソフトウェアエンジニア')).toBe('ソフトウェアエンジニア');
    expect(titleOf('सॉफ्टवेयर इंजीनियर')).toBe('सॉफ्टवेयर इंजीनियर');
    expect(titleOf('ÜBERSETZER')).toBe('übersetzer');
  });

  it('returns an empty title when nothing is left', () => {
    for (const raw of ['', '   ', 'Senior', '(m/w/d)', '(Remote) - Urgent', '/ & |']) {
      expect(normaliseJobTitle(raw), JSON.stringify(raw)).toMatchObject({ title: '', alternatives: [] });
    }
    expect(normaliseJobTitle('Senior').removed).toEqual(['seniority: senior']);
  });

  it('survives hostile input', () => {
    expect(titleOf('a\u0000b 🚀 Engineer 👩‍💻\uD800')).toBe('a b engineer');
    const long = normaliseJobTitle('(Level 1) / [x] | '.repeat(600) + 'Engineer');
    expect(long.title.endsWith(' engineer')).toBe(true);
    expect(long.alternatives).toEqual(['engineer']);
    expect(long.removed).toEqual(['level: (Level 1)']);
    expect(normaliseJobTitle('('.repeat(5000) + ')'.repeat(5000))).toMatchObject({ title: '', alternatives: [] });
    expect(normaliseJobTitle('('.repeat(10_000)).title).toBe('');
    expect(normaliseJobTitle('Engineer' + ' '.repeat(10_000) + '- ' + 'x'.repeat(10_000)).title).toBe('engineer');
    // Alternatives and explanations stay bounded.
    const many = normaliseJobTitle(Array.from({ length: 2000 }, (_, i) => `Role${i} (Code ${i})`).join(' / '));
    expect(many.alternatives).toHaveLength(10);
    expect(many.removed.length).toBeLessThanOrEqual(20);
    expect(normaliseJobTitle(`Engineer @ ${'Acme '.repeat(2000)}`).removed[0]?.length).toBeLessThan(160);
  });
});
