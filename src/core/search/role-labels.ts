/**
 * Every name an occupation goes by — its title, ESCO alternative labels, O*NET alternate
 * titles — gets a vector of its own in the `roleLabels` collection, so a vacancy title is
 * compared with the name closest to it rather than with the preferred title alone ("tyre
 * fitter" is an alternative label of *vehicle tyre fitter*, far from the title's vector when
 * the vacancy says "tyre man"). A label's vector id packs the role id and the label's position,
 * so a hit says which role and which of its names matched, with no lookup table to keep in step.
 */
import { normalizePhrase } from '../text.js';

/** Labels kept per role (ESCO has at most 91 per occupation; O*NET titles are capped at 60 on ingest). */
export const LABEL_SLOTS = 128;

/** The role's distinct names, title first, in a fixed order; position k is the k in `roleLabelId`. */
export function roleLabels(role: { title: string; altTitles: readonly string[] }): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const label of [role.title, ...role.altTitles]) {
    const key = normalizePhrase(label);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(label);
    if (out.length === LABEL_SLOTS) break;
  }
  return out;
}

export const roleLabelId = (roleId: number, position: number) => roleId * LABEL_SLOTS + position;
export const roleOfLabel = (labelId: number) => Math.floor(labelId / LABEL_SLOTS);
export const positionOfLabel = (labelId: number) => labelId % LABEL_SLOTS;
