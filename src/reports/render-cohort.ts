/** The cohort summary as a self-contained HTML page that opens offline and prints on A4. */
import type { CohortSummary } from './cohort.js';
import { escapeHtml as e, percent } from './html.js';

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;max-width:960px;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #d0d7de;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #d0d7de;vertical-align:top}
th{background:#f3f5f7}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#57606a}.error{color:#a40e26}
a{color:#0550ae}a:focus{outline:3px solid #0969da;outline-offset:2px}
@page{size:A4;margin:15mm}@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}tr{break-inside:avoid}}`;

export function renderCohortHtml(summary: CohortSummary, reportFile: (learnerId: string) => string): string {
  const role = summary.role ? `${e(summary.role.title)} <span class="muted">(${e(summary.role.source)} ${e(summary.role.code)})</span>` : 'no role';
  const learnerRows = summary.learners
    .map((l) =>
      l.error
        ? `<tr><th scope="row">${e(l.learnerId)}</th><td colspan="5" class="error">failed: ${e(l.error)}</td></tr>`
        : `<tr><th scope="row"><a href="${e(reportFile(l.learnerId))}">${e(l.learnerId)}</a></th><td class="num">${percent(l.coverageBefore ?? 0)}</td><td class="num">${percent(l.coverageAfter ?? 0)}</td><td class="num">${e(l.steps)}</td><td class="num">${e(l.hours)}</td><td class="num">${e(l.cost)}</td></tr>`,
    )
    .join('\n');
  const missingRows = summary.missingSkills
    .map((m) => `<tr><th scope="row">${e(m.skill.label)}</th><td>${e(m.kind)}</td><td class="num">${e(m.learners)}</td><td class="num">${percent(m.share)}</td></tr>`)
    .join('\n');
  const courseRows = summary.closingCourses
    .map((c) => `<tr><th scope="row">${e(c.course.title)}</th><td>${e(c.course.provider)}</td><td class="num">${e(c.learners)}</td><td class="num">${e(c.gapsClosed)}</td></tr>`)
    .join('\n');
  const ok = summary.learners.filter((l) => !l.error).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cohort gap summary: ${summary.role ? e(summary.role.title) : 'skillpath'}</title><style>${STYLE}</style></head>
<body><header><h1>Cohort gap summary</h1><p>Target role: ${role}. ${ok} of ${summary.learners.length} learners reported.
Average coverage ${percent(summary.averageCoverageBefore ?? 0)} now, ${percent(summary.averageCoverageAfter ?? 0)} after each learner's path.</p></header>
<main>
<section aria-labelledby="missing"><h2 id="missing">Most common missing skills</h2>
<table><thead><tr><th scope="col">Skill</th><th scope="col">Kind</th><th scope="col" class="num">Learners</th><th scope="col" class="num">Share</th></tr></thead><tbody>
${missingRows || '<tr><td colspan="4">None.</td></tr>'}</tbody></table></section>
<section aria-labelledby="courses"><h2 id="courses">Courses that close the most gaps</h2>
<table><thead><tr><th scope="col">Course</th><th scope="col">Provider</th><th scope="col" class="num">In learners' paths</th><th scope="col" class="num">Gaps closed</th></tr></thead><tbody>
${courseRows || '<tr><td colspan="4">None.</td></tr>'}</tbody></table></section>
<section aria-labelledby="learners"><h2 id="learners">Learners</h2>
<table><thead><tr><th scope="col">Learner</th><th scope="col" class="num">Coverage now</th><th scope="col" class="num">After path</th><th scope="col" class="num">Steps</th><th scope="col" class="num">Hours</th><th scope="col" class="num">Cost</th></tr></thead><tbody>
${learnerRows}</tbody></table></section>
</main></body></html>
`;
}
