/**
 * A stored gap report as one self-contained HTML page that career advisors read, print and share.
 * Inline CSS only, no scripts, no external assets: the same markup is served at /reports/:id
 * under a strict CSP and saved to disk (`offline`), where links that need the server are left out.
 * Each section of the page is one file in report-sections/; every value from data is escaped by
 * the html`` template they are written in.
 */
import { readFileSync } from 'node:fs';
import type { GapReport } from '../core/recommend/reports.js';
import { html, raw } from './html-template.js';
import { renderAlternatives } from './report-sections/alternatives-section.js';
import { renderCoverage } from './report-sections/coverage-section.js';
import { renderFooter } from './report-sections/footer-section.js';
import { renderGapTable } from './report-sections/gap-table-section.js';
import { renderHeader } from './report-sections/header-section.js';
import { renderLearner } from './report-sections/learner-section.js';
import { renderPath } from './report-sections/path-section.js';
import { renderSkillChart } from './report-sections/skill-chart-section.js';
import { renderStacks } from './report-sections/stacks-section.js';
import { renderUncovered } from './report-sections/uncovered-section.js';

export { estimatedFinish, safeHttpUrl } from './report-sections/format.js';

export interface RenderReportOptions {
  /** The page will be opened from disk: leave out links to the API and to course sites. */
  offline?: boolean;
}

/** Read once at load; `npm run build` copies the file beside the compiled module. */
const STYLES = raw(readFileSync(new URL('./report.css', import.meta.url), 'utf8'));

export function renderReportHtml(report: GapReport, options: RenderReportOptions = {}): string {
  const offline = options.offline === true;
  const r = report.recommendation;
  const learnerId = report.learnerId ?? r.learner.id;
  const title = `Skill gap report: ${r.target.role.title}${learnerId ? ` for ${learnerId}` : ''}`;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>
${STYLES}</style>
</head>
<body>
<div class="page">
${renderHeader(report, offline)}
<main>
${renderCoverage(r)}
${renderSkillChart(r)}
${renderGapTable(r)}
${renderPath(report, offline)}
${renderStacks(r)}
${renderAlternatives(r)}
${renderUncovered(r)}
${renderLearner(r)}
</main>
${renderFooter(report)}
</div>
</body>
</html>
`.toString();
}
