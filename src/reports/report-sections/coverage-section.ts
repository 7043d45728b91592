/** Coverage of the role's required skills now and after the path, as two numbers and two bars. */
import type { Recommendation } from '../../core/recommend/types.js';
import { percent } from '../html.js';
import { html, type SafeHtml } from '../html-template.js';
import { bar, section } from './fragments.js';

export function renderCoverage(r: Recommendation): SafeHtml {
  const { coverageBefore: before, coverageAfter: after } = r.gap;
  return section(
    'coverage',
    'Coverage',
    html`<p class="headline"><span class="big">${percent(before)}</span> <span class="arrow" aria-hidden="true">→</span><span class="visually-hidden">to</span> <span class="big">${percent(after)}</span></p>
<p class="muted">Share of the role's required skills, weighted by importance, that the learner holds now and would hold after the path.</p>
<div class="coverage-bars">
<div class="coverage-row"><span>Now</span>${bar(before, `Coverage now: ${percent(before)}`)}<span class="num">${percent(before)}</span></div>
<div class="coverage-row"><span>After the path</span>${bar(after, `Coverage after the path: ${percent(after)}`)}<span class="num">${percent(after)}</span></div>
</div>`,
  );
}
