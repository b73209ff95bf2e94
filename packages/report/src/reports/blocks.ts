import {
  type CalloutKind,
  type ColumnAlign,
  callout,
  dataTable,
  definitionList,
  figure,
  type HeadingLevel,
  heading,
  htmlDocument,
  type KeyFigure,
  keyFigures,
  section,
  slug,
  type TableCell,
} from '../html';
import { escapeHtml } from '../html/escape';
import { type MdCell, mdEscape, mdHeading, mdList, mdTable } from '../markdown/markdown';

/**
 * A piece of inline text: plain, or strong (bold). Plain text only: both renderers escape it.
 *
 * @example
 * ```ts
 * const parts: Inline[] = ['Winner: ', { strong: 'Acme Care Ltd' }];
 * ```
 */
export type Inline = string | { strong: string };

/**
 * Rich text: a plain string or a list of {@link Inline} pieces.
 *
 * @example
 * ```ts
 * const r: Rich = ['Ranked ', { strong: '1' }, ' of 3'];
 * ```
 */
export type Rich = string | readonly Inline[];

/**
 * One block of a report, rendered the same way to HTML and to Markdown, so the two outputs
 * always say the same thing. Charts are SVG (HTML only); Markdown shows their caption and
 * description, and the numbers are in the tables beside them.
 *
 * @example
 * ```ts
 * const b: Block = { type: 'paragraph', text: ['Winner: ', { strong: 'Acme' }] };
 * ```
 */
export type Block =
  | { type: 'paragraph'; text: Rich; lead?: boolean }
  | { type: 'list'; items: readonly Rich[]; ordered?: boolean }
  | { type: 'keyFigures'; figures: readonly KeyFigure[] }
  | {
      type: 'table';
      caption: string;
      headers: readonly string[];
      rows: readonly (readonly Rich[])[];
      footer?: readonly (readonly Rich[])[];
      align?: readonly (ColumnAlign | undefined)[];
    }
  | { type: 'callout'; kind: CalloutKind; title: string; body: readonly Block[] }
  | { type: 'definitions'; items: readonly { term: string; description: Rich }[] }
  | { type: 'figure'; svg: string; caption: string; description: string }
  | { type: 'section'; title: string; id?: string; level?: HeadingLevel; body: readonly Block[] };

/**
 * A whole report: its title (the page's `<h1>`), a one-line description (the page's meta
 * description) and its blocks.
 *
 * @example
 * ```ts
 * const doc: ReportDocument = { title: 'Spend analysis', description: 'Local spend 2024-25', blocks: [] };
 * ```
 */
export interface ReportDocument {
  title: string;
  description: string;
  blocks: readonly Block[];
}

const STATUS_WORD: Record<CalloutKind, string> = { info: 'Note', warning: 'Warning', danger: 'Danger' };

// Same shape as dataTable's numeric detection, so Markdown columns align as HTML ones do.
const NUMERIC =
  /^[-+\u2212]?\(?[-+\u2212]?[£$€]?\d[\d,]*(\.\d+)?\)?\s?(%|[A-Za-z£$€/²³]{1,12}(\s?[A-Za-z/²³]{1,12})?)?$/;

function richHtml(r: Rich): string {
  if (typeof r === 'string') return escapeHtml(r);
  return r
    .map((i) => (typeof i === 'string' ? escapeHtml(i) : `<strong>${escapeHtml(i.strong)}</strong>`))
    .join('');
}

function richMd(r: Rich): string {
  if (typeof r === 'string') return mdEscape(r);
  return r
    .map((i) => {
      if (typeof i === 'string') return mdEscape(i);
      const t = i.strong.trim();
      return t === '' ? '' : `**${mdEscape(t)}**`;
    })
    .join('');
}

/**
 * Plain text of rich text (for alignment checks and descriptions).
 *
 * @example
 * ```ts
 * plainText(['Winner: ', { strong: 'Acme' }]); // 'Winner: Acme'
 * ```
 */
export function plainText(r: Rich): string {
  return typeof r === 'string' ? r : r.map((i) => (typeof i === 'string' ? i : i.strong)).join('');
}

function autoAlign(
  rows: readonly (readonly Rich[])[],
  width: number,
  given: readonly (ColumnAlign | undefined)[] | undefined,
): (ColumnAlign | undefined)[] {
  const out: (ColumnAlign | undefined)[] = [];
  for (let c = 0; c < width; c++) {
    const g = given?.[c];
    if (g) {
      out.push(g);
      continue;
    }
    const seen = rows
      .map((r) => plainText(r[c] ?? '').trim())
      .filter((t) => t !== '' && t !== '-' && t !== '\u2013' && t !== '\u2014' && t !== 'n/a');
    out.push(c > 0 && seen.length > 0 && seen.every((t) => NUMERIC.test(t)) ? 'right' : 'left');
  }
  return out;
}

interface Counter {
  figure: number;
}

function toHtml(blocks: readonly Block[], n: Counter): string {
  return blocks.map((b) => blockHtml(b, n)).join('\n');
}

function blockHtml(b: Block, n: Counter): string {
  switch (b.type) {
    case 'paragraph':
      return `<p${b.lead ? ' class="cw-lead"' : ''}>${richHtml(b.text)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>\n${b.items.map((i) => `<li>${richHtml(i)}</li>`).join('\n')}\n</${tag}>`;
    }
    case 'keyFigures':
      return keyFigures(b.figures);
    case 'table': {
      const cell = (r: Rich): TableCell => (typeof r === 'string' ? r : { html: richHtml(r) });
      const align = autoAlign(b.rows, b.headers.length, b.align);
      return dataTable({
        caption: b.caption,
        headers: [...b.headers],
        rows: b.rows.map((r) => r.map(cell)),
        align,
        ...(b.footer?.length ? { footer: b.footer.map((r) => r.map(cell)) } : {}),
      });
    }
    case 'callout':
      return callout(b.kind, toHtml(b.body, n), b.title);
    case 'definitions':
      return definitionList(
        b.items.map((d) => ({ term: d.term, description: { html: richHtml(d.description) } })),
      );
    case 'figure':
      n.figure++;
      return figure(b.svg, `Figure ${n.figure}. ${b.caption}`);
    case 'section':
      return section({
        title: b.title,
        id: b.id ?? slug(b.title),
        level: b.level ?? 2,
        body: toHtml(b.body, n),
      });
  }
}

function toMd(blocks: readonly Block[], n: Counter): string {
  return blocks
    .map((b) => blockMd(b, n))
    .filter((s) => s !== '')
    .join('\n\n');
}

function blockMd(b: Block, n: Counter): string {
  switch (b.type) {
    case 'paragraph':
      return richMd(b.text);
    case 'list':
      return b.items.length
        ? mdList(
            b.items.map((i) => ({ markdown: richMd(i) })),
            { ordered: b.ordered ?? false },
          )
        : '';
    case 'keyFigures':
      return b.figures.length
        ? mdList(
            b.figures.map((f) => ({
              markdown: `${mdEscape(f.label)}: **${mdEscape(f.value)}**${f.note ? ` (${mdEscape(f.note)})` : ''}`,
            })),
          )
        : '';
    case 'table': {
      const cell = (r: Rich): MdCell => (typeof r === 'string' ? r : { markdown: richMd(r) });
      const align = autoAlign(b.rows, b.headers.length, b.align);
      const footer = (b.footer ?? []).map((r) =>
        r.map((x, c) => (c === 0 ? { markdown: `**${richMd(x)}**` } : cell(x))),
      );
      const rows = [...b.rows.map((r) => r.map(cell)), ...footer];
      const body = rows.length ? rows : [b.headers.map((_, c) => (c === 0 ? 'No rows.' : ''))];
      return `*${mdEscape(b.caption)}*\n\n${mdTable(b.headers, body, align)}`;
    }
    case 'callout': {
      const inner = `**${STATUS_WORD[b.kind]}: ${mdEscape(b.title)}**\n\n${toMd(b.body, n)}`;
      return inner
        .split('\n')
        .map((l) => (l === '' ? '>' : `> ${l}`))
        .join('\n');
    }
    case 'definitions':
      return b.items.length
        ? mdList(b.items.map((d) => ({ markdown: `**${mdEscape(d.term)}**: ${richMd(d.description)}` })))
        : '';
    case 'figure':
      n.figure++;
      return `*${mdEscape(`Figure ${n.figure}. ${b.caption}`)}* ${mdEscape(b.description)}`;
    case 'section': {
      const body = toMd(b.body, n);
      return `${mdHeading(b.level ?? 2, b.title)}${body ? `\n\n${body}` : ''}`;
    }
  }
}

/** Extra CSS for reports: compact long tables and lists inside callouts. */
const REPORT_EXTRA_CSS =
  '.cw-callout ul,.cw-callout ol{margin:.25rem 0 .5rem;padding-left:1.25rem}\n.cw-callout p{margin:.25rem 0}';

/**
 * Renders a report document as one self-contained HTML page (inline CSS and SVG, no script).
 *
 * @example
 * ```ts
 * const html = renderDocumentHtml({ title: 'Report', description: 'A test', blocks: [{ type: 'paragraph', text: 'Hi' }] });
 * html.includes('<h1>Report</h1>'); // true
 * ```
 */
export function renderDocumentHtml(doc: ReportDocument, lang?: string): string {
  const n: Counter = { figure: 0 };
  const body = `${heading(1, doc.title)}\n${toHtml(doc.blocks, n)}`;
  return htmlDocument({
    title: doc.title,
    description: doc.description,
    body,
    styles: REPORT_EXTRA_CSS,
    ...(lang === undefined ? {} : { lang }),
  });
}

/**
 * Renders a report document as GitHub-flavoured Markdown (one trailing newline).
 *
 * @example
 * ```ts
 * renderDocumentMarkdown({ title: 'Report', description: 'A test', blocks: [{ type: 'paragraph', text: 'Hi' }] });
 * // '# Report\n\nHi\n'
 * ```
 */
export function renderDocumentMarkdown(doc: ReportDocument): string {
  const n: Counter = { figure: 0 };
  const body = toMd(doc.blocks, n);
  return `${mdHeading(1, doc.title)}${body ? `\n\n${body}` : ''}\n`;
}
