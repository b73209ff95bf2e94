import { mdEscape, mdHeading, mdList, mdTable } from '@commonweal/report';

/**
 * Renders rows as an aligned plain-text table (numbers right-aligned), for terminals.
 *
 * @example
 * ```ts
 * textTable(['measure', 'value'], [['NT1', '£1.00']], { align: ['left', 'right'] });
 * ```
 */
export function textTable(
  headers: string[],
  rows: string[][],
  options: { align?: ('left' | 'right')[]; title?: string } = {},
): string {
  // a loop, not a spread: a spread of every row overflows the call stack on big inputs
  const widths = headers.map((h) => h.length);
  for (const r of rows) {
    for (let i = 0; i < widths.length; i++) {
      const n = (r[i] ?? '').length;
      if (n > (widths[i] as number)) widths[i] = n;
    }
  }
  const pad = (s: string, i: number) =>
    options.align?.[i] === 'right' ? s.padStart(widths[i] ?? 0) : s.padEnd(widths[i] ?? 0);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, i))
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  if (options.title) out.push(options.title, '');
  out.push(line(headers), widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) out.push(line(r));
  return `${out.join('\n')}\n`;
}

/**
 * Renders rows as a GitHub-flavoured Markdown table with report's `mdTable` (unpadded, so a
 * table of many rows stays small): every cell is escaped (HTML, pipes, emphasis, newlines), so
 * names from input files stay text.
 *
 * @example
 * ```ts
 * markdownTable(['bid', 'bidder'], [['B1', '<script>alert(1)</script> | Ltd']]);
 * // '| bid | bidder |\n| --- | --- |\n| B1 | \\<script\\>alert(1)\\</script\\> \\| Ltd |\n'
 * ```
 */
export function markdownTable(headers: string[], rows: string[][], align?: ('left' | 'right')[]): string {
  return `${mdTable(headers, rows, align, { pad: false })}\n`;
}

/**
 * A Markdown bullet list of plain-text items (each escaped), or `- none` for no items.
 *
 * @example
 * ```ts
 * markdownList(['Bid <B1> was moderated']); // '- Bid \\<B1\\> was moderated'
 * ```
 */
export function markdownList(items: readonly string[]): string {
  return items.length ? mdList(items) : '- none';
}

/** Plain text made safe for Markdown (report's `mdEscape`). */
export const markdownText = mdEscape;

/** A Markdown heading with escaped text (report's `mdHeading`). */
export const markdownHeading = mdHeading;
