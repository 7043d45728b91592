/**
 * An HTML tagged template that escapes every interpolated value by default, so a value from
 * catalogs or learners cannot reach a page unescaped because someone forgot a call. Markup the
 * page's own code built passes through: the results of html`` (nested ones are never escaped
 * twice) and raw() for trusted text such as the page's stylesheet. Attribute values are always
 * written double-quoted; escapeHtml escapes both quote characters anyway.
 */
import { escapeHtml } from './html.js';

/** Markup that is safe to insert as it is. Only html`` and raw() make one (the class is not exported). */
class SafeHtml {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}
export type { SafeHtml };

/**
 * What may be interpolated. `null`, `undefined` and `false` render as nothing, so
 * `${cond && html`…`}` works; numbers render as digits (0 included); arrays are joined with
 * nothing between their items. `true` is left out on purpose: it never means markup.
 */
export type HtmlValue = SafeHtml | string | number | false | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) markup += render(values[i]) + strings[i + 1];
  return new SafeHtml(markup);
}

/** Trusted markup, inserted as it is: never pass it anything that came from data. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** The values rendered as html`` would render them, with `separator` (escaped too) between them. */
export function joinHtml(values: readonly HtmlValue[], separator: HtmlValue): SafeHtml {
  return new SafeHtml(values.map(render).join(render(separator)));
}
