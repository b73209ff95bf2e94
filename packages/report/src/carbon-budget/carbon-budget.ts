import type { BudgetExhaustion, PlaceBudgetAssessment } from '@commonweal/core/limits';
import type { Decimal } from '@commonweal/core/money';
import { fmtNumber, fmtPercent } from '../format/format';
import {
  type Block,
  type ReportDocument,
  renderDocumentHtml,
  renderDocumentMarkdown,
} from '../reports/blocks';
import { issuesSection } from '../reports/common';
import { lineChart } from '../svg/line';

/**
 * Options of {@link renderCarbonBudgetHtml} and {@link renderCarbonBudgetMarkdown}.
 *
 * @example
 * ```ts
 * const o: CarbonBudgetReportOptions = { title: 'Northbrook carbon budget, 2024 check' };
 * ```
 */
export interface CarbonBudgetReportOptions {
  /** Page title. Default `Carbon budget: <place>`. */
  title?: string;
  /** Language tag of the HTML page. Default `en-GB`. */
  lang?: string;
}

// Emissions are shown to one decimal place and rates to one, half-up; the JSON keeps full precision.
const amount = (d: Decimal, unit: string) => `${fmtNumber(d, 1)} ${unit}`;
const rate = (d: Decimal) => fmtPercent(d, 1);

function runsOut(e: BudgetExhaustion | null): string {
  if (!e) return 'not known (one year of data, or no emissions)';
  return e.exhaustedIn === null ? 'never on this trend' : `during ${e.exhaustedIn}`;
}

function budgetDocument(a: PlaceBudgetAssessment, options: CarbonBudgetReportOptions): ReportDocument {
  const u = a.unit;
  const title = options.title ?? `Carbon budget: ${a.place}`;
  const last = a.years[a.years.length - 1];
  const over = a.years.filter((y) => y.status === 'over').map((y) => String(y.year));
  const lead =
    a.exhaustedIn !== null
      ? `${a.place} used up its budget of ${amount(a.budget.value, u)} (${a.fromYear}–${a.toYear}) in ${a.exhaustedIn}.`
      : `${a.place} has used ${amount(a.used.value, u)} of its ${amount(a.budget.value, u)} budget (${a.fromYear}–${a.toYear}) by ${a.latestYear}: ${amount(a.remaining.value, u)} (${rate(a.remainingShare)}) remains. At ${a.latestYear}'s emissions it runs out ${runsOut(a.atCurrentEmissions)}; keeping within it needs a cut of ${a.requiredRate ? rate(a.requiredRate.value) : '–'} every year from ${a.latestYear + 1}.`;
  const body: Block[] = [];
  const series = [
    {
      label: 'Emissions',
      points: a.years.map((y) => ({ x: y.year, y: y.emissions })),
    },
  ];
  const horizon = Math.min(a.toYear, Math.max(a.latestYear + 20, a.atCurrentEmissions.exhaustedIn ?? 0));
  if (a.pathway)
    series.push({
      label: `Published pathway (−${rate(a.pathway.rate)} a year)`,
      points: a.pathway.years.filter((y) => y.year <= horizon).map((y) => ({ x: y.year, y: y.allowance })),
    });
  if (a.requiredPathway && a.requiredRate)
    series.push({
      label: `Needed from ${a.latestYear + 1} (−${rate(a.requiredRate.value)} a year)`,
      points: a.requiredPathway.years
        .filter((y) => y.counted && y.year <= horizon)
        .map((y) => ({ x: y.year, y: y.emissions })),
    });
  const words = a.years
    .map(
      (y) =>
        `${y.year}: ${amount(y.emissions, u)}${y.allowance ? `, allowance ${amount(y.allowance, u)} (${y.status})` : ''}`,
    )
    .join('; ');
  body.push({
    type: 'figure',
    svg: lineChart({
      title: 'Emissions against the carbon budget pathway',
      description: `Emissions by year${a.pathway ? ', the published pathway' : ''}${a.requiredRate ? ' and the pathway needed from now' : ''}, to ${horizon}. ${words}.`,
      xLabel: 'Year',
      yLabel: `Emissions (${u} a year)`,
      series,
      format: (v) => amount(v, u),
      width: 880,
    }),
    caption: `Emissions by year against ${a.pathway ? 'the published pathway and ' : ''}the pathway needed from ${a.latestYear + 1}, to ${horizon}. Each line has its own dash pattern and marker.`,
    description: `${words}.`,
  });
  body.push({
    type: 'table',
    caption: `Status by year (${u})`,
    headers: [
      'Year',
      'Emissions',
      'Pathway allowance',
      'Difference',
      'Status',
      'Cumulative',
      'Cumulative allowance',
      'Cumulative status',
      'Budget left',
    ],
    align: ['left', 'right', 'right', 'right', 'left', 'right', 'right', 'left', 'right'],
    rows: a.years.map((y) => [
      String(y.year),
      fmtNumber(y.emissions, 1),
      y.allowance ? fmtNumber(y.allowance, 1) : '–',
      y.difference ? fmtNumber(y.difference, 1) : '–',
      y.status === null ? '–' : y.status === 'over' ? 'over the pathway' : 'within',
      fmtNumber(y.cumulative, 1),
      y.cumulativeAllowance ? fmtNumber(y.cumulativeAllowance, 1) : '–',
      y.cumulativeStatus === 'over' ? 'over' : 'within',
      fmtNumber(y.remaining, 1),
    ]),
  });
  const figures = [
    { label: 'Budget used', value: amount(a.used.value, u), note: `${a.years[0]?.year}–${a.latestYear}` },
    {
      label: 'Budget left',
      value: amount(a.remaining.value, u),
      note: `${rate(a.remainingShare)} of ${amount(a.budget.value, u)}`,
    },
    {
      label: 'Cut needed every year',
      value: a.requiredRate ? rate(a.requiredRate.value) : '–',
      note: a.requiredRate ? `from ${a.latestYear + 1}, constant rate` : 'the budget is used up',
    },
    {
      label: `Runs out at ${a.latestYear}'s emissions`,
      value: a.atCurrentEmissions.exhaustedIn === null ? '–' : String(a.atCurrentEmissions.exhaustedIn),
      note: last ? `${amount(last.emissions, u)} a year, flat` : '',
    },
  ];
  const method: { term: string; description: string }[] = [
    { term: 'Budget', description: `${amount(a.budget.value, u)}, ${a.fromYear}–${a.toYear}; ${a.source}` },
    {
      term: 'Published pathway',
      description: a.pathway
        ? `allowance of year t = E (1 − r)^t with r = ${rate(a.pathway.rate)} and E = r × B ÷ (1 − (1 − r)^N) = ${amount(a.pathway.first.value, u)}, so the N = ${a.toYear - a.fromYear + 1} allowances add up to the budget`
        : 'none given: the status compares cumulative emissions with the whole budget',
    },
    {
      term: 'Reduction rate needed',
      description: `r = E0 ÷ remaining, with E0 = ${a.latestYear}'s emissions carried into ${a.latestYear + 1} (cumulative of E0 (1 − r)^t over t ≥ 0 is E0 ÷ r)`,
    },
    {
      term: 'Year the budget runs out',
      description: `at flat emissions: remaining ÷ E0 years; on the observed trend ${a.observedTrend ? rate(a.observedTrend.value) : '–'} a year (compound change from ${a.years[0]?.year} to ${a.latestYear}): ${runsOut(a.onTrend)}`,
    },
    {
      term: 'Scope',
      description:
        'territorial energy CO2, as Tyndall Centre budgets are set: aviation, shipping, LULUCF and non-CO2 gases are outside it; do not mix in consumption-based or supply-chain CO2e',
    },
    { term: 'Rounding', description: 'figures are rounded half-up to one decimal place for display only' },
  ];
  const blocks: Block[] = [
    { type: 'paragraph', lead: true, text: lead },
    ...(over.length
      ? [
          {
            type: 'callout' as const,
            kind: 'warning' as const,
            title: 'Over the pathway',
            body: [
              {
                type: 'paragraph' as const,
                text: `Emissions were above the published pathway in ${over.join(', ')}.`,
              },
            ],
          },
        ]
      : []),
    { type: 'section', title: 'Key figures', body: [{ type: 'keyFigures', figures }] },
    { type: 'section', title: 'By year', body },
    { type: 'section', title: 'Method', body: [{ type: 'definitions', items: method }] },
    ...issuesSection(a.issues, 'Issues'),
  ];
  return {
    title,
    description: `${a.place}: ${amount(a.remaining.value, u)} of ${amount(a.budget.value, u)} left after ${a.latestYear}.`,
    blocks,
  };
}

/**
 * Renders a place's carbon budget check (`assessPlaceBudget` in `@commonweal/core/limits`) as
 * one self-contained HTML page with no scripts: key figures, a pathway chart (inline SVG; each
 * line has its own dash pattern and marker, so it does not rely on colour), the status by year
 * and the method with the budget's source.
 *
 * @example
 * ```ts
 * const a = assessPlaceBudget({ budget, emissions });
 * if (a.ok) writeFileSync('budget.html', renderCarbonBudgetHtml(a.value));
 * ```
 */
export function renderCarbonBudgetHtml(
  assessment: PlaceBudgetAssessment,
  options: CarbonBudgetReportOptions = {},
): string {
  return renderDocumentHtml(budgetDocument(assessment, options), options.lang);
}

/**
 * Renders a place's carbon budget check as Markdown, with the same sections, tables and words as
 * {@link renderCarbonBudgetHtml} (the chart as its caption and description).
 *
 * @example
 * ```ts
 * const a = assessPlaceBudget({ budget, emissions });
 * if (a.ok) console.log(renderCarbonBudgetMarkdown(a.value));
 * ```
 */
export function renderCarbonBudgetMarkdown(
  assessment: PlaceBudgetAssessment,
  options: CarbonBudgetReportOptions = {},
): string {
  return renderDocumentMarkdown(budgetDocument(assessment, options));
}
