import { expect } from 'vitest';
import { wellFormedProblems } from '../check/wellformed';

/** Asserts what every chart promises: accessible, sized, well formed, self-contained, numeric. */
export function expectAccessibleSvg(svg: string): { width: number; height: number; id: string } {
  expect(wellFormedProblems(svg)).toEqual([]);
  const open = /^<svg[^>]*>/.exec(svg)?.[0] ?? '';
  expect(open).toContain('role="img"');
  const label = /aria-labelledby="([^"]+)-t \1-d"/.exec(open);
  expect(label).not.toBeNull();
  const id = label![1]!;
  expect(svg).toMatch(new RegExp(`<title id="${id}-t">[^<]+</title>`));
  expect(svg).toMatch(new RegExp(`<desc id="${id}-d">[^<]+</desc>`));
  const width = Number(/ width="([\d.]+)"/.exec(open)?.[1]);
  const height = Number(/ height="([\d.]+)"/.exec(open)?.[1]);
  expect(width).toBeGreaterThan(0);
  expect(height).toBeGreaterThan(0);
  expect(open).toContain(`viewBox="0 0 ${width} ${height}"`);
  expect(svg).not.toMatch(/<script/i);
  expect(svg).not.toMatch(/https?:\/\//);
  expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  // No negative zero and no float noise in attributes: at most 2 decimals.
  for (const [, value] of svg.matchAll(/ (?:x|y|x1|x2|y1|y2|cx|cy|r|width|height|d|transform)="([^"]*)"/g)) {
    expect(value).not.toMatch(/(^|[^\d.])-0(?![.\d])/);
    expect(value).not.toMatch(/\d\.\d{3,}/);
  }
  // Every reference resolves to an id defined in the same SVG, and ids are unique.
  const ids = [...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
  for (const [, ref] of svg.matchAll(/(?:url\(#|href="#)([^)"]+)/g)) expect(ids).toContain(ref);
  return { width, height, id };
}

/** The text content of every `<text>` (tspans joined), unescaped. */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

/** Markup with every well-formed tag removed: what is left must hold no raw `<`. */
export function outsideTags(svg: string): string {
  return svg.replace(/<\/?[A-Za-z][^<>]*>/g, '');
}
