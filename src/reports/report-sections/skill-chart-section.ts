/** The required skills at a glance: one coloured box per skill, grouped into essential and optional. */
import type { Recommendation, RequiredSkill } from '../../core/recommend/types.js';
import { html, type SafeHtml } from '../html-template.js';
import { section, STATUS, statusBadge } from './fragments.js';

const GROUPS: { kind: RequiredSkill['kind']; title: string }[] = [
  { kind: 'essential', title: 'Essential' },
  { kind: 'optional', title: 'Optional' },
];

const STATUSES = ['held', 'partial', 'missing'] as const;

/*
 * The skills chart is plain HTML boxes styled with CSS rather than a chart library: a dozen
 * coloured boxes do not justify a dependency, and the page must work offline, without scripts
 * (the CSP forbids them) and on paper. Each box carries a symbol and a word besides its colour.
 */
export function renderSkillChart(r: Recommendation): SafeHtml {
  const legend = html`<ul class="legend inline-list" aria-label="Legend">${STATUSES.map((s) => html`<li>${statusBadge(s)}</li>`)}</ul>`;
  const groups = GROUPS.map(({ kind, title }) => ({ title, skills: r.gap.required.filter((req) => req.kind === kind) })).filter(
    ({ skills }) => skills.length > 0,
  );
  const body = groups.map(({ title, skills }) => {
    const counts = STATUSES.map((s) => `${skills.filter((x) => x.status === s).length} ${s}`).join(' · ');
    return html`<div class="skill-group"><h3>${title} <span class="muted small">(${counts})</span></h3><ul class="chips">${skills.map(chip)}</ul></div>`;
  });
  return section('skills-chart', 'Required skills at a glance', [legend, groups.length > 0 ? body : html`<p>The role lists no required skills.</p>`]);
}

function chip(req: RequiredSkill): SafeHtml {
  const s = STATUS[req.status];
  const plan = req.status === 'held' ? '' : req.coveredByStep !== null ? ` → step ${req.coveredByStep}` : ', not in the path';
  return html`<li class="chip chip-${req.status}"><span class="chip-label">${req.skill.label}</span><span class="chip-status"><span aria-hidden="true">${s.symbol}</span> ${s.label}${plan}</span></li>`;
}
