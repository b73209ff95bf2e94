import type { Issue } from '@commonweal/core/issues';
import { Dec, type Decimal } from '@commonweal/core/money';
import type { DeliveryReport, MeasureDelivery, RagStatus } from '@commonweal/core/procurement';
import { fmtMoney, fmtNumber, fmtPercent } from '../format/format';
import { lineChart } from '../svg/line';
import { type Block, type ReportDocument, renderDocumentHtml, renderDocumentMarkdown } from './blocks';
import { issuesSection } from './common';

/**
 * Options of {@link renderMonitoringHtml} and {@link renderMonitoringMarkdown}: the inputs hash,
 * every issue, the bid monitored and the currency of the money values.
 *
 * @example
 * ```ts
 * const o: MonitoringReportOptions = { sha256: r.sha256, issues: r.issues, bid: 'B1', currency: 'GBP' };
 * ```
 */
export interface MonitoringReportOptions {
  sha256: string;
  issues?: readonly Issue[];
  bid?: string | null;
  /** Currency of the money values. Default `GBP`. */
  currency?: string | null;
  /** Page title. Default `Social value delivery monitoring`. */
  title?: string;
  /** Language tag of the HTML page. Default `en-GB`. */
  lang?: string;
}

/** RAG in words, so the status never rests on colour alone. */
const RAG_WORD: Record<RagStatus, string> = {
  green: 'GREEN (on track)',
  amber: 'AMBER (behind)',
  red: 'RED (well behind)',
  'not-due': 'not due yet',
  uncommitted: 'uncommitted',
};

const DAY = 86_400_000;
const utc = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/** Years from the contract start to the end of a day (so a full first year ends at 1). */
function yearsFrom(start: string, iso: string, endOfDay: boolean): Decimal {
  const days = (utc(iso) - utc(start)) / DAY + (endOfDay ? 1 : 0);
  return new Dec(days).dividedBy('365.25').toDecimalPlaces(3, Dec.ROUND_HALF_UP);
}

/**
 * The points of one commitment's trajectory, in years from the contract start: expected
 * (cumulative due at each profile window's end; under pro-rata accrual the straight line
 * between them is what is expected on any day) and delivered (cumulative at the end of each
 * reporting period up to the report date, and at the report date).
 *
 * @example
 * ```ts
 * trajectoryPoints(report, report.measures[0]).expected; // [{ x: 0, y: 0 }, { x: 1, y: '12.5' }, …]
 * ```
 */
export function trajectoryPoints(
  r: DeliveryReport,
  m: MeasureDelivery,
): { expected: { x: Decimal; y: Decimal }[]; delivered: { x: Decimal; y: Decimal }[] } {
  const start = r.contract.start;
  const zero = new Dec(0);
  const expected = new Map<string, { x: Decimal; y: Decimal }>();
  expected.set('0', { x: zero, y: zero });
  for (const w of m.profile) {
    const x = yearsFrom(start, w.end, true);
    // An at-end window is due all at once: step up at its end.
    if (r.profile.accrual === 'at-end') {
      const before = w.cumulativeDue.minus(w.due);
      const xb = x.minus('0.001');
      if (!expected.has(xb.toString())) expected.set(xb.toString(), { x: xb, y: before });
    }
    expected.set(x.toString(), { x, y: w.cumulativeDue });
  }
  const delivered = new Map<string, { x: Decimal; y: Decimal }>();
  delivered.set('0', { x: zero, y: zero });
  let cumulative = zero;
  for (const p of r.periods) {
    const q = p.measures.find((x) => x.measure === m.measure);
    if (q) cumulative = q.cumulative;
    // ISO dates sort as strings: the period's end, or the report date inside it
    const end = [p.end, r.reportDate].sort()[0] as string;
    const x = yearsFrom(start, end, true);
    if (x.gt(0)) delivered.set(x.toString(), { x, y: cumulative });
  }
  return { expected: [...expected.values()], delivered: [...delivered.values()] };
}

function trajectoryFigure(r: DeliveryReport, m: MeasureDelivery): Block | undefined {
  if (m.status === 'uncommitted' || m.profile.length === 0) return undefined;
  const t = trajectoryPoints(r, m);
  const unit = m.unit ?? 'counted units';
  const q = (d: Decimal) => fmtNumber(d, 2);
  const words = `${m.committed.toString()} ${unit} committed; by ${r.reportDate} ${q(m.expected)} were due by the profile and ${q(m.delivered)} delivered: ${RAG_WORD[m.status]}`;
  const name = `${m.measure}${m.title ? ` ${m.title}` : ''}`;
  return {
    type: 'figure',
    svg: lineChart({
      title: `${name}: expected and delivered, cumulative`,
      description: `${words}. Expected follows the ${m.profileBasis === 'milestones' ? 'agreed milestones' : "commitment's own profile"}; x is years from the contract start ${r.contract.start}.`,
      xLabel: `Years from the contract start (${r.contract.start})`,
      yLabel: `Cumulative (${unit})`,
      series: [
        { label: 'Expected', points: t.expected },
        { label: 'Delivered', points: t.delivered },
      ],
      format: q,
      width: 720,
    }),
    caption: `${name}: ${RAG_WORD[m.status]} — expected (profile) against delivered, cumulative.`,
    description: `${words}. The figures are in the profile table below.`,
  };
}

function measureSection(r: DeliveryReport, m: MeasureDelivery): Block {
  const body: Block[] = [];
  const fig = trajectoryFigure(r, m);
  if (fig) body.push(fig);
  body.push({
    type: 'paragraph',
    text: [
      { strong: `Status: ${RAG_WORD[m.status]}. ` },
      `${m.trace.formula}. Committed ${m.committed.toString()}, expected by ${r.reportDate} ${fmtNumber(m.expected, 2)}, delivered ${m.delivered.toString()}${m.pace ? `, pace ${fmtNumber(m.pace, 2)}` : ''}.${m.nextDue ? ` Next due: ${m.nextDue.due.toString()} by ${m.nextDue.end}.` : ''}`,
    ],
  });
  if (m.profile.length)
    body.push({
      type: 'table',
      caption: `${m.measure}: delivery profile (${m.profileBasis})`,
      headers: ['window', 'from', 'to', 'due', 'Σ due', 'delivered', 'Σ delivered'],
      rows: m.profile.map((w) => [
        w.label,
        w.start,
        w.end,
        w.due.toString(),
        w.cumulativeDue.toString(),
        w.delivered.toString(),
        w.cumulativeDelivered.toString(),
      ]),
      align: ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
    });
  if (m.returns.length)
    body.push({
      type: 'table',
      caption: `${m.measure}: supplier returns and their evidence`,
      headers: ['return', 'basis', 'reported', 'counted', 'evidence', 'line'],
      rows: m.returns.map((x) => [
        x.when,
        x.basis,
        x.reported.toString(),
        x.counted.toString(),
        x.evidence ?? '(none given)',
        x.line === undefined ? '–' : String(x.line),
      ]),
      align: ['left', 'left', 'right', 'right', 'left', 'right'],
    });
  return { type: 'section', title: `${m.measure}${m.title ? ` — ${m.title}` : ''}`, level: 3, body };
}

function monitoringDocument(r: DeliveryReport, o: MonitoringReportOptions): ReportDocument {
  const currency = o.currency ?? 'GBP';
  const ov = r.overall;
  const money = (d: Decimal | null | undefined) =>
    d === null || d === undefined ? '–' : fmtMoney(d, currency);
  const rule = `green at pace ≥ ${r.thresholds.green.toString()}, amber ≥ ${r.thresholds.amber.toString()}, else red (project defaults, not a published standard)`;
  const expectedRule =
    r.expectation === 'elapsed'
      ? 'expected = committed × share of the contract elapsed (deprecated)'
      : `expected by the report date follows each commitment's own profile: a commitment of year Y is due in contract year Y − ${r.contract.start.slice(0, 4)} + 1 (each further counted year in the next), or the agreed milestones; ${r.profile.accrual === 'pro-rata' ? 'a window builds up evenly over its days' : 'a window is due in full at its end'}`;
  const blocks: Block[] = [
    {
      type: 'paragraph',
      lead: true,
      text: `Delivery of ${o.bid ? `bid ${o.bid}'s` : 'the'} social value commitments at ${r.reportDate}: overall ${RAG_WORD[ov.status]}.`,
    },
    {
      type: 'keyFigures',
      figures: [
        { label: 'Overall status', value: RAG_WORD[ov.status], note: `basis: ${ov.basis}` },
        {
          label: 'Contract elapsed',
          value: fmtPercent(r.elapsed, 1),
          note: `${r.contract.start} to ${r.contract.end}`,
        },
        {
          label: 'Measures by status',
          value: `${ov.counts.green} green, ${ov.counts.amber} amber, ${ov.counts.red} red`,
        },
        ...(ov.basis === 'value'
          ? [
              {
                label: 'Delivered value',
                value: money(ov.deliveredValue),
                note: `${money(ov.expectedValue)} due by now, of ${money(ov.committedValue)}`,
              },
            ]
          : []),
      ],
    },
    {
      type: 'section',
      title: 'By measure',
      body: [
        {
          type: 'table',
          caption: 'Delivery by measure',
          headers: ['measure', 'unit', 'committed', 'delivered', 'expected by now', 'pace', 'status'],
          rows: r.measures.map((m) => [
            `${m.measure}${m.title ? ` ${m.title}` : ''}`,
            m.unit ?? '–',
            m.committed.toString(),
            m.delivered.toString(),
            fmtNumber(m.expected, 2),
            m.pace ? fmtNumber(m.pace, 2) : '–',
            RAG_WORD[m.status],
          ]),
          align: ['left', 'left', 'right', 'right', 'right', 'right', 'left'],
        },
        {
          type: 'definitions',
          items: [
            { term: 'Expected', description: expectedRule },
            { term: 'Pace and RAG', description: `pace = delivered ÷ expected; ${rule}` },
            {
              term: 'Counted units',
              description:
                'committed = quantity × counted years (every year of the duration for perYear measures, the first only for firstYearOnly); delivered in the same units',
            },
          ],
        },
      ],
    },
    {
      type: 'section',
      title: 'Trajectories',
      body: r.measures.filter((m) => m.status !== 'uncommitted').map((m) => measureSection(r, m)),
    },
    {
      type: 'section',
      title: 'By period',
      body: [
        {
          type: 'table',
          caption: `Delivered per ${r.periodicity} (cumulative in brackets)`,
          headers: ['period', 'from', 'to', 'delivered (cumulative)', 'value'],
          rows: r.periods.map((p) => [
            p.period,
            p.start,
            p.end,
            p.measures
              .map((m) => `${m.measure} ${m.quantity.toString()} (${m.cumulative.toString()})`)
              .join('; ') || '–',
            money(p.value),
          ]),
          align: ['left', 'left', 'left', 'left', 'right'],
        },
      ],
    },
    {
      type: 'paragraph',
      text: `Returns: ${r.records.read} read, ${r.records.accepted} accepted, ${r.records.rejected} rejected.${r.milestones.read ? ` Milestones: ${r.milestones.read} read, ${r.milestones.accepted} accepted, ${r.milestones.rejected} rejected.` : ''}${r.priceYear ? ` Money in ${r.priceYear} prices, gross (before deadweight, attribution and discounting).` : ''} Inputs sha256 ${o.sha256}.`,
    },
    ...issuesSection(o.issues ?? []),
  ];
  return {
    title: o.title ?? 'Social value delivery monitoring',
    description: `Delivery of social value commitments at ${r.reportDate}: overall ${ov.status}`,
    blocks,
  };
}

/**
 * Delivery monitoring as a self-contained HTML page: overall status, the measures, and per
 * commitment a trajectory chart (expected by its profile against delivered, cumulative; inline
 * SVG, no script; statuses in words, never by colour alone), its profile and its returns with
 * their evidence references.
 *
 * @example
 * ```ts
 * const html = renderMonitoringHtml(report, { sha256, issues, bid: 'B1' });
 * ```
 */
export function renderMonitoringHtml(r: DeliveryReport, options: MonitoringReportOptions): string {
  return renderDocumentHtml(monitoringDocument(r, options), options.lang);
}

/**
 * Delivery monitoring as Markdown: the same content as {@link renderMonitoringHtml}, the charts'
 * figures as tables.
 *
 * @example
 * ```ts
 * const md = renderMonitoringMarkdown(report, { sha256, issues, bid: 'B1' });
 * ```
 */
export function renderMonitoringMarkdown(r: DeliveryReport, options: MonitoringReportOptions): string {
  return renderDocumentMarkdown(monitoringDocument(r, options));
}
