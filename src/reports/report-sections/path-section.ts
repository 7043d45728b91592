/** The learning path: its totals, the estimated finish date and one timeline step per course. */
import type { GapReport } from '../../core/recommend/reports.js';
import type { PathStep } from '../../core/recommend/types.js';
import { percent } from '../html.js';
import { html, joinHtml, type SafeHtml } from '../html-template.js';
import { estimatedFinish, money, number, plural, safeHttpUrl, weekRange } from './format.js';
import { evidenceItem, section, timeTag, totalsList } from './fragments.js';

function estimatedTag(step: PathStep, field: 'hours' | 'cost'): SafeHtml | '' {
  return step.estimated.includes(field) ? html` <span class="tag tag-est">estimated</span>` : '';
}

function courseTitle(step: PathStep, offline: boolean): SafeHtml {
  const href = safeHttpUrl(step.course.url);
  if (!href) return html`${step.course.title}`;
  if (offline) return html`${step.course.title} <span class="url">${href}</span>`;
  return html`<a class="course-link" href="${href}" rel="noopener noreferrer">${step.course.title}</a>`;
}

function renderStep(step: PathStep, offline: boolean): SafeHtml {
  const c = step.course;
  const weeks = weekRange(step.startWeek, step.endWeek);
  const facts = [
    html`<div><dt>Provider</dt><dd>${c.provider}</dd></div>`,
    html`<div><dt>Hours</dt><dd>${c.hours === null ? 'unknown' : `${number(c.hours)} h`}${estimatedTag(step, 'hours')}</dd></div>`,
    html`<div><dt>Cost</dt><dd>${c.cost === null ? 'unknown' : money(c.cost, c.currency)}${estimatedTag(step, 'cost')}</dd></div>`,
    c.level ? html`<div><dt>Level</dt><dd>${c.level}</dd></div>` : '',
    weeks ? html`<div><dt>When</dt><dd>${weeks}</dd></div>` : '',
  ];
  // Reports stored before quality signals existed have none; they render as they were.
  const quality = step.quality
    ? html`<p class="quality"><span class="muted">Credibility:</span> <strong>${percent(step.quality.score)}</strong> <span class="muted">—</span> ${step.quality.summary}</p>`
    : '';
  const covers =
    step.covers.length === 0
      ? ''
      : html`<h4>Covers</h4><ul class="covers">${step.covers.map((cv) => html`<li><strong>${cv.skill.label}</strong> <span class="muted">—</span> ${evidenceItem(cv.evidence)}</li>`)}</ul>`;
  return html`<li class="step" id="step-${step.position}">
<div class="step-marker" aria-hidden="true">${step.position}</div>
<div class="step-body">
<h3><span class="visually-hidden">Step ${step.position}: </span>${courseTitle(step, offline)}</h3>
<dl class="facts">${facts}</dl>
${quality}
${covers}
<p class="reason"><span class="muted">Why:</span> ${step.reason}</p>
</div>
</li>`;
}

export function renderPath(report: GapReport, offline: boolean): SafeHtml {
  const r = report.recommendation;
  if (r.path.length === 0) {
    return section('path', 'Learning path', html`<p>No courses are needed or none could be planned; see “Not covered” below.</p>`);
  }
  const finish = estimatedFinish(report.createdAt, r.totals.weeks);
  const anyEstimated = r.path.some((s) => s.estimated.length > 0);
  const schedule = finish
    ? html`<p>Estimated finish: <strong>${timeTag(finish)}</strong> <span class="muted">(${plural(r.totals.weeks ?? 0, 'week')} from the report date)</span></p>`
    : html`<p class="muted">No schedule: the request gave no hours per week.</p>`;
  return section(
    'path',
    'Learning path',
    html`<dl class="totals">${totalsList(r.totals)}</dl>
${schedule}
${anyEstimated && html`<p class="muted small">Values marked “estimated” were missing from the catalog; typical values were assumed.</p>`}
<ol class="timeline">
${joinHtml(r.path.map((s) => renderStep(s, offline)), '\n')}
</ol>`,
  );
}
