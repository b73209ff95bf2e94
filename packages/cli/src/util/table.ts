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
 * Renders rows as a GitHub-flavoured Markdown table.
 *
 * @example
 * ```ts
 * markdownTable(['a', 'b'], [['1', '2']]);
 * ```
 */
export function markdownTable(headers: string[], rows: string[][], align?: ('left' | 'right')[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const sep = headers.map((_, i) => (align?.[i] === 'right' ? '---:' : '---'));
  return `${[headers, sep, ...rows].map((r) => `| ${r.map(esc).join(' | ')} |`).join('\n')}\n`;
}
