/** The html`` template the report page is written in: escaping is the default, trust is explicit. */
import { describe, expect, it } from 'vitest';
import { html, type HtmlValue, joinHtml, raw } from '../../src/reports/html-template.js';

const render = (value: HtmlValue) => String(html`<p>${value}</p>`);

describe('html``', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    expect(render(`<script>alert('x')</script> & "q"`)).toBe('<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>');
    const href = '" onmouseover="alert(1)';
    expect(String(html`<a href="${href}">x</a>`)).toBe('<a href="&quot; onmouseover=&quot;alert(1)">x</a>');
  });

  it('leaves the literal parts of the template as written', () => {
    expect(String(html`<div class="a" data-x='1'>it's "fine" & <b>bold</b></div>`)).toBe(`<div class="a" data-x='1'>it's "fine" & <b>bold</b></div>`);
    expect(String(html`plain`)).toBe('plain');
  });

  it('passes raw() through untouched', () => {
    const css = '.a > b { content: ""; }';
    expect(String(html`<style>${raw(css)}</style>`)).toBe(`<style>${css}</style>`);
  });

  it('does not escape a nested html`` result a second time, at any depth', () => {
    const inner = html`<b>${'a & b'}</b>`;
    expect(String(inner)).toBe('<b>a &amp; b</b>');
    expect(render(inner)).toBe('<p><b>a &amp; b</b></p>');
    expect(render(html`<i>${inner}</i>`)).toBe('<p><i><b>a &amp; b</b></i></p>');
  });

  it('joins arrays with nothing between items, escaping strings and keeping fragments', () => {
    expect(String(html`<ul>${['<x>', html`<li>${'y'}</li>`, ['z', [html`<br>`]]]}</ul>`)).toBe('<ul>&lt;x&gt;<li>y</li>z<br></ul>');
    expect(render([])).toBe('<p></p>');
  });

  it('renders null, undefined, false and empty strings as nothing, and numbers as digits (0 included)', () => {
    expect(render(null)).toBe('<p></p>');
    expect(render(undefined)).toBe('<p></p>');
    expect(render(false)).toBe('<p></p>');
    expect(render('')).toBe('<p></p>');
    expect(render(0)).toBe('<p>0</p>');
    expect(render(-1.5)).toBe('<p>-1.5</p>');
    expect(render([null, 'a', undefined, false, 2])).toBe('<p>a2</p>');
    const values: HtmlValue[] = [
      // @ts-expect-error `true` never means markup: a condition picks a fragment or false.
      true,
    ];
    expect(values).toHaveLength(1);
  });

  it('does not trust an object that only looks like a fragment', () => {
    const forged = { markup: '<b>', toString: () => '<b>' } as unknown as HtmlValue;
    expect(render(forged)).toBe('<p>&lt;b&gt;</p>');
  });
});

describe('joinHtml', () => {
  it('renders each value as html`` would and puts the separator between them', () => {
    expect(String(joinHtml(['a<', html`<b>b</b>`, null, 3], ', '))).toBe('a&lt;, <b>b</b>, , 3');
    expect(String(joinHtml([], '\n'))).toBe('');
    expect(String(joinHtml(['x', 'y'], '<&>'))).toBe('x&lt;&amp;&gt;y');
    expect(render(joinHtml([html`<i>1</i>`, html`<i>2</i>`], '\n'))).toBe('<p><i>1</i>\n<i>2</i></p>');
  });
});
