/** What the learner already has: recognised skills, skills to confirm, and inputs that were not recognised. */
import type { Recommendation } from '../../core/recommend/types.js';
import { percent } from '../html.js';
import { html, joinHtml, type SafeHtml } from '../html-template.js';
import { evidenceList, section } from './fragments.js';

export function renderLearner(r: Recommendation): SafeHtml {
  const held =
    r.learner.held.length === 0
      ? html`<p>No skills were recognised from the learner’s input.</p>`
      : html`<div class="table-wrap" role="region" aria-label="Held skills" tabindex="0"><table><thead><tr><th scope="col">Skill</th><th scope="col">Level</th><th scope="col" class="num">Confidence</th><th scope="col">Evidence</th></tr></thead><tbody>${r.learner.held.map(
          (h) =>
            html`<tr><th scope="row">${h.skill.label}</th><td>${h.level ? h.level : html`<span class="muted">—</span>`}</td><td class="num">${percent(h.confidence)}</td><td>${evidenceList(h.evidence)}</td></tr>`,
        )}</tbody></table></div>`;
  const unresolved =
    r.learner.unresolved.length === 0
      ? html`<p>Every input was recognised.</p>`
      : html`<ul class="plain">${r.learner.unresolved.map(
          (u) =>
            html`<li><strong>“${u.input}”</strong>: ${u.reason}.${
              u.candidates.length > 0 ? html` <span class="muted">Closest matches: ${joinHtml(u.candidates, '; ')}.</span>` : ''
            }</li>`,
        )}</ul>`;
  const toConfirm = r.learner.toConfirm ?? [];
  const possible =
    toConfirm.length === 0
      ? ''
      : html`<h3>Possibly held — confirm</h3><p class="muted">Read from the learner’s own words, but not surely enough to count: these stay in the gap until the learner confirms them.</p><ul class="plain">${toConfirm.map(
          (c) => html`<li><strong>${c.skill.label}</strong> from “${c.span.text}” <span class="muted">(${percent(c.confidence)} confidence)</span></li>`,
        )}</ul>`;
  return section('learner', 'What the learner already has', html`<h3>Held skills</h3>${held}${possible}<h3>Not recognised</h3>${unresolved}`);
}
