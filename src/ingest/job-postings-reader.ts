/**
 * Reads the Dice.com US job postings sample (job title + free-text required skills) into
 * counts: how many postings ask for each skill string and carry each title. It is a rough
 * market-demand signal for weighting, to be linked to taxonomy skills later, not a catalog.
 */
import type { IngestProblem } from './records.js';
import { readCsv, resolveDataFile } from './tabular.js';

// The header repeats its last column name and the 4th column holds years, not months; only
// these three are read.
const COLUMNS = ['Job_Id', 'Designation', 'Required Skills'];

/**
 * Posters often write a pointer to the description instead of skills ("SEE BELOW", "Please see
 * job description", "N/A"). Matched after normalising and trimming leading punctuation.
 */
const PLACEHOLDER = /^(?:(?:please\s+)?(?:see|refer\s+to)\b|please\s+review\b|as\s+per\b|(?:n\/?a|none|tbd)$)|\blisted\s+(?:below|on\s+the\s+job\s+description)\b/;

export interface JobPostingCounts {
  postings: number;
  /** Normalised skill string → number of postings that list it. */
  skillCounts: Map<string, number>;
  /** Normalised title → number of postings. */
  titleCounts: Map<string, number>;
  problems: IngestProblem[];
}

export function normaliseText(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function isPlaceholder(skill: string): boolean {
  return PLACEHOLDER.test(skill.replace(/^[^a-z0-9]+/, ''));
}

/**
 * Skill strings of one posting, normalised, placeholders dropped, each once. Some posters
 * separate skills with semicolons instead of commas, so both split.
 */
export function postingSkills(cell: string): string[] {
  const skills = cell
    .split(/[,;]/)
    .map(normaliseText)
    .filter((skill) => skill !== '' && !isPlaceholder(skill));
  return [...new Set(skills)];
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export async function readJobPostings(file: string): Promise<JobPostingCounts> {
  const path = resolveDataFile(file);
  const skillCounts = new Map<string, number>();
  const titleCounts = new Map<string, number>();
  const problems: IngestProblem[] = [];
  const ids = new Set<string>();
  let postings = 0;
  for await (const { values: v, line } of readCsv(path, COLUMNS)) {
    const id = v.Job_Id?.trim() ?? '';
    const title = normaliseText(v.Designation ?? '');
    const skills = postingSkills(v['Required Skills'] ?? '');
    if (id !== '' && ids.has(id)) {
      // A repeated posting would count its skills twice.
      problems.push({ file: path, line, message: `duplicate Job_Id '${id}' (row skipped)` });
      continue;
    }
    if (title === '' && (v['Required Skills'] ?? '').trim() === '') {
      problems.push({ file: path, line, message: 'no Designation and no Required Skills (row skipped)' });
      continue;
    }
    ids.add(id);
    postings++;
    if (title !== '') increment(titleCounts, title);
    for (const skill of skills) increment(skillCounts, skill);
  }
  return { postings, skillCounts, titleCounts, problems };
}
