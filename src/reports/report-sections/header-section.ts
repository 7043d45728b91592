/** The page's header: role, learner, how the role was matched, the date, and the links to share or download. */
import type { GapReport } from '../../core/recommend/reports.js';
import type { Recommendation } from '../../core/recommend/types.js';
import { percent } from '../html.js';
import { html, joinHtml, type SafeHtml } from '../html-template.js';
import { parseDate } from './format.js';
import { timeTag } from './fragments.js';

const MATCHED_BY: Record<Recommendation['target']['matchedBy'], string> = { id: 'id', code: 'code', uri: 'URI', title: 'title' };

export function renderHeader(report: GapReport, offline: boolean): SafeHtml {
  const r = report.recommendation;
  const { role } = r.target;
  const learnerId = report.learnerId ?? r.learner.id;
  const created = parseDate(report.createdAt);
  const id = report.id;
  const others = r.target.candidates.filter((c) => c.role.id !== role.id);
  const candidates = joinHtml(
    others.map((c) => html`${c.role.title} <span class="muted">(${c.role.source} · ${c.role.code}, score ${percent(c.score)})</span>`),
    '; ',
  );
  const ambiguous =
    r.target.ambiguous &&
    html`<p class="note" role="note"><strong>Ambiguous target.</strong> The request matched more than one role; this report uses the best match.${
      others.length > 0 && html` Other candidates: ${candidates}.`
    }</p>`;
  const links = offline
    ? html`<p class="share">Report id: <code>${id}</code></p>`
    : [
        html`<p class="share">Share this report: <a href="/reports/${id}">/reports/${id}</a></p>`,
        html`<nav aria-label="Report downloads"><ul class="inline-list"><li><a href="/v1/gap-reports/${id}">Download JSON</a></li><li><a href="/v1/gap-reports/${id}.csv">Download CSV</a></li></ul></nav>`,
        html`<p class="muted small">Report id: <code>${id}</code></p>`,
      ];

  return html`<header class="report-header">
<p class="eyebrow">Skill gap report</p>
<h1>${role.title}</h1>
${role.description ? html`<p class="lede">${role.description}</p>` : ''}
<dl class="meta">
${learnerId ? html`<div><dt>Learner</dt><dd>${learnerId}</dd></div>` : ''}
<div><dt>Target role</dt><dd>${role.title} <span class="muted">(${role.source} · <code>${role.code}</code>)</span></dd></div>
<div><dt>Matched by</dt><dd>${MATCHED_BY[r.target.matchedBy] ?? r.target.matchedBy}, ${percent(r.target.confidence)} confidence</dd></div>
<div><dt>Report date</dt><dd>${created ? timeTag(created) : report.createdAt}</dd></div>
</dl>
${ambiguous}
${links}
</header>`;
}
