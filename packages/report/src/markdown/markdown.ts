import { CommonwealError } from '@commonweal/core/issues';
import type { ColumnAlign } from '../html/table';

/**
 * Escapes text for Markdown (CommonMark and GitHub tables) so it is shown literally: the
 * punctuation that makes emphasis, code, links, images, raw HTML, entities, tables or
 * strikethrough is backslash-escaped, and so is what would start a heading, list item or
 * underline at the start of a line (`# `, `- `, `1. `, `---`). Negative numbers (`-12`) are left
 * alone. Newlines are kept (see {@link mdTable} for cells).
 *
 * @example
 * ```ts
 * mdEscape('*Bid* <A> [1] | 50% & more'); // '\\*Bid\\* \\<A\\> \\[1\\] \\| 50% \\& more'
 * mdEscape('1. first'); // '1\\. first'
 * mdEscape('-12.5'); // '-12.5'
 * ```
 */
export function mdEscape(text: string): string {
  return String(text)
    .replace(/[\\`*_{}[\]<>|~&!]/g, (c) => `\\${c}`)
    .split('\n')
    .map((line) =>
      line
        .replace(/^(\s*)(#{1,6}|[+-])(?=\s|$)/, '$1\\$2')
        .replace(/^(\s*)(-+|=+)(\s*)$/, '$1\\$2$3')
        .replace(/^(\s*)(\d{1,9})([.)])(?=\s|$)/, '$1$2\\$3'),
    )
    .join('\n');
}

/**
 * A Markdown cell: plain text (escaped), or `{ markdown }` for trusted Markdown (pipes and
 * newlines are still made safe for the table).
 *
 * @example
 * ```ts
 * const cell: MdCell = { markdown: '**71.25**' };
 * ```
 */
export type MdCell = string | { markdown: string };

/** Backslash-escapes every `char` not already escaped (an odd run of backslashes before it). */
function escapeUnescaped(text: string, char: '#' | '|'): string {
  return text.replace(char === '#' ? /(\\*)#/g : /(\\*)\|/g, (m, bs: string) =>
    bs.length % 2 === 0 ? `${bs}\\${char}` : m,
  );
}

function cellText(cell: MdCell): string {
  const raw = typeof cell === 'string' ? mdEscape(cell) : escapeUnescaped(cell.markdown, '|');
  return raw.replace(/\r\n|\r|\n/g, '<br>');
}

const RULE: Record<ColumnAlign, (w: number) => string> = {
  left: (w) => `:${'-'.repeat(Math.max(2, w - 1))}`,
  right: (w) => `${'-'.repeat(Math.max(2, w - 1))}:`,
  center: (w) => `:${'-'.repeat(Math.max(1, w - 2))}:`,
};

/**
 * Options for {@link mdTable}.
 *
 * @example
 * ```ts
 * const compact: MdTableOptions = { pad: false };
 * ```
 */
export interface MdTableOptions {
  /**
   * Pad every cell to its column's width so the table reads as plain text (default true).
   * `false` writes each cell as short as it is (`| --- |` rules), for tables of many rows.
   */
  pad?: boolean;
}

const BARE_RULE: Record<ColumnAlign, string> = { left: '---', right: '---:', center: ':---:' };

/**
 * A GitHub-flavoured Markdown table, padded so it also reads as plain text (or not, with
 * `pad: false`). Cells are escaped with {@link mdEscape} (pipes become `\|`, `<` `\<`,
 * newlines `<br>`); `align` sets each column (default left). Throws `CommonwealError` when a
 * row's width differs from the headers'.
 *
 * @example
 * ```ts
 * mdTable(['Bid', 'Score'], [['A', '71.25'], ['B|C', '64.50']], ['left', 'right']);
 * // '| Bid  | Score |\n| :--- | ----: |\n| A    | 71.25 |\n| B\\|C | 64.50 |'
 * mdTable(['Bid'], [['<b>']], [], { pad: false }); // '| Bid |\n| --- |\n| \\<b\\> |'
 * ```
 */
export function mdTable(
  headers: readonly string[],
  rows: readonly (readonly MdCell[])[],
  align: readonly (ColumnAlign | undefined)[] = [],
  options: MdTableOptions = {},
): string {
  if (headers.length === 0) throw new CommonwealError('invalid_table', 'a table needs at least one column');
  rows.forEach((r, i) => {
    if (r.length !== headers.length) {
      throw new CommonwealError(
        'invalid_table',
        `row ${i} has ${r.length} cells but the table has ${headers.length} headers`,
      );
    }
  });
  const head = headers.map((h) => cellText(h));
  const body = rows.map((r) => r.map(cellText));
  if (options.pad === false) {
    const bare = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
    const rule = bare(head.map((_, c) => BARE_RULE[align[c] ?? 'left']));
    return [bare(head), rule, ...body.map(bare)].join('\n');
  }
  const widths = head.map((h, c) => body.reduce((m, r) => Math.max(m, r[c]!.length), Math.max(3, h.length)));
  const pad = (t: string, c: number) => {
    const a = align[c] ?? 'left';
    const w = widths[c]!;
    if (a === 'right') return t.padStart(w);
    if (a === 'center') return t.padStart(t.length + Math.floor((w - t.length) / 2)).padEnd(w);
    return t.padEnd(w);
  };
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => RULE[align[c] ?? 'left'](w)).join(' | ')} |`;
  return [line(head), rule, ...body.map(line)].join('\n');
}

/**
 * An ATX heading (`#` to `######`) with escaped text on one line.
 *
 * @example
 * ```ts
 * mdHeading(2, 'Ranking #1'); // '## Ranking \\#1'
 * ```
 */
export function mdHeading(level: 1 | 2 | 3 | 4 | 5 | 6, text: string): string {
  if (!Number.isInteger(level) || level < 1 || level > 6) {
    throw new CommonwealError('invalid_heading_level', `heading level must be 1 to 6, got ${level}`);
  }
  const one = escapeUnescaped(mdEscape(text.replace(/\s*[\r\n]+\s*/g, ' ')), '#');
  return `${'#'.repeat(level)} ${one}`;
}

/**
 * A bulleted (`-`) or numbered list of escaped items; an item's extra lines are indented so they
 * stay inside it.
 *
 * @example
 * ```ts
 * mdList(['Bid A', 'Bid *B*']); // '- Bid A\n- Bid \\*B\\*'
 * mdList(['first', 'second'], { ordered: true }); // '1. first\n2. second'
 * ```
 */
export function mdList(items: readonly MdCell[], options: { ordered?: boolean } = {}): string {
  return items
    .map((item, i) => {
      const marker = options.ordered ? `${i + 1}. ` : '- ';
      const body = typeof item === 'string' ? mdEscape(item) : item.markdown;
      return marker + body.split(/\r\n|\r|\n/).join(`\n${' '.repeat(marker.length)}`);
    })
    .join('\n');
}
