/**
 * A CTDL offering's price: an AggregateCost profile when present; otherwise the sum over direct
 * cost types of the cheapest profile of each type (alternatives such as residency share a type;
 * tuition and fees add up). Only profiles in the first priced profile's currency count.
 */
import { clean, cleanParagraphs } from '../course-common.js';
import { asArray, isNode, pickText, prop, terms, type Node } from './json-ld.js';

const CURRENCIES: Record<string, string> = {
  'us dollar': 'USD',
  'us dollars': 'USD',
  'united states dollar': 'USD',
  euro: 'EUR',
  euros: 'EUR',
  'pound sterling': 'GBP',
  'british pound': 'GBP',
  'canadian dollar': 'CAD',
  'australian dollar': 'AUD',
  'new zealand dollar': 'NZD',
};

function currencyCode(text: string): string | null {
  const value = clean(text);
  if (/^[A-Za-z]{3}$/.test(value)) return value.toUpperCase();
  return CURRENCIES[value.toLowerCase()] ?? null;
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value.replace(/,/g, ''))) return Number(value.replace(/,/g, ''));
  return null;
}

export function costOf(node: Node): { cost: number | null; currency: string | null; unknownCurrency: string | null; text: string } {
  const profiles = asArray(prop(node, 'estimatedCost')).filter(isNode);
  const entries = profiles
    .map((p) => ({
      price: toNumber(prop(p, 'price')),
      currencyText: clean(pickText(prop(p, 'currency'))),
      type: terms(prop(p, 'directCostType'))[0] ?? '',
    }))
    .filter((e) => e.price !== null);
  const text = profiles.map((p) => cleanParagraphs(pickText(prop(p, 'description')))).filter((t) => t !== '').join('\n');
  const first = entries[0];
  if (!first) return { cost: null, currency: null, unknownCurrency: null, text };
  const currency = currencyCode(first.currencyText);
  const same = entries.filter((e) => e.currencyText === first.currencyText);
  const aggregate = same.filter((e) => e.type === 'AggregateCost');
  let cost: number;
  if (aggregate.length > 0) cost = Math.min(...aggregate.map((e) => e.price ?? 0));
  else {
    const cheapest = new Map<string, number>();
    for (const e of same) cheapest.set(e.type, Math.min(cheapest.get(e.type) ?? Infinity, e.price ?? 0));
    cost = [...cheapest.values()].reduce((a, b) => a + b, 0);
  }
  return { cost, currency, unknownCurrency: currency === null && first.currencyText ? first.currencyText : null, text };
}
