/** The printable gap-report page, rendered from a recommendation the engine produced. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { GapReport } from '../../src/core/recommend/reports.js';
import type { Recommendation } from '../../src/core/recommend/types.js';
import { escapeHtml } from '../../src/reports/html.js';
import { estimatedFinish, renderReportHtml, safeHttpUrl } from '../../src/reports/render-report.js';

const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/reports/recommendation.json');
const recommendation = (): Recommendation => JSON.parse(readFileSync(fixture, 'utf8')) as Recommendation;

const ID = '3f0c2a8e-6b1d-4c7e-9a55-0d2b7e4f1a90';
const report = (r: Recommendation = recommendation()): GapReport => ({ id: ID, createdAt: '2026-03-02T10:00:00.000Z', learnerId: r.learner.id, recommendation: r });

/** Tags stripped and whitespace collapsed: what a reader sees. */
const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
const h2s = (html: string) => [...html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);

describe('renderReportHtml', () => {
  const html = renderReportHtml(report());

  it('is a complete document with every section, in order', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toMatch(/<header class="report-header">[\s\S]*<main>[\s\S]*<\/main>[\s\S]*<footer/);
    expect(h2s(html)).toEqual([
      'Coverage',
      'Required skills at a glance',
      'Skill gap',
      'Learning path',
      'Stackable credentials',
      'Alternatives',
      'Not covered and constraints',
      'What the learner already has',
      'About this report',
    ]);
    expect(html).toContain('@page { size: A4; margin: 15mm; }');
    expect(html).not.toMatch(/<script|<link|<img|src=/i);
  });

  it('shows the header: learner, role, match, date and links', () => {
    const t = text(html);
    expect(html).toContain('<h1>Data Analyst</h1>');
    expect(t).toContain('Learner learner-1');
    expect(t).toContain('starter · data-analyst');
    expect(t).toContain('Matched by title, 100% confidence');
    expect(html).toContain('<time datetime="2026-03-02">2 March 2026</time>');
    expect(html).toContain(`<a href="/reports/${ID}">/reports/${ID}</a>`);
    expect(html).toContain(`href="/v1/gap-reports/${ID}"`);
    expect(html).toContain(`href="/v1/gap-reports/${ID}.csv"`);
    expect(t).not.toContain('Ambiguous target');
  });

  it('gets the numbers right: coverage, totals and the finish date', () => {
    const t = text(html);
    // coverageBefore 0.1162, coverageAfter 0.9052
    expect(t).toContain('12% → to 91%');
    expect(html).toContain('aria-label="Coverage now: 12%"><div class="bar-fill" style="width:12%">');
    expect(html).toContain('style="width:91%"');
    expect(t).toContain('Hours 80 h Cost USD 177 Steps 4 Weeks 14');
    // 2 March 2026 + 14 weeks
    expect(estimatedFinish('2026-03-02T10:00:00.000Z', 14)?.toISOString().slice(0, 10)).toBe('2026-06-08');
    expect(t).toContain('Estimated finish: 8 June 2026 (14 weeks from the report date)');
    expect(estimatedFinish('2026-03-02T10:00:00.000Z', null)).toBeNull();
  });

  it('lays out the skill chart, the gap table and the timeline', () => {
    expect(html.match(/<li class="chip chip-/g)).toHaveLength(14);
    expect(text(html)).toContain('Essential (1 held · 0 partial · 7 missing)');
    expect(html).toMatch(/<li class="chip chip-held"><span class="chip-label">SQL<\/span><span class="chip-status"><span aria-hidden="true">✓<\/span> Held/);
    expect(html).toContain('✗</span> Missing → step 1');
    expect(html.match(/<th scope="col">/g)?.length).toBeGreaterThanOrEqual(6);
    expect(html).toContain('<tr><th scope="row">SQL</th><td>essential</td><td class="num">0.95</td>');
    expect(html).toContain('<span class="ev-kind">skill</span> stated skill &quot;SQL&quot; <span class="muted">(100% confidence)</span>');
    expect(html).toContain('<a href="#step-3">Step 3</a> Dashboards and Reporting with Power BI');
    expect(html.match(/<li class="step" id="step-\d">/g)).toHaveLength(4);
    expect(html).toContain('<a class="course-link" href="https://example.org/northbridge/spreadsheet-analysis" rel="noopener noreferrer">Spreadsheet Analysis for Business</a>');
    const t = text(html);
    expect(t).toContain('Provider OpenSkills Collective Hours 30 h Cost Free Level beginner When Weeks 2–7');
    expect(t).toContain('These 2 stack into Data Analytics Professional Certificate (Northbridge Digital Academy) : not complete');
    expect(t).toContain('Optional skills not planned for: Business metrics and KPIs, Tableau, A/B testing.');
    // A stored report without requirement classes (from before they existed) still renders as it did.
    expect(t).not.toContain('Transversal skills not planned for');
    expect(t).toContain('“Spreadsheet Essentials” : no catalog credential matches this name closely enough.');
    expect(t).toContain('optimal · solver highs · gap 0% · 208 ms');
    expect(t).toContain('Catalogs starter 2026.11.1');
  });

  it('marks estimated values, ambiguity, alternatives, uncovered skills and binding constraints', () => {
    const r = recommendation();
    r.path[0]!.estimated = ['hours'];
    r.target.ambiguous = true;
    r.alternatives = [{ label: 'cheapest', path: [r.path[1]!], totals: { hours: 30, cost: 0, currency: 'USD', steps: 1, weeks: 6 }, coverageAfter: 0.3 }];
    r.uncovered = [{ skill: r.gap.required[7]!.skill, reason: 'constraint', detail: 'Courses teach it, but the limits leave no room.' }];
    r.binding = [{ constraint: 'maxCost', detail: 'The budget of 100 USD is used up.' }];
    const out = renderReportHtml(report(r));
    const t = text(out);
    expect(t).toContain('Hours 10 h estimated');
    expect(t).toContain('Other candidates: Data Scientist (starter · data-scientist, score 50%)');
    expect(out.match(/<article class="alt/g)).toHaveLength(2);
    expect(t).toContain('Cheapest Hours 30 h Cost Free Steps 1 Weeks 6 Coverage after 30% Practical Statistics with R');
    expect(t).toContain('Data storytelling constraint Courses teach it, but the limits leave no room.');
    expect(t).toContain('maxCost : The budget of 100 USD is used up.');
  });

  it('says why a transversal skill is not in the path', () => {
    const r = recommendation();
    const tableau = r.gap.required.find((req) => req.skill.label === 'Tableau')!;
    tableau.class = 'transversal';
    const page = renderReportHtml(report(r));
    expect(page).toContain('Not in the path (transversal: most occupations list it)');
    expect(text(page)).toContain('Transversal skills not planned for: Tableau. Most occupations list them');
    expect(text(page)).toContain('Optional skills not planned for: Business metrics and KPIs, A/B testing.');
  });

  it("shows each step's credibility signals, and renders reports stored without them", () => {
    const r = recommendation();
    r.path[0]!.quality = {
      score: 0.82,
      summary: 'rated 4.7 by 12,000 learners; University of Michigan (university); specialization, 60 h',
      rating: 4.7,
      ratingCount: 12_000,
      enrolment: null,
      providerType: 'university',
      accredited: false,
      credentialType: 'specialization',
      hours: 60,
    };
    const t = text(renderReportHtml(report(r)));
    expect(t).toContain('Credibility: 82% — rated 4.7 by 12,000 learners; University of Michigan (university); specialization, 60 h');
    expect(t.match(/Credibility:/g)).toHaveLength(1);
    expect(text(html)).not.toContain('Credibility:');
  });

  it('says how much of the total cost is estimated, and does not call an all-estimated path mixed', () => {
    const r = recommendation();
    r.totals = { ...r.totals, cost: 120, currency: null, pricedSteps: 0, estimatedCostSteps: 4, costNote: 'about 120 (currency unknown); all 4 prices estimated from the catalog median' };
    const t = text(renderReportHtml(report(r)));
    expect(t).toContain('Cost 120 about 120 (currency unknown); all 4 prices estimated from the catalog median Steps');
    expect(t).not.toContain('mixed currencies');
    r.totals = { ...r.totals, cost: 177, currency: 'USD', pricedSteps: 4, estimatedCostSteps: 0, costNote: '177 USD' };
    expect(text(renderReportHtml(report(r)))).toContain('Cost USD 177 Steps');
  });

  it('escapes every value from data and links only http(s) URLs', () => {
    const r = recommendation();
    const evil = '<script>alert(1)</script>';
    r.gap.required[1]!.skill.label = evil;
    r.path[0]!.covers[0]!.skill.label = evil;
    r.path[0]!.course.url = 'javascript:alert(1)';
    r.path[1]!.course.title = 'R" onmouseover="alert(1)';
    r.learner.id = `"><img src=x onerror=alert(1)>`;
    const out = renderReportHtml({ ...report(r), learnerId: r.learner.id });
    expect(out).not.toContain(evil);
    expect(out).not.toMatch(/<script|<img/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).not.toContain('javascript:');
    expect(out).toContain('<h3><span class="visually-hidden">Step 1: </span>Spreadsheet Analysis for Business</h3>');
    expect(out).toContain('R&quot; onmouseover=&quot;alert(1)');
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
    expect(safeHttpUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    for (const bad of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,x', '//evil.example', 'not a url', null]) expect(safeHttpUrl(bad)).toBeNull();
  });

  it('offline: keeps the id, drops links to the server and to course sites', () => {
    const out = renderReportHtml(report(), { offline: true });
    expect(out).not.toContain('/v1/');
    expect(out).not.toContain('href="/reports/');
    expect(out).not.toMatch(/href="https?:/);
    expect(text(out)).toContain(`Report id: ${ID}`);
    // The course address stays readable, as text.
    expect(out).toContain('<span class="url">https://example.org/northbridge/spreadsheet-analysis</span>');
    // In-page anchors work from disk.
    expect(out).toContain('href="#step-1"');
  });
});
