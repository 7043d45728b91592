/** Pieces of markup that several sections of the report page share. */
import type { Evidence, RequiredSkill, Totals } from '../../core/recommend/types.js';
import { percent } from '../html.js';
import { html, type HtmlValue, type SafeHtml } from '../html-template.js';
import { DATE_FORMAT, money, number } from './format.js';

export const STATUS: Record<RequiredSkill['status'], { symbol: string; label: string }> = {
  held: { symbol: '✓', label: 'Held' },
  partial: { symbol: '◐', label: 'Partial' },
  missing: { symbol: '✗', label: 'Missing' },
};

export function section(id: string, title: string, body: HtmlValue): SafeHtml {
  return html`<section id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${title}</h2>${body}</section>`;
}

export function timeTag(date: Date): SafeHtml {
  return html`<time datetime="${date.toISOString().slice(0, 10)}">${DATE_FORMAT.format(date)}</time>`;
}

export function statusBadge(status: RequiredSkill['status']): SafeHtml {
  const s = STATUS[status];
  return html`<span class="status status-${status}"><span aria-hidden="true">${s.symbol}</span> ${s.label}</span>`;
}

export function evidenceList(evidence: Evidence[]): SafeHtml {
  if (evidence.length === 0) return html`<span class="muted" aria-label="none">—</span>`;
  return html`<ul class="evidence">${evidence.map((ev) => html`<li>${evidenceItem(ev)}</li>`)}</ul>`;
}

export function evidenceItem(ev: Evidence): SafeHtml {
  const where = ev.span ? html`, characters ${ev.span.start}–${ev.span.end} of the learner’s text` : '';
  return html`<span class="ev-kind">${ev.kind}</span> ${ev.detail} <span class="muted">(${percent(ev.confidence)} confidence${where})</span>`;
}

export function bar(fraction: number, label: string): SafeHtml {
  const width = Math.max(0, Math.min(100, Math.round(fraction * 100)));
  return html`<div class="bar" role="img" aria-label="${label}"><div class="bar-fill" style="width:${width}%"></div></div>`;
}

/**
 * The total, and under it the cost note when part of it is estimated or currencies mix. A null
 * currency is "mixed" only without estimates; reports stored before the note existed show the sum.
 */
function totalCost(t: Totals): SafeHtml {
  const explained = t.costNote !== undefined && (Boolean(t.estimatedCostSteps) || (t.currency === null && t.cost > 0));
  if (!explained) return html`${money(t.cost, t.currency)}`;
  const amount = t.cost === 0 ? 'Free' : `${t.currency ? `${t.currency} ` : ''}${Number.isInteger(t.cost) ? t.cost : t.cost.toFixed(2)}`;
  return html`${amount}<span class="cost-note">${t.costNote}</span>`;
}

export function totalsList(t: Totals): SafeHtml {
  return html`${[
    html`<div><dt>Hours</dt><dd>${number(t.hours)} h</dd></div>`,
    html`<div><dt>Cost</dt><dd>${totalCost(t)}</dd></div>`,
    html`<div><dt>Steps</dt><dd>${t.steps}</dd></div>`,
    html`<div><dt>Weeks</dt><dd>${t.weeks === null ? '—' : t.weeks}</dd></div>`,
  ]}`;
}
