import type { LinkContext } from './incremental-write.js';

export interface SourceLinks<R, T> {
  /** Names the record in problems: `course sql-101`. */
  nameOf: (record: R) => string;
  /** The record's name in `LinkContext.ids`, and its targets' by targetKeyOf. */
  keyOf: (record: R) => string;
  targets: (record: R) => T[];
  targetKeyOf: (target: T) => string;
  /** Names the target in problems: `prerequisite`. */
  what: string;
}

/**
 * Links from changed records to records of the same kind and source (related roles, course
 * prerequisites and stacking). A target not stored, or the record itself, is a problem; a
 * missing target leaves the record incomplete.
 */
export function sourceLinks<R, T>(changed: R[], links: LinkContext, spec: SourceLinks<R, T>): { from: number; to: number; target: T }[] {
  return changed.flatMap((r) =>
    spec.targets(r).flatMap((target) => {
      const from = links.ids.get(spec.keyOf(r));
      const to = links.ids.get(spec.targetKeyOf(target));
      if (from === undefined || to === undefined || from === to) {
        links.problem(`${spec.nameOf(r)}: ${spec.what} '${spec.targetKeyOf(target)}' not found`);
        if (from !== undefined && to === undefined) links.incomplete.add(from);
        return [];
      }
      return [{ from, to, target }];
    }),
  );
}
