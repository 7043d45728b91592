/**
 * JSON with object keys sorted, so equal content gives an equal string whatever the key order.
 * Iterative, with an explicit stack: request bodies are hashed with it, and the recursive
 * version overflowed the call stack on a body nested a few thousand levels deep. Stored
 * content hashes depend on its exact output, which matches the recursive version's in every
 * case (undefined and functions included), so upgrading re-ingests nothing.
 */
type Work = { value: unknown; inArray: boolean } | string;

export function stableStringify(value: unknown): string {
  const out: string[] = [];
  const stack: Work[] = [{ value, inArray: false }];
  const pushAll = (parts: Work[]) => {
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
  };
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const v = item.value;
    if (Array.isArray(v)) {
      const parts: Work[] = ['['];
      v.forEach((element, i) => parts.push(...(i > 0 ? [','] : []), { value: element, inArray: true }));
      pushAll([...parts, ']']);
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, e]) => e !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const parts: Work[] = ['{'];
      entries.forEach(([k, e], i) => parts.push(`${i > 0 ? ',' : ''}${JSON.stringify(k)}:`, { value: e, inArray: false }));
      pushAll([...parts, '}']);
    } else {
      // What JSON.stringify cannot write (undefined, functions) joins as '' in an array and
      // interpolates as 'undefined' in an object, as the recursive version's join and template did.
      const json = JSON.stringify(v) as string | undefined;
      out.push(json ?? (item.inArray ? '' : 'undefined'));
    }
  }
  return out.join('');
}
