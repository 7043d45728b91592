/** What the path leaves out, and why: skills no course teaches, skills left out by the limits, and the binding constraints. */
import type { Recommendation } from '../../core/recommend/types.js';
import { html, joinHtml, type SafeHtml } from '../html-template.js';
import { plural } from './format.js';
import { section } from './fragments.js';

export function renderUncovered(r: Recommendation): SafeHtml {
  const uncoveredIds = new Set(r.uncovered.map((u) => u.skill.id));
  const leftOut = r.gap.required.filter((req) => req.status !== 'held' && req.coveredByStep === null && !uncoveredIds.has(req.skill.id));
  const parts: SafeHtml[] = [];
  parts.push(
    r.uncovered.length === 0
      ? html`<p>Every essential skill the learner lacks is covered by the path.</p>`
      : html`<p>The path does not cover ${plural(r.uncovered.length, 'skill')}:</p><ul class="plain">${r.uncovered.map(
          (u) => html`<li><strong>${u.skill.label}</strong> <span class="tag tag-warn">${u.reason === 'no_course' ? 'no course' : 'constraint'}</span> ${u.detail}</li>`,
        )}</ul>`,
  );
  const transversal = leftOut.filter((req) => req.class === 'transversal');
  const optional = leftOut.filter((req) => req.class !== 'transversal');
  if (optional.length > 0) {
    parts.push(
      html`<p>Optional skills not planned for: ${joinHtml(
        optional.map((req) => req.skill.label),
        ', ',
      )}. Courses teach them, but the path closes the essential gap unless optional skills are asked for.</p>`,
    );
  }
  if (transversal.length > 0) {
    parts.push(
      html`<p>Transversal skills not planned for: ${joinHtml(
        transversal.map((req) => req.skill.label),
        ', ',
      )}. Most occupations list them, so they are weighted down and planned only when asked for.</p>`,
    );
  }
  parts.push(
    r.binding.length === 0
      ? html`<p>No constraint limited the path.</p>`
      : html`<h3>Binding constraints</h3><ul class="plain">${r.binding.map((b) => html`<li><code>${b.constraint}</code>: ${b.detail}</li>`)}</ul>`,
  );
  return section('uncovered', 'Not covered and constraints', joinHtml(parts, '\n'));
}
