import { z } from 'zod';
import { parseSpec } from '../internal/spec';
import { escapeHtml } from './escape';

/**
 * A table cell: plain text (escaped), or `{ html }` for trusted markup such as a status badge.
 * Format numbers before they become cells (`fmtMoney`, `fmtScore`, `fmtNumber`).
 *
 * @example
 * ```ts
 * TableCellSchema.parse({ html: '<strong>Pass</strong>' });
 * ```
 */
export const TableCellSchema = z.union([z.string(), z.object({ html: z.string() }).strict()]);

/**
 * A table cell, see {@link TableCellSchema}.
 *
 * @example
 * ```ts
 * const cells: TableCell[] = ['Bid A', '£1,200.00', { html: '<strong>Pass</strong>' }];
 * ```
 */
export type TableCell = z.input<typeof TableCellSchema>;

/**
 * Horizontal alignment of a column. Without it, columns whose text cells all look numeric
 * (`£1,234.50`, `-12`, `24.7%`, `(20)`, `3.5 t`) are right-aligned, others left-aligned.
 *
 * @example
 * ```ts
 * const a: ColumnAlign = 'right';
 * ```
 */
export type ColumnAlign = 'left' | 'right' | 'center';

/**
 * Input of {@link dataTable}. Every row (and footer row) has one cell per header.
 *
 * @example
 * ```ts
 * DataTableSpecSchema.parse({ caption: 'Scores', headers: ['Bid', 'Score'], rows: [['A', '71.13']] });
 * ```
 */
export const DataTableSpecSchema = z
  .object({
    /** The table's accessible name, shown above it. Required. */
    caption: z.string().trim().min(1, 'a table needs a caption (its accessible name)'),
    /** Column headers (plain text). */
    headers: z.array(z.string()).min(1, 'a table needs at least one column'),
    /** Body rows. */
    rows: z.array(z.array(TableCellSchema)),
    /** Alignment per column; `undefined` entries fall back to automatic alignment. */
    align: z.array(z.enum(['left', 'right', 'center']).optional()).optional(),
    /** Footer rows, e.g. totals. */
    footer: z.array(z.array(TableCellSchema)).optional(),
    /** First column is a row header (`<th scope="row">`). Default true. */
    rowHeaders: z.boolean().default(true),
    /** Id of the `<table>` (escaped). */
    id: z.string().optional(),
  })
  .superRefine((t, ctx) => {
    const width = t.headers.length;
    const check = (rows: unknown[][] | undefined, where: 'rows' | 'footer') =>
      rows?.forEach((row, i) => {
        if (row.length !== width) {
          ctx.addIssue({
            code: 'custom',
            path: [where, i],
            message: `has ${row.length} cells but the table has ${width} headers`,
          });
        }
      });
    check(t.rows, 'rows');
    check(t.footer, 'footer');
    if (t.align && t.align.length > width) {
      ctx.addIssue({
        code: 'custom',
        path: ['align'],
        message: `has more entries than the ${width} headers`,
      });
    }
  });

/**
 * Input of {@link dataTable}, see {@link DataTableSpecSchema}.
 *
 * @example
 * ```ts
 * const spec: DataTableSpec = { caption: 'Scores', headers: ['Bid', 'Score'], rows: [['A', '71.13']] };
 * ```
 */
export type DataTableSpec = z.input<typeof DataTableSpecSchema>;

const NUMERIC =
  /^[-+\u2212]?\(?[-+\u2212]?[£$€]?\d[\d,]*(\.\d+)?\)?\s?(%|[A-Za-z£$€/²³]{1,12}(\s?[A-Za-z/²³]{1,12})?)?$/;

function looksNumeric(cell: TableCell): boolean | null {
  if (typeof cell !== 'string') return null;
  const t = cell.trim();
  if (t === '' || t === '-' || t === '\u2014' || t === 'n/a') return null;
  return NUMERIC.test(t);
}

const ALIGN_CLASS: Record<ColumnAlign, string> = {
  left: '',
  right: ' class="cw-num"',
  center: ' class="cw-center"',
};

/**
 * An accessible data table: `<caption>` (required), `<th scope="col">` headers, `<th scope="row">`
 * row headers, optional `<tfoot>` for totals; numeric columns right-aligned with tabular figures;
 * zebra rows and a horizontal scroll region on narrow screens (focusable, named by the caption).
 * A table without rows says `No rows.`
 * Throws `CommonwealError` when a row's width differs from the headers'.
 *
 * @example
 * ```ts
 * dataTable({
 *   caption: 'Weighted scores by bid',
 *   headers: ['Bid', 'Price', 'Quality', 'Total'],
 *   rows: [
 *     ['Bid A', '36.00', '28.50', '64.50'],
 *     ['Bid B', '40.00', '31.25', '71.25'],
 *   ],
 * });
 * ```
 */
export function dataTable(spec: DataTableSpec): string {
  const t = parseSpec(DataTableSpecSchema, spec, 'dataTable');
  const width = t.headers.length;
  const aligns: ColumnAlign[] = [];
  for (let c = 0; c < width; c++) {
    const given = t.align?.[c];
    if (given) {
      aligns.push(given);
      continue;
    }
    const seen = t.rows.map((r) => looksNumeric(r[c] ?? '')).filter((v) => v !== null);
    const numeric = !(t.rowHeaders && c === 0) && seen.length > 0 && seen.every(Boolean);
    aligns.push(numeric ? 'right' : 'left');
  }
  const cell = (value: TableCell, c: number, header: boolean) => {
    const content = typeof value === 'string' ? escapeHtml(value) : value.html;
    const cls = ALIGN_CLASS[aligns[c] ?? 'left'];
    return header ? `<th scope="row"${cls}>${content}</th>` : `<td${cls}>${content}</td>`;
  };
  const row = (cells: TableCell[]) =>
    `<tr>${cells.map((v, c) => cell(v, c, t.rowHeaders && c === 0)).join('')}</tr>`;
  const head = `<tr>${t.headers.map((h, c) => `<th scope="col"${ALIGN_CLASS[aligns[c] ?? 'left']}>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const caption = escapeHtml(t.caption);
  const id = t.id === undefined ? '' : ` id="${escapeHtml(t.id)}"`;
  const foot = t.footer?.length ? `\n<tfoot>\n${t.footer.map(row).join('\n')}\n</tfoot>` : '';
  return `<div class="cw-table-wrap" role="region" aria-label="${caption}" tabindex="0">
<table${id}>
<caption>${caption}</caption>
<thead>
${head}
</thead>
<tbody>
${t.rows.length ? t.rows.map(row).join('\n') : `<tr><td colspan="${width}">No rows.</td></tr>`}
</tbody>${foot}
</table>
</div>`;
}
