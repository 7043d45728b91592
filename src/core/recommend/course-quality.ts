/**
 * How credible and substantial a course looks, from the signals its catalog carries: learner
 * ratings and their number, enrolment, who offers it, what credential it leads to and how long
 * it is. Employers recognise a university or a well-known industry body, a professional
 * certificate more than a one-hour guided project; learners' ratings say whether it is any good.
 *
 * Every signal maps to a value in [0, 1] where 0.5 means "no information": a catalog that does
 * not record ratings (edX) or prices (Coursera) must not sink its courses, so an unknown signal
 * is neutral rather than bad. The score is a fixed weighted mean of those values, explained by
 * one sentence a learner can check against the catalog.
 */
import type { CourseSummary } from '../catalog.js';

export type ProviderType = 'university' | 'industry' | 'other';

export interface QualitySignals {
  /** Mean learner rating on a 0–5 scale, as the catalog gives it. */
  rating: number | null;
  /** How many ratings (reviews) the mean is over. */
  ratingCount: number | null;
  enrolment: number | null;
  providerType: ProviderType;
  /** The provider is accredited, approved or recognised by another body (CTDL). */
  accredited: boolean;
  credentialType: string | null;
  hours: number | null;
}

export interface CourseQuality extends QualitySignals {
  /** 0 (little reason to trust it) to 1; 0.5 when nothing is known. */
  score: number;
  /** The signals in words, e.g. "rated 4.7 by 12,000 learners; University of Michigan (university); specialization, 60 h". */
  summary: string;
}

/** What the quality is read from: a course's columns plus its catalog attributes. */
export type QualityInput = Pick<CourseSummary, 'provider' | 'issuer' | 'credentialType' | 'hours'> & {
  attributes?: Record<string, unknown> | null;
};

const NEUTRAL = 0.5;

/** Share of each signal in the score; they sum to 1. */
const SIGNAL_WEIGHTS = { rating: 0.3, popularity: 0.1, provider: 0.25, credential: 0.2, depth: 0.15 } as const;

/**
 * Ratings are shrunk towards a prior (a Bayesian average, as IMDb's top-250 does): a 5.0 from
 * three learners is mostly noise — early enthusiasts, friends of the author — while a 4.6 from
 * ten thousand is a fact. With n ratings of mean r the rating counted is
 * (PRIOR_COUNT · PRIOR_MEAN + n · r) / (PRIOR_COUNT + n), so it takes about PRIOR_COUNT ratings
 * before the course's own mean weighs as much as the prior. The prior mean is the middle of the
 * band catalog ratings actually fall in (RATING_FLOOR..5), so an unproven rating stays neutral.
 */
export const RATING_PRIOR_COUNT = 50;
const RATING_FLOOR = 3.5;
const RATING_PRIOR_MEAN = (RATING_FLOOR + 5) / 2;
/** Enrolment (or, failing that, reviews) at which popularity counts fully; log scale below. */
const POPULAR_AT = 100_000;
/** Hours at which depth counts fully; log scale below, so 1.5 h scores low and 10 h mid-way. */
const DEEP_AT_HOURS = 40;
/** Below this many ratings the summary says the rating is thin. */
const FEW_RATINGS = 20;

const UNIVERSITY_PATTERNS = [
  // Universit(y|é|at|à|ad|ade|eit|ät|ies|ario): the word in most languages the catalogs use.
  /\buniversi(t|d)/i,
  /\bcollege\b/i,
  /\binstitute of technology\b/i,
  /\bpolyte(ch|c)/i,
  /\bpolit[eé]cnic/i,
  /\bbusiness school\b/i,
  /\b(école|ecole) (normale|polytechnique|des hautes)/i,
  // Known schools whose catalog name carries none of the words above (edX "X" suffixes included).
  /\b(Harvard|MIT|Stanford|Yale|Princeton|Berkeley|Caltech|Georgia Tech|Illinois Tech|INSEAD|Wharton|HEC Paris|ETH Zurich|EPFL|Berklee|Sorbonne|Tecnológico de Monterrey|Indian Institute of (Management|Technology)|IIT ?[A-Z][a-z]+)[Xx]?\b/,
];

const INDUSTRY_PATTERNS = [
  // Acronyms are matched case-sensitively so "SAS" does not match inside "Kansas".
  /\b(IBM|SAS|AWS|SAP|PMI|ISC2|CompTIA|PwC|KPMG|NVIDIA|W3C|CertNexus|ISACA|EC-Council)\b/,
  /\(ISC\)²/,
  /\b(google|microsoft|meta|facebook|amazon web services|cisco|oracle|salesforce|adobe|intel|autodesk|atlassian|databricks|snowflake|hubspot|mathworks|tableau|vmware|red hat|splunk|mongodb|fortinet|palo alto networks|deloitte|accenture|unilever|epic games|unity technologies|linux foundation|deeplearning\.ai|project management institute|cfa institute|scrum\.org)\b/i,
];

/** CTDL agent types (ceterms:agentType) that settle the question when a reader stores them. */
const AGENT_TYPES: [RegExp, ProviderType][] = [
  [/college|university|higher education/i, 'university'],
  [/business|industry|professional association|certification (body|organi[sz]ation)|employer/i, 'industry'],
];

/** Signals taken from attribute names the course readers use (see src/ingest/*-reader.ts). */
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null);

const present = (value: unknown): boolean =>
  (typeof value === 'string' && value.trim() !== '') || (Array.isArray(value) && value.length > 0) || (value !== null && typeof value === 'object' && !Array.isArray(value));

export function providerTypeOf(names: (string | null | undefined)[], agentType?: unknown): ProviderType {
  if (typeof agentType === 'string' || Array.isArray(agentType)) {
    const types = (Array.isArray(agentType) ? agentType : [agentType]).filter((t): t is string => typeof t === 'string');
    for (const [pattern, type] of AGENT_TYPES) if (types.some((t) => pattern.test(t))) return type;
  }
  const known = names.filter((n): n is string => typeof n === 'string' && n.trim() !== '');
  if (known.some((n) => UNIVERSITY_PATTERNS.some((p) => p.test(n)))) return 'university';
  if (known.some((n) => INDUSTRY_PATTERNS.some((p) => p.test(n)))) return 'industry';
  return 'other';
}

/**
 * What the credential is worth to an employer, by the kinds the catalogs name: degrees and
 * industry certifications most, then professional certificates, specializations (a series of
 * courses), single courses, completion certificates, and projects of an hour or two least.
 */
function credentialValue(type: string | null): number {
  if (!type) return NEUTRAL;
  const t = type.toLowerCase();
  if (/degree|certification|diploma/.test(t)) return 1;
  if (/professional-certificate/.test(t)) return 0.9;
  if (/speciali[sz]ation|micro-?credential|micromasters|professional-program|xseries/.test(t)) return 0.8;
  if (/verified-certificate|^certificate$/.test(t)) return 0.7;
  if (/badge/.test(t)) return 0.6;
  if (/guided-project/.test(t)) return 0.25;
  if (/project/.test(t)) return 0.35;
  if (/completion/.test(t)) return 0.45;
  return NEUTRAL;
}

const logShare = (value: number, full: number) => Math.min(1, Math.log1p(value) / Math.log1p(full));

const round2 = (x: number) => Math.round(x * 100) / 100;

const count = (n: number) => Math.round(n).toLocaleString('en-US');

function describe(s: QualitySignals, provider: string): string {
  const parts: string[] = [];
  if (s.rating !== null) {
    const by = s.ratingCount === null ? '' : ` by ${count(s.ratingCount)} learner${s.ratingCount === 1 ? '' : 's'}`;
    const thin = s.ratingCount !== null && s.ratingCount < FEW_RATINGS ? ' (few ratings)' : '';
    const enrolled = s.enrolment !== null ? `, ${count(s.enrolment)} enrolled` : '';
    parts.push(`rated ${s.rating.toFixed(1)}${by}${thin}${enrolled}`);
  } else if (s.enrolment !== null) parts.push(`${count(s.enrolment)} enrolled, no rating`);
  else if (s.ratingCount !== null) parts.push(`${count(s.ratingCount)} reviews, no rating`);
  else parts.push('no ratings in the catalog');
  const kind = s.providerType === 'other' ? '' : ` (${s.providerType})`;
  parts.push(`${provider}${kind}${s.accredited ? ', accredited' : ''}`);
  const credential = [s.credentialType?.replace(/-/g, ' ').replace(/^micro credential/, 'micro-credential'), s.hours === null ? null : `${Number(s.hours.toFixed(1))} h`].filter(Boolean);
  if (credential.length > 0) parts.push(credential.join(', '));
  return parts.join('; ');
}

export function courseQuality(course: QualityInput): CourseQuality {
  const a = course.attributes ?? {};
  const rawRating = number(a.rating);
  // Ratings outside 0–5 are a catalog error, not a signal.
  const rating = rawRating !== null && rawRating <= 5 ? rawRating : null;
  const ratingCount = number(a.reviews);
  const enrolment = number(a.enrolment);
  const accredited = ['accreditedBy', 'approvedBy', 'recognizedBy', 'accreditation'].some((k) => present(a[k]));
  const signals: QualitySignals = {
    rating,
    ratingCount,
    enrolment,
    providerType: providerTypeOf([course.provider, course.issuer], a.agentType),
    accredited,
    credentialType: course.credentialType,
    hours: course.hours !== null && course.hours > 0 ? course.hours : null,
  };

  let ratingValue = NEUTRAL;
  if (rating !== null) {
    // A rating without a count is believed as much as the prior, no more.
    const n = ratingCount ?? RATING_PRIOR_COUNT;
    const shrunk = (RATING_PRIOR_COUNT * RATING_PRIOR_MEAN + n * rating) / (RATING_PRIOR_COUNT + n);
    ratingValue = Math.min(1, Math.max(0, (shrunk - RATING_FLOOR) / (5 - RATING_FLOOR)));
  }
  // Reviews imply at least as many learners; enrolment is the better count when both exist.
  const learners = enrolment ?? ratingCount;
  const popularityValue = learners === null ? NEUTRAL : logShare(learners, POPULAR_AT);
  const providerValue = accredited || signals.providerType !== 'other' ? (signals.providerType === 'industry' ? 0.9 : 1) : NEUTRAL;
  const depthValue = signals.hours === null ? NEUTRAL : logShare(signals.hours, DEEP_AT_HOURS);

  const score =
    SIGNAL_WEIGHTS.rating * ratingValue +
    SIGNAL_WEIGHTS.popularity * popularityValue +
    SIGNAL_WEIGHTS.provider * providerValue +
    SIGNAL_WEIGHTS.credential * credentialValue(course.credentialType) +
    SIGNAL_WEIGHTS.depth * depthValue;
  return { ...signals, score: round2(score), summary: describe(signals, course.provider) };
}
