/** The skill gap as a table: each required skill, its status, the evidence for it and the step that covers it. */
import type { Recommendation, RequiredSkill } from '../../core/recommend/types.js';
import { html, joinHtml, type SafeHtml } from '../html-template.js';
import { number } from './format.js';
import { evidenceList, section, statusBadge } from './fragments.js';

/** Why a gap skill of this class was not planned for, as the gap table says it. */
const NOT_PLANNED_NOTE: Partial<Record<NonNullable<RequiredSkill['class']>, string>> = {
  transversal: ' (transversal: most occupations list it)',
  tool_inventory: ' (one of many tools listed for the role)',
};

/** An in-page anchor works from disk too, so it stays in offline mode. */
function stepLink(r: Recommendation, position: number): SafeHtml {
  const step = r.path[position - 1];
  const title = step ? html` ${step.course.title}` : '';
  return html`<a href="#step-${position}">Step ${position}</a>${title}`;
}

function coveredBy(r: Recommendation, req: RequiredSkill): SafeHtml {
  if (req.status === 'held') return html`<span class="muted">Already held</span>`;
  if (req.coveredByStep === null) {
    return html`<span class="muted">Not in the path${NOT_PLANNED_NOTE[req.class ?? 'defining'] ?? (req.kind === 'optional' ? ' (optional)' : '')}</span>`;
  }
  return stepLink(r, req.coveredByStep);
}

export function renderGapTable(r: Recommendation): SafeHtml {
  if (r.gap.required.length === 0) return section('gap', 'Skill gap', html`<p>The role lists no required skills.</p>`);
  const rows = r.gap.required.map(
    (req) =>
      html`<tr><th scope="row">${req.skill.label}</th><td>${req.kind}</td><td class="num">${number(req.weight, 2)}</td><td>${statusBadge(req.status)}</td><td>${evidenceList(req.evidence)}</td><td>${coveredBy(r, req)}</td></tr>`,
  );
  return section(
    'gap',
    'Skill gap',
    html`<div class="table-wrap" role="region" aria-labelledby="gap-title" tabindex="0"><table>
<thead><tr><th scope="col">Skill</th><th scope="col">Kind</th><th scope="col" class="num">Weight</th><th scope="col">Status</th><th scope="col">Evidence</th><th scope="col">Covered by</th></tr></thead>
<tbody>
${joinHtml(rows, '\n')}
</tbody></table></div>`,
  );
}
