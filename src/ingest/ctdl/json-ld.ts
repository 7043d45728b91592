/**
 * Reading JSON-LD nodes as CTDL and Open Badges 3.0 write them: properties under prefixed or
 * bare names, language maps, vocabulary terms and references by @id.
 */
import { clean, slug } from '../course-common.js';

export type Node = Record<string, unknown>;

export const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
export const asArray = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** A CTDL property under its prefixed or bare name (compacted and hand-written JSON differ). */
export function prop(node: unknown, name: string): unknown {
  if (!isNode(node)) return undefined;
  return node[`ceterms:${name}`] ?? node[`ceasn:${name}`] ?? node[name];
}

/** Plain text from a string, a language map ({"en-US": "..."}) or JSON-LD value objects; English first. */
export function pickText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const english = value.find((v) => isNode(v) && typeof v['@language'] === 'string' && /^en\b/i.test(v['@language']));
    if (english !== undefined) return pickText(english);
    for (const item of value) {
      const text = pickText(item);
      if (text) return text;
    }
    return '';
  }
  if (!isNode(value)) return '';
  if ('@value' in value) return pickText(value['@value']);
  const keys = Object.keys(value).filter((k) => !k.startsWith('@'));
  const key = keys.find((k) => k.toLowerCase() === 'en') ?? keys.find((k) => k.toLowerCase().startsWith('en-')) ?? keys[0];
  return key === undefined ? '' : pickText(value[key]);
}

/** Last segment of a type or vocabulary term: `ceterms:BachelorDegree` → `BachelorDegree`. */
export function localName(term: string): string {
  return term.split(/[:/#]/).pop() ?? term;
}

export function typesOf(node: Node): string[] {
  return [...asArray(node['@type']), ...asArray(node.type)].filter((t): t is string => typeof t === 'string').map(localName);
}

export const kebab = (name: string) => slug(name.replace(/([a-z0-9])([A-Z])/g, '$1-$2'));

/** Term names from CredentialAlignmentObjects: `deliveryType:OnlineOnly` → `OnlineOnly`. */
export function terms(value: unknown): string[] {
  return asArray(value)
    .map((v) => (typeof v === 'string' ? v : pickText(prop(v, 'targetNode'))))
    .filter((v) => v !== '')
    .map(localName);
}

export function termNames(value: unknown): string[] {
  return asArray(value)
    .map((v) => clean(pickText(prop(v, 'targetNodeName'))))
    .filter((v) => v !== '');
}

/** Ids a property points at: plain strings or nodes with @id. */
export function refs(value: unknown): string[] {
  return asArray(value)
    .map((v) => (typeof v === 'string' ? v : isNode(v) && typeof v['@id'] === 'string' ? v['@id'] : ''))
    .filter((v) => v !== '');
}
