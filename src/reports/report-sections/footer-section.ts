/** About this report: how optimal the path is, and the taxonomy, catalog, model and index versions behind it. */
import type { GapReport } from '../../core/recommend/reports.js';
import { percent } from '../html.js';
import { html, joinHtml, type SafeHtml } from '../html-template.js';
import { number } from './format.js';

const NONE = html`<span class="muted">none</span>`;

function versionList(map: Record<string, string>): SafeHtml {
  const entries = Object.entries(map);
  return entries.length === 0 ? NONE : joinHtml(entries.map(([k, v]) => html`${k} ${v}`), ', ');
}

export function renderFooter(report: GapReport): SafeHtml {
  const { optimality: o, versions: v } = report.recommendation;
  const gap = o.gap === null ? 'not reported' : percent(o.gap);
  return html`<footer class="report-footer" aria-labelledby="about-title">
<h2 id="about-title">About this report</h2>
<dl class="meta small">
<div class="wide"><dt>Optimality</dt><dd>${o.status} · solver ${o.solver} · gap ${gap} · ${number(Math.round(o.timeMs))} ms</dd></div>
<div><dt>Taxonomies</dt><dd>${versionList(v.taxonomies)}</dd></div>
<div><dt>Catalogs</dt><dd>${versionList(v.catalogs)}</dd></div>
<div><dt>Model</dt><dd>${v.model ? v.model : NONE}</dd></div>
<div><dt>Index</dt><dd>${v.index ? v.index : NONE}</dd></div>
<div><dt>Created</dt><dd><code>${report.createdAt}</code></dd></div>
</dl>
</footer>`;
}
