/** The recommended path beside the alternatives the engine found (cheapest, fastest, most coverage). */
import type { PathStep, Recommendation, Totals } from '../../core/recommend/types.js';
import { percent } from '../html.js';
import { html, type SafeHtml } from '../html-template.js';
import { section, totalsList } from './fragments.js';

const ALTERNATIVE_LABELS: Record<Recommendation['alternatives'][number]['label'], string> = {
  cheapest: 'Cheapest',
  fastest: 'Fastest',
  most_coverage: 'Most coverage (without hour, budget and deadline limits)',
};

function card(title: string, totals: Totals, coverageAfter: number, path: PathStep[], primary: boolean): SafeHtml {
  return html`<article class="alt${primary ? ' alt-primary' : ''}"><h3>${title}</h3>
<dl class="totals compact">${totalsList(totals)}<div><dt>Coverage after</dt><dd>${percent(coverageAfter)}</dd></div></dl>
<ol class="alt-steps">${path.map((s) => html`<li>${s.course.title}</li>`)}</ol></article>`;
}

export function renderAlternatives(r: Recommendation): SafeHtml {
  if (r.alternatives.length === 0) {
    return section('alternatives', 'Alternatives', html`<p>No alternative path differs from the recommended one.</p>`);
  }
  return section(
    'alternatives',
    'Alternatives',
    html`<div class="alts">${card('Recommended', r.totals, r.gap.coverageAfter, r.path, true)}${r.alternatives.map((a) =>
      card(ALTERNATIVE_LABELS[a.label] ?? a.label, a.totals, a.coverageAfter, a.path, false),
    )}</div>`,
  );
}
