// Shared assertions of the report tests (not exported from the package).
import { expect } from 'vitest';
import { wellFormedProblems } from '../check/wellformed';
import { escapeHtml } from '../html/escape';

/** Asserts a page is one well-formed, self-contained file: no script, nothing fetched. */
export function expectSelfContained(html: string): void {
  expect(wellFormedProblems(html)).toEqual([]);
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/\s(?:src|href|xlink:href|action|poster|data)\s*=\s*"?\s*(?:https?:)?\/\//i);
  expect(html).not.toMatch(/<(?:link|iframe|object|embed|img|audio|video)\b/i);
  expect(html).not.toMatch(/url\(\s*['"]?(?:https?:)?\/\//i);
  expect(html).not.toMatch(/@import/i);
  // Leaked JS values (core messages may say "the ratio is undefined" in words, so look for values).
  expect(html).not.toMatch(
    /NaN|Infinity|\[object Object\]|(?:>|=")\s*undefined\s*(?:<|")|£undefined|undefined%/,
  );
}

/** The visible text of a page (tags removed, entities decoded, whitespace collapsed); SVGs dropped. */
export function visibleText(html: string, keepSvg = false): string {
  const body = keepSvg ? html : html.replace(/<svg[\s\S]*?<\/svg>/g, ' ');
  return body
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<\/?(?:strong|em|b|i|code|span|tspan)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** Headings of a page in order, as `level text`. */
export function htmlHeadings(html: string): string[] {
  return [...html.matchAll(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/g)].map(
    (m) => `${m[1]} ${visibleText(m[2] ?? '').trim()}`,
  );
}

/** Headings of a Markdown document in order, as `level text` (backslash escapes removed). */
export function mdHeadings(md: string): string[] {
  return [...md.matchAll(/^(#{1,6}) (.*)$/gm)].map(
    (m) => `${m[1]?.length} ${(m[2] ?? '').replace(/\\(.)/g, '$1')}`,
  );
}

/** Asserts headings start at 1 and never skip a level going down. */
export function expectHeadingOrder(levels: readonly number[]): void {
  expect(levels[0]).toBe(1);
  for (let i = 1; i < levels.length; i++)
    expect((levels[i] ?? 0) - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1);
}

/** Cells of a Markdown table row, split on pipes that are not backslash-escaped. */
export function mdCells(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  for (let i = 1; i < line.length - 1; i++) {
    const c = line[i];
    if (c === '\\') {
      cur += c + (line[i + 1] ?? '');
      i++;
    } else if (c === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

/**
 * Asserts every Markdown table is consistent: a header, a rule of `---` cells, and rows of the
 * same number of cells, each line padded to the same width. Returns the tables (as rows of cells).
 */
export function expectMdTablesConsistent(md: string): string[][][] {
  const tables: string[][] = [];
  let cur: string[] = [];
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) cur.push(line);
    else if (cur.length) {
      tables.push(cur);
      cur = [];
    }
  }
  if (cur.length) tables.push(cur);
  expect(tables.length).toBeGreaterThan(0);
  return tables.map((t) => {
    expect(t.length).toBeGreaterThanOrEqual(3);
    const rows = t.map(mdCells);
    const width = rows[0]?.length ?? 0;
    for (const [i, r] of rows.entries()) expect(r.length, `row ${i} of ${t[0]}`).toBe(width);
    for (const cell of rows[1] ?? []) expect(cell).toMatch(/^:?-{1,}:?$/);
    const lengths = new Set(t.map((l) => [...l].length));
    expect(lengths.size, `padded table ${t[0]}`).toBe(1);
    return rows;
  });
}

/** The rows of the HTML table with this caption, as visible text cells. */
export function htmlTable(html: string, caption: string): string[][] {
  const at = html.indexOf(`<caption>${escapeHtml(caption)}</caption>`);
  expect(at, `table "${caption}"`).toBeGreaterThan(-1);
  const end = html.indexOf('</table>', at);
  const table = html.slice(at, end);
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => visibleText(c[1] ?? '').trim()),
  );
}
