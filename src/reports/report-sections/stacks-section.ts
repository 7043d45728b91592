/** Credentials that courses in the path stack into, and whether the path completes them. */
import type { Recommendation } from '../../core/recommend/types.js';
import { html, type SafeHtml } from '../html-template.js';
import { section } from './fragments.js';

export function renderStacks(r: Recommendation): SafeHtml {
  const body =
    r.stacks.length === 0
      ? html`<p>None of the courses in this path stack into a larger credential.</p>`
      : html`<ul class="plain">${r.stacks.map(
          (s) =>
            html`<li>These ${s.from.length} stack into <strong>${s.credential.title}</strong> <span class="muted">(${s.credential.provider})</span>: ${
              s.complete ? html`<span class="tag tag-ok">complete</span>` : html`<span class="tag tag-warn">not complete</span> — the path does not include every part`
            }<ul>${s.from.map((f) => html`<li>${f.title} <span class="muted">(${f.provider})</span></li>`)}</ul></li>`,
        )}</ul>`;
  return section('stacks', 'Stackable credentials', body);
}
