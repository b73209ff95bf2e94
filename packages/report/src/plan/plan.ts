import type { Issue } from '@commonweal/core/issues';
import { dec } from '@commonweal/core/money';
import type { PlanProgressJson } from '@commonweal/core/plan';
import { fmtMoney, fmtNumber, fmtPercent } from '../format/format';
import {
  type Block,
  type ReportDocument,
  renderDocumentHtml,
  renderDocumentMarkdown,
} from '../reports/blocks';
import { issuesSection } from '../reports/common';
import { barChart } from '../svg/bar';

/**
 * Options of {@link renderPlanHtml} and {@link renderPlanMarkdown}.
 *
 * @example
 * ```ts
 * const o: PlanReportOptions = { currency: 'GBP' };
 * ```
 */
export interface PlanReportOptions {
  /** Currency of money indicators. Default `GBP`. */
  currency?: string;
  /** Language tag of the HTML page. Default `en-GB`. */
  lang?: string;
}

type Ind = PlanProgressJson['indicators'][number];

const STATUS_WORD: Record<string, string> = {
  'on-track': 'on track',
  'off-track': 'OFF TRACK',
  'no-data': 'no data',
};

/**
 * An indicator's figure in its unit: shares as percentages, money with its currency, others as
 * numbers with the unit.
 *
 * @example
 * ```ts
 * planFigure('0.4513', 'share'); // '45.1%'
 * ```
 */
export function planFigure(value: string | null, unit: string, currency = 'GBP'): string {
  if (value === null) return '–';
  if (unit === 'share') return fmtPercent(value, 1);
  if (unit === currency || unit === 'money') return fmtMoney(value, currency);
  const places = dec(value).decimalPlaces() > 2 ? 2 : undefined;
  return `${fmtNumber(value, places)} ${unit}`;
}

/**
 * The report of a plan's progress as blocks: headline, objectives with their weights from the
 * priorities survey, each indicator (baseline → latest → target), actions and partners, the
 * rule, sources and issues — written for a committee.
 *
 * @example
 * ```ts
 * planDocument(doc).title; // 'Riverside Community Economic Plan: progress at 2027-03-31'
 * ```
 */
export function planDocument(doc: PlanProgressJson, options: PlanReportOptions = {}): ReportDocument {
  const cur = options.currency ?? 'GBP';
  const fig = (v: string | null, unit: string) => planFigure(v, unit, cur);
  const c = doc.counts;
  const withData = doc.indicators.filter((i) => i.progress !== null);
  const blocks: Block[] = [
    { type: 'paragraph', lead: true, text: [{ strong: doc.plan.vision }] },
    {
      type: 'paragraph',
      text: `Led by ${doc.plan.ledBy}; adopted ${doc.plan.adopted}. Progress at ${doc.asOf}: ${c['on-track']} indicators on track, ${c['off-track']} off track, ${c['no-data']} without data; ${doc.actionCounts.done} of ${doc.actionCounts.total} actions done, ${doc.actionCounts.overdue} overdue.`,
    },
    {
      type: 'keyFigures',
      figures: [
        { label: 'On track', value: String(c['on-track']), note: `of ${doc.indicators.length} indicators` },
        { label: 'Off track', value: String(c['off-track']) },
        { label: 'No data', value: String(c['no-data']) },
        {
          label: 'Actions with community partners',
          value: `${doc.actionCounts.communityLed} of ${doc.actionCounts.total}`,
          note: 'community groups, co-operatives, residents’ panels, VCSE',
        },
      ],
    },
  ];
  if (withData.length)
    blocks.push({
      type: 'figure',
      svg: barChart({
        title: 'Progress from baseline to target',
        description: `Share of the way from baseline to target each indicator has come: ${withData
          .map((i) => `${i.title} ${fmtPercent(i.progress as string, 0)} (${STATUS_WORD[i.status]})`)
          .join('; ')}.`,
        bars: withData.map((i) => ({
          label: i.title,
          value: dec(i.progress as string).times(100),
          note: STATUS_WORD[i.status] ?? i.status,
        })),
        unit: '%',
        format: (v) => `${fmtNumber(v, 0)}%`,
      }),
      caption: 'Progress from baseline to target (100% = target reached)',
      description:
        'Each bar is (latest − baseline) ÷ (target − baseline); the table below gives every figure.',
    });
  blocks.push({
    type: 'table',
    caption: 'Objectives and the community’s priorities',
    headers: ['objective', 'priority', 'weight', 'weight from', 'status', 'on / off / no data'],
    align: ['left', 'left', 'right', 'left', 'left', 'right'],
    rows: doc.objectives.map((o) => [
      `${o.id} ${o.title}`,
      o.priority ?? '–',
      o.weight === null ? '–' : fmtNumber(o.weight, 2),
      o.weightFrom === 'priorities'
        ? 'priorities survey'
        : o.weightFrom === 'plan'
          ? 'plan (unchecked)'
          : '–',
      STATUS_WORD[o.status] ?? o.status,
      `${o.counts['on-track']} / ${o.counts['off-track']} / ${o.counts['no-data']}`,
    ]),
  });
  for (const o of doc.objectives) {
    const inds = doc.indicators.filter((i) => i.objective === o.id);
    const acts = doc.actions.filter((a) => a.objective === o.id);
    const body: Block[] = [];
    if (inds.length)
      body.push({
        type: 'table',
        caption: `Indicators of ${o.id}`,
        headers: ['indicator', 'baseline', 'latest', 'expected by now', 'target', 'status', 'from'],
        align: ['left', 'right', 'right', 'right', 'right', 'left', 'left'],
        rows: inds.map((i: Ind) => [
          i.title,
          `${fig(i.baseline.value, i.unit)} (${i.baseline.date})`,
          fig(i.latest, i.unit),
          fig(i.expected, i.unit),
          `${fig(i.target.value, i.unit)} (${i.target.date})`,
          `${STATUS_WORD[i.status] ?? i.status}${i.targetMet ? ', target met' : ''}`,
          i.from ? `${i.from.name} ${i.from.field}` : 'no result given',
        ]),
      });
    if (acts.length)
      body.push({
        type: 'table',
        caption: `Actions of ${o.id}`,
        headers: ['action', 'owner', 'partners', 'dates', 'status'],
        align: ['left', 'left', 'left', 'left', 'left'],
        rows: acts.map((a) => [
          `${a.id} ${a.title}`,
          a.owner,
          a.partners.map((p) => `${p.name} (${p.kind.replace(/-/g, ' ')})`).join('; ') || '–',
          `${a.start} to ${a.due}`,
          `${a.status.replace(/-/g, ' ')}${a.overdue ? ', OVERDUE' : ''}`,
        ]),
      });
    if (!body.length) body.push({ type: 'paragraph', text: 'No indicators or actions yet.' });
    blocks.push({ type: 'section', title: `${o.id} ${o.title}`, body });
  }
  const pri = doc.priorities;
  blocks.push({
    type: 'section',
    title: 'How progress is judged',
    body: [
      {
        type: 'list',
        items: [
          'Expected by now = baseline + (target − baseline) × elapsed, elapsed = days from the baseline date to the review date ÷ days from the baseline date to the target date (0 to 1). An indicator is on track when its latest figure is at or beyond that, in the direction of its target. This straight line is the plan’s own rule, not a published standard.',
          'No data: no result of the indicator’s kind was given, or the result has no figure for it. Latest figures are the results as given, for the review date.',
          pri
            ? `Weights: from the priorities survey ${pri.file} (inputs sha256 ${pri.sha256})${pri.matched === true ? ', checked against the priorities output given' : pri.matched === false ? ', which does NOT match the priorities output given' : ', not checked (its output was not given)'}.`
            : 'Weights: the plan cites no priorities survey.',
          `Results read: ${doc.sources.map((s) => `${s.name} (${s.kind}${s.sha256 ? `, inputs sha256 ${s.sha256.slice(0, 12)}…` : ''})`).join('; ') || 'none'}. This review’s inputs sha256 ${doc.sha256}.`,
        ],
      },
    ],
  });
  for (const b of issuesSection(doc.issues as Issue[])) blocks.push(b);
  return {
    title: `${doc.plan.title}: progress at ${doc.asOf}`,
    description: `${doc.plan.place}: ${c['on-track']} on track, ${c['off-track']} off track, ${c['no-data']} no data`,
    blocks,
  };
}

/**
 * Renders a plan's progress (`commonweal plan --format json`) as a committee-ready HTML page.
 *
 * @example
 * ```ts
 * writeFileSync('plan.html', renderPlanHtml(result.document));
 * ```
 */
export function renderPlanHtml(doc: PlanProgressJson, options: PlanReportOptions = {}): string {
  return renderDocumentHtml(planDocument(doc, options), options.lang);
}

/**
 * Renders a plan's progress as Markdown, with the same sections and tables as {@link renderPlanHtml}.
 *
 * @example
 * ```ts
 * console.log(renderPlanMarkdown(result.document));
 * ```
 */
export function renderPlanMarkdown(doc: PlanProgressJson, options: PlanReportOptions = {}): string {
  return renderDocumentMarkdown(planDocument(doc, options));
}
