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
import { lineChart } from '../svg/line';
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

type Period = PortfolioJson['periods'][number];

/** A shortfall in words: the amount short, or how far ahead (never colour alone). */
function shortfall(v: string | null, show: (v: string) => string): string {
  if (v === null) return '–';
  const d = dec(v);
  if (d.isZero()) return 'on profile';
  return d.isNegative() ? `ahead ${show(d.negated().toString())}` : show(v);
}

function periodStatus(p: Period): string {
  if (p.forward) return 'forward (due only)';
  if (p.cumulative.status === null) return '–';
  const word = RAG_WORD[p.cumulative.status] ?? p.cumulative.status;
  return p.cumulative.basis === 'measures' ? `${word} (worst measure)` : `${word} (value)`;
}

function trajectory(periods: readonly Period[], cur: string): Block | null {
  const valued = periods;
  if (valued.length < 2 || dec((valued.at(-1) as Period).cumulative.dueValue).isZero()) return null;
  const due = valued.map((p, i) => ({ x: i + 1, y: p.cumulative.dueValue as string }));
  const delivered = valued
    .map((p, i) => ({ p, x: i + 1 }))
    .filter(({ p }) => !p.forward)
    .map(({ p, x }) => ({ x, y: p.cumulative.deliveredValue }));
  const first = valued[0] as Period;
  const last = valued.at(-1) as Period;
  const reached = valued.filter((p) => !p.forward).at(-1);
  const description = `Cumulative social value due by the contracts' delivery profiles at each period end, ${first.period} (1) to ${last.period} (${valued.length}), against cumulative value delivered to the report date${
    reached
      ? `: by ${reached.period}, ${fmtMoney(reached.cumulative.deliveredValue, cur)} delivered of ${fmtMoney(reached.cumulative.dueValue, cur)} due`
      : ''
  }; ${fmtMoney(last.cumulative.dueValue, cur)} due in all.`;
  const series = [{ label: 'Due (profile)', points: due }];
  if (delivered.length) series.push({ label: 'Delivered', points: delivered });
  return {
    type: 'figure',
    svg: lineChart({
      title: 'Social value due and delivered, cumulative by period',
      description,
      xLabel: `Reporting period (1 = ${first.period})`,
      yLabel: `Cumulative (${cur})`,
      series,
      format: (v) => fmtMoney(v, cur),
      width: 720,
    }),
    caption: 'Social value due (profile) and delivered, cumulative, by reporting period',
    description: `${description} The figures are in the period table.`,
  };
}

function periodSection(doc: PortfolioJson, cur: string): Block {
  const money = (v: string | null) => (v === null ? '–' : fmtMoney(v, cur));
  const body: Block[] = [];
  const fig = trajectory(doc.periods, cur);
  if (fig) body.push(fig);
  body.push({
    type: 'table',
    caption: 'Due and delivered by reporting period (money; cumulative to each period end)',
    headers: [
      'period',
      'due in period',
      'delivered in period',
      'Σ due',
      'Σ delivered',
      'shortfall (Σ)',
      'pace',
      'RAG',
      'measures not valued',
    ],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'right'],
    rows: doc.periods.map((p) => [
      p.period,
      money(p.dueValue),
      p.forward && dec(p.deliveredValue).isZero() ? '–' : money(p.deliveredValue),
      money(p.cumulative.dueValue),
      p.forward ? '–' : money(p.cumulative.deliveredValue),
      p.forward ? '–' : shortfall(p.cumulative.shortfallValue, (v) => fmtMoney(v, cur)),
      p.cumulative.pace === null ? '–' : fmtNumber(p.cumulative.pace, 2),
      periodStatus(p),
      p.unvalued ? String(p.unvalued) : '–',
    ]),
  });
  const units = new Map(doc.measures.map((m) => [m.measure, m.unit ?? '']));
  body.push({
    type: 'table',
    caption:
      'Due and delivered by reporting period and measure (counted units; cumulative to each period end)',
    headers: [
      'period',
      'measure',
      'unit',
      'due',
      'delivered',
      'Σ due',
      'Σ delivered',
      'shortfall (Σ)',
      'RAG',
    ],
    align: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
    rows: doc.periods.flatMap((p) =>
      p.measures.map((m) => [
        p.period,
        m.measure,
        units.get(m.measure) ?? '',
        fmtNumber(m.due, 2),
        p.forward && dec(m.quantity).isZero() ? '–' : fmtNumber(m.quantity, 2),
        fmtNumber(m.cumulativeDue, 2),
        p.forward ? '–' : fmtNumber(m.cumulativeDelivered, 2),
        p.forward ? '–' : shortfall(m.shortfall, (v) => fmtNumber(v, 2)),
        p.forward ? 'forward' : m.status === null ? '–' : (RAG_WORD[m.status] ?? m.status),
      ]),
    ),
  });
  return { type: 'section', title: 'By period: due and delivered', body };
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
  blocks.push(periodSection(doc, cur));
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
          `By period, each commitment's profile windows are laid onto the reporting periods (${doc.periodicity === 'month' ? 'months' : 'quarters'}): pro rata by calendar days (both ends inclusive), or the whole window in the period of its last day under at-end. Cumulative due, delivered, shortfall, pace and RAG are at each period's end up to the report date; later periods show what is due only. Money counts the measures with a proxy; a period's RAG is on money (value) when every committed measure has one, else the worst contract measure's own RAG (worst measure).`,
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
