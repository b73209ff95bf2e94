import { type CarbonUnit, CarbonUnitSchema, type PlaceBudgetAssessment } from '@commonweal/core/limits';
import { Dec, type Decimal, type RoundingPolicy, round } from '@commonweal/core/money';
import { EMISSION_COLUMNS } from '@commonweal/csv';
import { type CarbonBudgetFlowResult, carbonBudgetFlow, documentText } from '@commonweal/flows';
import { renderCarbonBudgetHtml, renderCarbonBudgetMarkdown } from '@commonweal/report';
import type { Command } from '../command';
import { COLUMN_OPTIONS, columnsOption, fieldsOf, headersFor } from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { finish } from '../util/finish';
import { type CliIO, extension, readText, UsageError } from '../util/io';
import { FatalIssues } from '../util/load';
import { chooseFormat, FORMAT_OPTION, OUT_OPTION } from '../util/output';
import { REPORT_OPTION, reportKind } from '../util/report';
import { markdownList, markdownTable, textTable } from '../util/table';

/**
 * Emissions in tables: half-up to one decimal place (the JSON keeps full precision).
 *
 * @example
 * ```ts
 * round('521.0542', EMISSIONS_DISPLAY_ROUNDING); // '521.1'
 * ```
 */
export const EMISSIONS_DISPLAY_ROUNDING: RoundingPolicy = {
  name: 'emissions-half-up-1dp',
  places: 1,
  mode: Dec.ROUND_HALF_UP,
};

const amount = (d: Decimal) => round(d, EMISSIONS_DISPLAY_ROUNDING);
const pct = (d: Decimal) => `${round(d.times(100), EMISSIONS_DISPLAY_ROUNDING)}%`;

/**
 * What `commonweal carbon-budget` computed (the carbon budget flow's result).
 *
 * @example
 * ```ts
 * const o: CarbonBudgetOutcome = await computeCarbonBudget(io, { budget: 'b.json', emissions: 'e.csv' });
 * ```
 */
export type CarbonBudgetOutcome = CarbonBudgetFlowResult;

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/**
 * Checks a place's emissions against its carbon budget as `commonweal carbon-budget` does: checks
 * the flags, reads the files and runs the carbon budget flow of `@commonweal/flows`. An input
 * that cannot be used throws `FatalIssues` (exit 2).
 *
 * @example
 * ```ts
 * const o = await computeCarbonBudget(io, { budget: 'examples/carbon/place-budget.json',
 *   emissions: 'examples/carbon/place-emissions.csv' });
 * o.assessment.atCurrentEmissions.exhaustedIn; // 2026
 * ```
 */
export async function computeCarbonBudget(
  io: CliIO,
  values: Record<string, unknown>,
): Promise<CarbonBudgetOutcome> {
  const budgetFile = required(values, 'budget');
  const emissionsFile = required(values, 'emissions');
  if (extension(budgetFile, io) !== 'json')
    throw new UsageError(
      `${budgetFile}: expected the carbon budget as a .json file (commonweal schema carbon-budget)`,
    );
  if (extension(emissionsFile, io) !== 'csv')
    throw new UsageError(`${emissionsFile}: expected a .csv file of emissions by year (year,emissions)`);
  const unit = values['emissions-unit'];
  if (unit !== undefined && !CarbonUnitSchema.safeParse(unit).success)
    throw new UsageError(`--emissions-unit must be one of ${CarbonUnitSchema.options.join(', ')}`);
  const cols = columnsOption(io, values, [{ name: 'emissions', fields: fieldsOf(EMISSION_COLUMNS) }]);
  const r = await carbonBudgetFlow({
    budget: { name: budgetFile, text: readText(io, budgetFile) },
    emissions: { name: emissionsFile, text: readText(io, emissionsFile) },
    emissionsUnit: unit as CarbonUnit | undefined,
    columns: headersFor(cols, 'emissions'),
  });
  if (!r.ok) throw r.issues.length ? new FatalIssues(r.headline, r.issues) : new UsageError(r.headline);
  return r;
}

function when(e: { exhaustedIn: number | null } | null): string {
  if (!e) return '–';
  return e.exhaustedIn === null ? 'never' : String(e.exhaustedIn);
}

/**
 * Renders a carbon budget check as plain text (the default) or Markdown: status by year, the
 * summary and the notes (source, method, counts, inputs hash).
 *
 * @example
 * ```ts
 * io.stdout(carbonBudgetTable(outcome));
 * ```
 */
export function carbonBudgetTable(o: CarbonBudgetOutcome, markdown = false): string {
  const a: PlaceBudgetAssessment = o.assessment;
  const u = a.unit;
  const headers = [
    'year',
    `emissions ${u}`,
    'allowance',
    'difference',
    'status',
    'cumulative',
    'budget left',
  ];
  const align: ('left' | 'right')[] = ['right', 'right', 'right', 'right', 'left', 'right', 'right'];
  const rows = a.years.map((y) => [
    String(y.year),
    amount(y.emissions),
    y.allowance ? amount(y.allowance) : '–',
    y.difference ? amount(y.difference) : '–',
    y.status ?? '–',
    `${amount(y.cumulative)}${y.cumulativeStatus === 'over' ? ' (over)' : ''}`,
    amount(y.remaining),
  ]);
  const summary = [
    [`Budget ${a.fromYear}–${a.toYear}`, `${amount(a.budget.value)} ${u}`],
    [`Used ${a.years[0]?.year}–${a.latestYear}`, `${amount(a.used.value)} ${u}`],
    ['Remaining', `${amount(a.remaining.value)} ${u} (${pct(a.remainingShare)})`],
    [
      `Reduction needed every year from ${a.latestYear + 1}`,
      a.requiredRate ? pct(a.requiredRate.value) : '–',
    ],
    [`Budget used up at ${a.latestYear}'s emissions (flat)`, when(a.atCurrentEmissions)],
    [
      `Observed trend ${a.years[0]?.year}–${a.latestYear}`,
      a.observedTrend ? `${pct(a.observedTrend.value)} a year` : '–',
    ],
    ['Budget used up on the observed trend', when(a.onTrend)],
    ...(a.pathway ? [['Published pathway', `−${pct(a.pathway.rate)} a year from ${a.fromYear}`]] : []),
    ...(a.exhaustedIn !== null ? [['Budget used up in', String(a.exhaustedIn)]] : []),
  ];
  const notes = [
    `${a.place}: ${a.source}.`,
    a.pathway
      ? `Allowance of year t = E (1 − r)^t, E = r × B ÷ (1 − (1 − r)^N) = ${amount(a.pathway.first.value)} ${u}: the published pathway that spends the budget exactly.`
      : 'No published pathway rate: status compares cumulative emissions with the whole budget.',
    `Reduction needed: r = E0 ÷ remaining (E0 = ${a.latestYear}'s emissions, from ${a.latestYear + 1}). Territorial energy CO2 only.`,
    `${o.file}: ${o.counts.read} rows read, ${o.counts.accepted} accepted, ${o.counts.rejected} rejected${o.emissionsUnit !== u ? `; converted from ${o.emissionsUnit}` : ''}. Inputs sha256 ${o.sha256}.`,
    'Emissions and rates are rounded half-up to one decimal place for display only.',
  ];
  if (markdown) {
    return [
      `# Carbon budget: ${a.place}`,
      '',
      markdownTable(headers, rows, align),
      '## Summary',
      '',
      markdownTable(['figure', 'value'], summary, ['left', 'right']),
      markdownList(notes),
      '',
    ].join('\n');
  }
  return [
    textTable(headers, rows, { align, title: `Carbon budget: ${a.place} (${u})` }),
    textTable(['figure', 'value'], summary, { align: ['left', 'right'], title: 'Summary' }),
    `${notes.join('\n')}\n`,
  ].join('\n');
}

/**
 * `commonweal carbon-budget`: a place's emissions to date against its carbon budget (e.g. a
 * Tyndall Centre budget for a local authority): status per year against the published pathway,
 * budget left, the reduction rate needed and the year the budget runs out.
 *
 * @example
 * ```sh
 * commonweal carbon-budget --budget examples/carbon/place-budget.json --emissions examples/carbon/place-emissions.csv
 * ```
 */
export const carbonBudgetCommand: Command = {
  name: 'carbon-budget',
  summary:
    "Check a place's emissions against its carbon budget: status per year, rate needed, year it runs out",
  usage:
    'commonweal carbon-budget --budget budget.json --emissions emissions.csv [--emissions-unit tCO2|ktCO2|MtCO2] [options]',
  options: {
    ...COLUMN_OPTIONS,
    budget: {
      type: 'string',
      value: 'FILE',
      description:
        'The carbon budget as published (.json): place, budget {total, fromYear, toYear, unit}, pathway {rate}, source',
    },
    emissions: {
      type: 'string',
      value: 'FILE',
      description: 'Emissions by year (.csv): year,emissions (e.g. DESNZ local authority CO2, energy only)',
    },
    'emissions-unit': {
      type: 'string',
      value: 'UNIT',
      choices: CarbonUnitSchema.options,
      description: "Unit of the emissions column: tCO2, ktCO2 or MtCO2 (default: the budget's unit)",
    },
    ...FORMAT_OPTION,
    ...REPORT_OPTION,
    ...OUT_OPTION,
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal carbon-budget --budget examples/carbon/place-budget.json --emissions examples/carbon/place-emissions.csv',
    'commonweal carbon-budget --budget examples/carbon/place-budget.json --emissions examples/carbon/place-emissions.csv --report budget.html',
    'commonweal carbon-budget --budget budget.json --emissions desnz-la-co2.csv --columns emissions="Grand Total" --emissions-unit ktCO2 --format json',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md']);
    reportKind(values.report);
    const o = await computeCarbonBudget(io, values);
    return finish(io, values, {
      issues: o.issues,
      output: () => (format === 'json' ? documentText(o.document) : carbonBudgetTable(o, format === 'md')),
      report: {
        html: () => renderCarbonBudgetHtml(o.assessment),
        md: () => renderCarbonBudgetMarkdown(o.assessment),
      },
    });
  },
};
