/**
 * A stored gap report as one self-contained HTML page that career advisors read, print and share.
 * Inline CSS only, no scripts, no external assets: the same markup is served at /reports/:id
 * under a strict CSP and saved to disk (`offline`), where links that need the server are left out.
 */
import { readFileSync } from 'node:fs';
import type { GapReport } from '../core/recommend/reports.js';
import type { Evidence, PathStep, Recommendation, RequiredSkill, Totals } from '../core/recommend/types.js';
import { escapeHtml, percent } from './html.js';

export interface RenderReportOptions {
  /** The page will be opened from disk: leave out links to the API and to course sites. */
  offline?: boolean;
}

/** Only http(s) URLs become links: catalog data is not trusted to be free of `javascript:`. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Every string from data goes through this, in text and in (always double-quoted) attributes. */
const e = escapeHtml;
const DAY_MS = 86_400_000;

const number = (x: number, digits = 1) => String(Number(x.toFixed(digits)));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function money(amount: number, currency: string | null): string {
  if (amount === 0) return 'Free';
  const value = Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
  // A null currency on totals means the path mixes currencies, which are never converted.
  return currency ? `${currency} ${value}` : `${value} (mixed currencies)`;
}

function parseDate(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function timeTag(date: Date): string {
  return `<time datetime="${e(date.toISOString().slice(0, 10))}">${e(DATE_FORMAT.format(date))}</time>`;
}

/** Report date plus the plan's whole weeks; null when the plan has no schedule (no hours per week). */
export function estimatedFinish(createdAt: string, weeks: number | null): Date | null {
  const created = parseDate(createdAt);
  return created && weeks !== null ? new Date(created.getTime() + weeks * 7 * DAY_MS) : null;
}

/** Week offsets from the optimiser are 0-based and fractional; people count weeks from 1. */
function weekRange(start: number | null, end: number | null): string | null {
  if (start === null || end === null) return null;
  const first = Math.floor(start) + 1;
  const last = Math.max(first, Math.ceil(end));
  return first === last ? `Week ${first}` : `Weeks ${first}–${last}`;
}

const STATUS: Record<RequiredSkill['status'], { symbol: string; label: string }> = {
  held: { symbol: '✓', label: 'Held' },
  partial: { symbol: '◐', label: 'Partial' },
  missing: { symbol: '✗', label: 'Missing' },
};

const MATCHED_BY: Record<Recommendation['target']['matchedBy'], string> = { id: 'id', code: 'code', uri: 'URI', title: 'title' };

const ALTERNATIVE_LABELS: Record<Recommendation['alternatives'][number]['label'], string> = {
  cheapest: 'Cheapest',
  fastest: 'Fastest',
  most_coverage: 'Most coverage (without hour, budget and deadline limits)',
};

function statusBadge(status: RequiredSkill['status']): string {
  const s = STATUS[status];
  return `<span class="status status-${status}"><span aria-hidden="true">${s.symbol}</span> ${s.label}</span>`;
}

function evidenceList(evidence: Evidence[]): string {
  if (evidence.length === 0) return '<span class="muted" aria-label="none">—</span>';
  return `<ul class="evidence">${evidence.map((ev) => `<li>${evidenceItem(ev)}</li>`).join('')}</ul>`;
}

function evidenceItem(ev: Evidence): string {
  const where = ev.span ? `, characters ${e(ev.span.start)}–${e(ev.span.end)} of the learner’s text` : '';
  return `<span class="ev-kind">${e(ev.kind)}</span> ${e(ev.detail)} <span class="muted">(${percent(ev.confidence)} confidence${where})</span>`;
}

function bar(fraction: number, label: string): string {
  const width = Math.max(0, Math.min(100, Math.round(fraction * 100)));
  return `<div class="bar" role="img" aria-label="${e(label)}"><div class="bar-fill" style="width:${width}%"></div></div>`;
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${e(title)}</h2>${body}</section>`;
}

function renderHeader(report: GapReport, offline: boolean): string {
  const r = report.recommendation;
  const { role } = r.target;
  const learnerId = report.learnerId ?? r.learner.id;
  const created = parseDate(report.createdAt);
  const id = e(report.id);
  const others = r.target.candidates.filter((c) => c.role.id !== role.id);
  const ambiguous =
    r.target.ambiguous
      ? `<p class="note" role="note"><strong>Ambiguous target.</strong> The request matched more than one role; this report uses the best match.${
          others.length > 0
            ? ` Other candidates: ${others.map((c) => `${e(c.role.title)} <span class="muted">(${e(c.role.source)} · ${e(c.role.code)}, score ${percent(c.score)})</span>`).join('; ')}.`
            : ''
        }</p>`
      : '';
  const links = offline
    ? `<p class="share">Report id: <code>${id}</code></p>`
    : `<p class="share">Share this report: <a href="/reports/${id}">/reports/${id}</a></p>` +
      `<nav aria-label="Report downloads"><ul class="inline-list"><li><a href="/v1/gap-reports/${id}">Download JSON</a></li><li><a href="/v1/gap-reports/${id}.csv">Download CSV</a></li></ul></nav>` +
      `<p class="muted small">Report id: <code>${id}</code></p>`;

  return `<header class="report-header">
<p class="eyebrow">Skill gap report</p>
<h1>${e(role.title)}</h1>
${role.description ? `<p class="lede">${e(role.description)}</p>` : ''}
<dl class="meta">
${learnerId ? `<div><dt>Learner</dt><dd>${e(learnerId)}</dd></div>` : ''}
<div><dt>Target role</dt><dd>${e(role.title)} <span class="muted">(${e(role.source)} · <code>${e(role.code)}</code>)</span></dd></div>
<div><dt>Matched by</dt><dd>${e(MATCHED_BY[r.target.matchedBy] ?? r.target.matchedBy)}, ${percent(r.target.confidence)} confidence</dd></div>
<div><dt>Report date</dt><dd>${created ? timeTag(created) : e(report.createdAt)}</dd></div>
</dl>
${ambiguous}
${links}
</header>`;
}

function renderCoverage(r: Recommendation): string {
  const { coverageBefore: before, coverageAfter: after } = r.gap;
  return section(
    'coverage',
    'Coverage',
    `<p class="headline"><span class="big">${percent(before)}</span> <span class="arrow" aria-hidden="true">→</span><span class="visually-hidden">to</span> <span class="big">${percent(after)}</span></p>
<p class="muted">Share of the role's required skills, weighted by importance, that the learner holds now and would hold after the path.</p>
<div class="coverage-bars">
<div class="coverage-row"><span>Now</span>${bar(before, `Coverage now: ${percent(before)}`)}<span class="num">${percent(before)}</span></div>
<div class="coverage-row"><span>After the path</span>${bar(after, `Coverage after the path: ${percent(after)}`)}<span class="num">${percent(after)}</span></div>
</div>`,
  );
}

/*
 * The skills chart is plain HTML boxes styled with CSS rather than a chart library: a dozen
 * coloured boxes do not justify a dependency, and the page must work offline, without scripts
 * (the CSP forbids them) and on paper. Each box carries a symbol and a word besides its colour.
 */
function renderSkillChart(r: Recommendation): string {
  const groups: { kind: RequiredSkill['kind']; title: string }[] = [
    { kind: 'essential', title: 'Essential' },
    { kind: 'optional', title: 'Optional' },
  ];
  const legend = `<ul class="legend inline-list" aria-label="Legend">${(['held', 'partial', 'missing'] as const).map((s) => `<li>${statusBadge(s)}</li>`).join('')}</ul>`;
  const body = groups
    .map(({ kind, title }) => {
      const skills = r.gap.required.filter((req) => req.kind === kind);
      if (skills.length === 0) return '';
      const counts = (['held', 'partial', 'missing'] as const).map((s) => `${skills.filter((x) => x.status === s).length} ${s}`).join(' · ');
      const boxes = skills
        .map((req) => {
          const s = STATUS[req.status];
          const plan =
            req.status === 'held' ? '' : req.coveredByStep !== null ? ` → step ${e(req.coveredByStep)}` : ', not in the path';
          return `<li class="chip chip-${req.status}"><span class="chip-label">${e(req.skill.label)}</span><span class="chip-status"><span aria-hidden="true">${s.symbol}</span> ${s.label}${plan}</span></li>`;
        })
        .join('');
      return `<div class="skill-group"><h3>${title} <span class="muted small">(${counts})</span></h3><ul class="chips">${boxes}</ul></div>`;
    })
    .join('');
  return section('skills-chart', 'Required skills at a glance', legend + (body || '<p>The role lists no required skills.</p>'));
}

/** An in-page anchor works from disk too, so it stays in offline mode. */
function stepLink(r: Recommendation, position: number): string {
  const step = r.path[position - 1];
  const title = step ? ` ${e(step.course.title)}` : '';
  return `<a href="#step-${e(position)}">Step ${e(position)}</a>${title}`;
}

function renderGapTable(r: Recommendation): string {
  if (r.gap.required.length === 0) return section('gap', 'Skill gap', '<p>The role lists no required skills.</p>');
  const rows = r.gap.required
    .map((req) => {
      const covered =
        req.status === 'held'
          ? '<span class="muted">Already held</span>'
          : req.coveredByStep === null
            ? `<span class="muted">Not in the path${NOT_PLANNED_NOTE[req.class ?? 'defining'] ?? (req.kind === 'optional' ? ' (optional)' : '')}</span>`
            : stepLink(r, req.coveredByStep);
      return `<tr><th scope="row">${e(req.skill.label)}</th><td>${e(req.kind)}</td><td class="num">${number(req.weight, 2)}</td><td>${statusBadge(req.status)}</td><td>${evidenceList(req.evidence)}</td><td>${covered}</td></tr>`;
    })
    .join('\n');
  return section(
    'gap',
    'Skill gap',
    `<div class="table-wrap" role="region" aria-labelledby="gap-title" tabindex="0"><table>
<thead><tr><th scope="col">Skill</th><th scope="col">Kind</th><th scope="col" class="num">Weight</th><th scope="col">Status</th><th scope="col">Evidence</th><th scope="col">Covered by</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`,
  );
}

function estimatedTag(step: PathStep, field: 'hours' | 'cost'): string {
  return step.estimated.includes(field) ? ' <span class="tag tag-est">estimated</span>' : '';
}

function courseTitle(step: PathStep, offline: boolean): string {
  const href = safeHttpUrl(step.course.url);
  if (!href) return e(step.course.title);
  if (offline) return `${e(step.course.title)} <span class="url">${e(href)}</span>`;
  return `<a class="course-link" href="${e(href)}" rel="noopener noreferrer">${e(step.course.title)}</a>`;
}

function renderStep(step: PathStep, offline: boolean): string {
  const c = step.course;
  const weeks = weekRange(step.startWeek, step.endWeek);
  const facts = [
    `<div><dt>Provider</dt><dd>${e(c.provider)}</dd></div>`,
    `<div><dt>Hours</dt><dd>${c.hours === null ? 'unknown' : `${number(c.hours)} h`}${estimatedTag(step, 'hours')}</dd></div>`,
    `<div><dt>Cost</dt><dd>${c.cost === null ? 'unknown' : e(money(c.cost, c.currency))}${estimatedTag(step, 'cost')}</dd></div>`,
    c.level ? `<div><dt>Level</dt><dd>${e(c.level)}</dd></div>` : '',
    weeks ? `<div><dt>When</dt><dd>${weeks}</dd></div>` : '',
  ].join('');
  // Reports stored before quality signals existed have none; they render as they were.
  const quality = step.quality
    ? `<p class="quality"><span class="muted">Credibility:</span> <strong>${percent(step.quality.score)}</strong> <span class="muted">—</span> ${e(step.quality.summary)}</p>`
    : '';
  const covers =
    step.covers.length === 0
      ? ''
      : `<h4>Covers</h4><ul class="covers">${step.covers.map((cv) => `<li><strong>${e(cv.skill.label)}</strong> <span class="muted">—</span> ${evidenceItem(cv.evidence)}</li>`).join('')}</ul>`;
  return `<li class="step" id="step-${e(step.position)}">
<div class="step-marker" aria-hidden="true">${e(step.position)}</div>
<div class="step-body">
<h3><span class="visually-hidden">Step ${e(step.position)}: </span>${courseTitle(step, offline)}</h3>
<dl class="facts">${facts}</dl>
${quality}
${covers}
<p class="reason"><span class="muted">Why:</span> ${e(step.reason)}</p>
</div>
</li>`;
}

/**
 * The total, and under it the cost note when part of it is estimated or currencies mix. A null
 * currency is "mixed" only without estimates; reports stored before the note existed show the sum.
 */
function totalCost(t: Totals): string {
  const explained = t.costNote !== undefined && (Boolean(t.estimatedCostSteps) || (t.currency === null && t.cost > 0));
  if (!explained) return e(money(t.cost, t.currency));
  const amount = t.cost === 0 ? 'Free' : `${t.currency ? `${t.currency} ` : ''}${Number.isInteger(t.cost) ? t.cost : t.cost.toFixed(2)}`;
  return `${e(amount)}<span class="cost-note">${e(t.costNote)}</span>`;
}

function totalsList(t: Totals): string {
  return [
    `<div><dt>Hours</dt><dd>${number(t.hours)} h</dd></div>`,
    `<div><dt>Cost</dt><dd>${totalCost(t)}</dd></div>`,
    `<div><dt>Steps</dt><dd>${e(t.steps)}</dd></div>`,
    `<div><dt>Weeks</dt><dd>${t.weeks === null ? '—' : e(t.weeks)}</dd></div>`,
  ].join('');
}

function renderPath(report: GapReport, offline: boolean): string {
  const r = report.recommendation;
  if (r.path.length === 0) {
    return section('path', 'Learning path', '<p>No courses are needed or none could be planned; see “Not covered” below.</p>');
  }
  const finish = estimatedFinish(report.createdAt, r.totals.weeks);
  const anyEstimated = r.path.some((s) => s.estimated.length > 0);
  const schedule = finish
    ? `<p>Estimated finish: <strong>${timeTag(finish)}</strong> <span class="muted">(${plural(r.totals.weeks ?? 0, 'week')} from the report date)</span></p>`
    : '<p class="muted">No schedule: the request gave no hours per week.</p>';
  return section(
    'path',
    'Learning path',
    `<dl class="totals">${totalsList(r.totals)}</dl>
${schedule}
${anyEstimated ? '<p class="muted small">Values marked “estimated” were missing from the catalog; typical values were assumed.</p>' : ''}
<ol class="timeline">
${r.path.map((s) => renderStep(s, offline)).join('\n')}
</ol>`,
  );
}

function renderStacks(r: Recommendation): string {
  const body =
    r.stacks.length === 0
      ? '<p>None of the courses in this path stack into a larger credential.</p>'
      : `<ul class="plain">${r.stacks
          .map(
            (s) =>
              `<li>These ${s.from.length} stack into <strong>${e(s.credential.title)}</strong> <span class="muted">(${e(s.credential.provider)})</span>: ${
                s.complete ? '<span class="tag tag-ok">complete</span>' : '<span class="tag tag-warn">not complete</span> — the path does not include every part'
              }<ul>${s.from.map((f) => `<li>${e(f.title)} <span class="muted">(${e(f.provider)})</span></li>`).join('')}</ul></li>`,
          )
          .join('')}</ul>`;
  return section('stacks', 'Stackable credentials', body);
}

function renderAlternatives(r: Recommendation): string {
  if (r.alternatives.length === 0) {
    return section('alternatives', 'Alternatives', '<p>No alternative path differs from the recommended one.</p>');
  }
  const card = (title: string, totals: Totals, coverageAfter: number, path: PathStep[], primary: boolean) =>
    `<article class="alt${primary ? ' alt-primary' : ''}"><h3>${e(title)}</h3>
<dl class="totals compact">${totalsList(totals)}<div><dt>Coverage after</dt><dd>${percent(coverageAfter)}</dd></div></dl>
<ol class="alt-steps">${path.map((s) => `<li>${e(s.course.title)}</li>`).join('')}</ol></article>`;
  return section(
    'alternatives',
    'Alternatives',
    `<div class="alts">${card('Recommended', r.totals, r.gap.coverageAfter, r.path, true)}${r.alternatives
      .map((a) => card(ALTERNATIVE_LABELS[a.label] ?? a.label, a.totals, a.coverageAfter, a.path, false))
      .join('')}</div>`,
  );
}

/** Why a gap skill of this class was not planned for, as the gap table says it. */
const NOT_PLANNED_NOTE: Partial<Record<NonNullable<RequiredSkill['class']>, string>> = {
  transversal: ' (transversal: most occupations list it)',
  tool_inventory: ' (one of many tools listed for the role)',
};

function renderUncovered(r: Recommendation): string {
  const uncoveredIds = new Set(r.uncovered.map((u) => u.skill.id));
  const leftOut = r.gap.required.filter((req) => req.status !== 'held' && req.coveredByStep === null && !uncoveredIds.has(req.skill.id));
  const parts: string[] = [];
  parts.push(
    r.uncovered.length === 0
      ? '<p>Every essential skill the learner lacks is covered by the path.</p>'
      : `<p>The path does not cover ${plural(r.uncovered.length, 'skill')}:</p><ul class="plain">${r.uncovered
          .map((u) => `<li><strong>${e(u.skill.label)}</strong> <span class="tag tag-warn">${u.reason === 'no_course' ? 'no course' : 'constraint'}</span> ${e(u.detail)}</li>`)
          .join('')}</ul>`,
  );
  const transversal = leftOut.filter((req) => req.class === 'transversal');
  const optional = leftOut.filter((req) => req.class !== 'transversal');
  if (optional.length > 0) {
    parts.push(
      `<p>Optional skills not planned for: ${optional.map((req) => e(req.skill.label)).join(', ')}. Courses teach them, but the path closes the essential gap unless optional skills are asked for.</p>`,
    );
  }
  if (transversal.length > 0) {
    parts.push(
      `<p>Transversal skills not planned for: ${transversal.map((req) => e(req.skill.label)).join(', ')}. Most occupations list them, so they are weighted down and planned only when asked for.</p>`,
    );
  }
  parts.push(
    r.binding.length === 0
      ? '<p>No constraint limited the path.</p>'
      : `<h3>Binding constraints</h3><ul class="plain">${r.binding.map((b) => `<li><code>${e(b.constraint)}</code>: ${e(b.detail)}</li>`).join('')}</ul>`,
  );
  return section('uncovered', 'Not covered and constraints', parts.join('\n'));
}

function renderLearner(r: Recommendation): string {
  const held =
    r.learner.held.length === 0
      ? '<p>No skills were recognised from the learner’s input.</p>'
      : `<div class="table-wrap" role="region" aria-label="Held skills" tabindex="0"><table><thead><tr><th scope="col">Skill</th><th scope="col">Level</th><th scope="col" class="num">Confidence</th><th scope="col">Evidence</th></tr></thead><tbody>${r.learner.held
          .map(
            (h) =>
              `<tr><th scope="row">${e(h.skill.label)}</th><td>${h.level ? e(h.level) : '<span class="muted">—</span>'}</td><td class="num">${percent(h.confidence)}</td><td>${evidenceList(h.evidence)}</td></tr>`,
          )
          .join('')}</tbody></table></div>`;
  const unresolved =
    r.learner.unresolved.length === 0
      ? '<p>Every input was recognised.</p>'
      : `<ul class="plain">${r.learner.unresolved
          .map(
            (u) =>
              `<li><strong>“${e(u.input)}”</strong>: ${e(u.reason)}.${
                u.candidates.length > 0 ? ` <span class="muted">Closest matches: ${u.candidates.map(e).join('; ')}.</span>` : ''
              }</li>`,
          )
          .join('')}</ul>`;
  const toConfirm = r.learner.toConfirm ?? [];
  const possible =
    toConfirm.length === 0
      ? ''
      : `<h3>Possibly held — confirm</h3><p class="muted">Read from the learner’s own words, but not surely enough to count: these stay in the gap until the learner confirms them.</p><ul class="plain">${toConfirm
          .map((c) => `<li><strong>${e(c.skill.label)}</strong> from “${e(c.span.text)}” <span class="muted">(${percent(c.confidence)} confidence)</span></li>`)
          .join('')}</ul>`;
  return section('learner', 'What the learner already has', `<h3>Held skills</h3>${held}${possible}<h3>Not recognised</h3>${unresolved}`);
}

function versionList(map: Record<string, string>): string {
  const entries = Object.entries(map);
  return entries.length === 0 ? '<span class="muted">none</span>' : entries.map(([k, v]) => `${e(k)} ${e(v)}`).join(', ');
}

function renderFooter(report: GapReport): string {
  const { optimality: o, versions: v } = report.recommendation;
  const gap = o.gap === null ? 'not reported' : percent(o.gap);
  return `<footer class="report-footer" aria-labelledby="about-title">
<h2 id="about-title">About this report</h2>
<dl class="meta small">
<div class="wide"><dt>Optimality</dt><dd>${e(o.status)} · solver ${e(o.solver)} · gap ${gap} · ${number(Math.round(o.timeMs))} ms</dd></div>
<div><dt>Taxonomies</dt><dd>${versionList(v.taxonomies)}</dd></div>
<div><dt>Catalogs</dt><dd>${versionList(v.catalogs)}</dd></div>
<div><dt>Model</dt><dd>${v.model ? e(v.model) : '<span class="muted">none</span>'}</dd></div>
<div><dt>Index</dt><dd>${v.index ? e(v.index) : '<span class="muted">none</span>'}</dd></div>
<div><dt>Created</dt><dd><code>${e(report.createdAt)}</code></dd></div>
</dl>
</footer>`;
}

/** Read once at load; `npm run build` copies the file beside the compiled module. */
const STYLES = readFileSync(new URL('./report.css', import.meta.url), 'utf8');

export function renderReportHtml(report: GapReport, options: RenderReportOptions = {}): string {
  const offline = options.offline === true;
  const r = report.recommendation;
  const learnerId = report.learnerId ?? r.learner.id;
  const title = `Skill gap report: ${r.target.role.title}${learnerId ? ` for ${learnerId}` : ''}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${e(title)}</title>
<style>
${STYLES}</style>
</head>
<body>
<div class="page">
${renderHeader(report, offline)}
<main>
${renderCoverage(r)}
${renderSkillChart(r)}
${renderGapTable(r)}
${renderPath(report, offline)}
${renderStacks(r)}
${renderAlternatives(r)}
${renderUncovered(r)}
${renderLearner(r)}
</main>
${renderFooter(report)}
</div>
</body>
</html>
`;
}
