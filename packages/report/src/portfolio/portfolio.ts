import type { Issue } from '@commonweal/core/issues';
import { dec } from '@commonweal/core/money';
import type { PortfolioJson } from '@commonweal/core/procurement';
import { fmtMoney, fmtNumber, fmtPercent } from '../format/format';
import {
  type Block,
  type ReportDocument,
  renderDocumentHtml,
  renderDocumentMarkdown,
} from '../reports/blocks';
import { issuesSection } from '../reports/common';
import { stackedBarChart } from '../svg/stacked';

/**
 * Options of {@link renderPortfolioHtml} and {@link renderPortfolioMarkdown}.
 *
 * @example
 * ```ts
 * const o: PortfolioReportOptions = { title: 'Example Council: social value across our contracts' };
 * ```
 */
export interface PortfolioReportOptions {
  /** Page title. Default `Social value across the council's contracts`. */
  title?: string;
  /** Language tag of the HTML page. Default `en-GB`. */
  lang?: string;
}

type Group = PortfolioJson['total'];

const DIM_TITLE = {
  theme: 'By theme',
  outcome: 'By outcome',
  supplier: 'By supplier',
  area: 'By ward or area',
};
const RAG_WORD: Record<string, string> = {
  green: 'GREEN',
  amber: 'AMBER',
  red: 'RED',
  'not-due': 'not due',
  uncommitted: 'uncommitted',
};

const share = (d: string | null) => (d === null ? '–' : fmtPercent(d, 1));
const rag = (r: Group['rag']) =>
  `${r.green} / ${r.amber} / ${r.red}${r.notDue ? ` (+${r.notDue} not due)` : ''}`;

function groupTable(caption: string, groups: readonly Group[], cur: string): Block {
  return {
    type: 'table',
    caption,
    headers: [
      'group',
      'contracts',
      'committed',
      'due by now',
      'delivered',
      'delivered of committed',
      'pace',
      'RAG (G / A / R)',
      'contracts behind',
    ],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    rows: groups.map((g) => [
      g.title === g.key ? g.key : `${g.title} (${g.key})`,
      String(g.contracts.length),
      fmtMoney(g.committedValue, cur),
      fmtMoney(g.expectedValue, cur),
      fmtMoney(g.deliveredValue, cur),
      share(g.deliveredShare),
      g.pace === null ? '–' : fmtNumber(g.pace, 2),
      rag(g.rag),
      g.behind.join(', ') || 'none',
    ]),
  };
}

function chart(title: string, groups: readonly Group[], cur: string): Block | null {
  const valued = groups.filter((g) => !dec(g.committedValue).isZero());
  if (!valued.length) return null;
  const description = `For each group, social value delivered so far and the rest still due by now, against what is committed: ${valued
    .map(
      (g) =>
        `${g.title}: ${fmtMoney(g.deliveredValue, cur)} delivered of ${fmtMoney(g.expectedValue, cur)} due`,
    )
    .join('; ')}.`;
  const svg = stackedBarChart({
    title,
    description,
    series: [
      { id: 'delivered', label: 'Delivered' },
      { id: 'short', label: 'Due by now, not delivered' },
      { id: 'later', label: 'Committed, due later' },
    ],
    categories: valued.map((g) => {
      const d = dec(g.deliveredValue);
      const e = dec(g.expectedValue);
      const c = dec(g.committedValue);
      const short = e.minus(d).isNegative() ? dec(0) : e.minus(d);
      const later = c.minus(d.gt(e) ? d : e);
      return {
        label: g.title,
        segments: [
          { series: 'delivered', value: d },
          { series: 'short', value: short },
          { series: 'later', value: later.isNegative() ? dec(0) : later },
        ],
      };
    }),
    unit: cur,
    format: (v) => fmtMoney(v, cur),
  });
  return { type: 'figure', svg, caption: title, description };
}

/**
 * The report of a portfolio as blocks (for HTML and Markdown alike): key figures, contracts,
 * groups by theme, outcome, supplier and area with charts, measures, periods, method and issues.
 *
 * @example
 * ```ts
 * portfolioDocument(doc).title; // "Social value across the council's contracts"
 * ```
 */
export function portfolioDocument(doc: PortfolioJson, options: PortfolioReportOptions = {}): ReportDocument {
  const cur = doc.currency ?? 'GBP';
  const t = doc.total;
  const blocks: Block[] = [
    {
      type: 'paragraph',
      lead: true,
      text: [
        `${doc.contracts.length} contracts monitored as of ${doc.reportDate ?? '–'}: `,
        { strong: fmtMoney(t.deliveredValue, cur) },
        ` of social value delivered against ${fmtMoney(t.expectedValue, cur)} due by now and ${fmtMoney(t.committedValue, cur)} committed; `,
        { strong: `${t.behind.length} of ${t.contracts.length}` },
        ' contracts have a measure behind (red or amber).',
      ],
    },
    {
      type: 'keyFigures',
      figures: [
        { label: 'Committed', value: fmtMoney(t.committedValue, cur), note: 'gross, valued measures' },
        { label: 'Due by now', value: fmtMoney(t.expectedValue, cur), note: 'by each delivery profile' },
        {
          label: 'Delivered',
          value: fmtMoney(t.deliveredValue, cur),
          note: `pace ${t.pace === null ? '–' : fmtNumber(t.pace, 2)}`,
        },
        {
          label: 'Measures G / A / R',
          value: rag(t.rag),
          note: `${t.measures} measures, ${t.unvalued} without a proxy`,
        },
      ],
    },
    {
      type: 'table',
      caption: 'Contracts',
      headers: [
        'contract',
        'supplier',
        'area',
        'period',
        'status',
        'committed',
        'due by now',
        'delivered',
        'RAG (G / A / R)',
      ],
      align: ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right'],
      rows: doc.contracts.map((c) => [
        c.contract,
        c.supplier,
        c.area ?? '–',
        `${c.start} to ${c.end}`,
        RAG_WORD[c.status] ?? c.status,
        fmtMoney(c.committedValue, cur),
        fmtMoney(c.expectedValue, cur),
        fmtMoney(c.deliveredValue, cur),
        rag(c.rag),
      ]),
    },
  ];
  for (const dim of ['theme', 'outcome', 'supplier', 'area'] as const) {
    const groups = doc.by[dim];
    const body: Block[] = [];
    const c = chart(`Social value ${DIM_TITLE[dim].toLowerCase()}`, groups, cur);
    if (c) body.push(c);
    body.push(groupTable(`Social value ${DIM_TITLE[dim].toLowerCase()}`, groups, cur));
    blocks.push({ type: 'section', title: DIM_TITLE[dim], body });
  }
  blocks.push({
    type: 'section',
    title: 'By measure (quantities in counted units)',
    body: [
      {
        type: 'table',
        caption: 'Quantities by measure',
        headers: [
          'measure',
          'unit',
          'committed',
          'due by now',
          'delivered',
          'delivered of committed',
          'contracts',
          'behind',
        ],
        align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
        rows: doc.measures.map((m) => [
          `${m.measure}${m.title ? ` ${m.title}` : ''}`,
          m.unit ?? '',
          fmtNumber(m.committed),
          fmtNumber(m.expected, 2),
          fmtNumber(m.delivered),
          share(m.deliveredShare),
          String(m.contracts.length),
          m.behind.join(', ') || 'none',
        ]),
      },
    ],
  });
  blocks.push({
    type: 'section',
    title: 'By period (delivered)',
    body: [
      {
        type: 'table',
        caption: 'Delivered by reporting period',
        headers: ['period', 'contracts reporting', 'delivered value', 'contracts not valued'],
        align: ['left', 'right', 'right', 'right'],
        rows: doc.periods.map((p) => [
          p.period,
          String(p.contracts),
          fmtMoney(p.deliveredValue, cur),
          String(p.unvalued),
        ]),
      },
    ],
  });
  blocks.push({
    type: 'section',
    title: 'How these figures are made',
    body: [
      {
        type: 'list',
        items: [
          "Each contract is monitored as `commonweal monitor` does: its winning bid's commitments against its supplier's returns, at one report date.",
          `Money is gross (counted units × proxy, ${doc.priceYear ?? 'no'} prices), before deadweight, attribution and discounting; measures without a proxy are counted in RAG and quantities, not in money.`,
          'Due by now is what each commitment’s delivery profile makes due by the report date; pace = delivered ÷ due by now.',
          'A contract is behind when any of its measures is red or amber (RAG thresholds of each contract’s monitoring).',
          'By period shows delivery only: commitments are profiled by contract year, not by reporting period.',
          `Contracts: ${doc.counts.read} in the manifest, ${doc.counts.accepted} monitored, ${doc.counts.rejected} rejected (see issues). Inputs sha256 ${doc.sha256}.`,
        ],
      },
    ],
  });
  for (const b of issuesSection(doc.issues as Issue[])) blocks.push(b);
  return {
    title: options.title ?? "Social value across the council's contracts",
    description: `Portfolio of ${doc.contracts.length} contracts as of ${doc.reportDate ?? '–'}`,
    blocks,
  };
}

/**
 * Renders a portfolio (`commonweal portfolio --format json`) as a self-contained HTML page with
 * charts by theme, outcome, supplier and area.
 *
 * @example
 * ```ts
 * writeFileSync('portfolio.html', renderPortfolioHtml(result.document));
 * ```
 */
export function renderPortfolioHtml(doc: PortfolioJson, options: PortfolioReportOptions = {}): string {
  return renderDocumentHtml(portfolioDocument(doc, options), options.lang);
}

/**
 * Renders a portfolio as Markdown, with the same sections and tables as {@link renderPortfolioHtml}.
 *
 * @example
 * ```ts
 * console.log(renderPortfolioMarkdown(result.document));
 * ```
 */
export function renderPortfolioMarkdown(doc: PortfolioJson, options: PortfolioReportOptions = {}): string {
  return renderDocumentMarkdown(portfolioDocument(doc, options));
}
