import type { CarbonScenario, CarbonValuation } from '@commonweal/core/limits';
import { Dec, type Decimal, formatMoney, type RoundingPolicy, round } from '@commonweal/core/money';
import { cite } from '@commonweal/core/trace';
import { EMISSION_COLUMNS } from '@commonweal/csv';
import {
  CARBON_SCENARIOS,
  type CarbonFlowResult,
  carbonFlow,
  documentText,
  type FlowText,
} from '@commonweal/flows';
import { renderCarbonHtml, renderCarbonMarkdown } from '@commonweal/report';
import { discountingByName } from '@commonweal/uk';
import type { Command } from '../command';
import { COLUMN_OPTIONS, columnsOption, fieldsOf, headersFor } from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { finish } from '../util/finish';
import { type CliIO, extension, readText, UsageError } from '../util/io';
import { FatalIssues, moneyOption } from '../util/load';
import { chooseFormat, FORMAT_OPTION, intOption, OUT_OPTION, printIssues } from '../util/output';
import { REPORT_OPTION, reportKind } from '../util/report';
import { markdownList, markdownTable, textTable } from '../util/table';

const SCENARIOS = CARBON_SCENARIOS;

/**
 * Discount factors in tables: half-up to 6 places (JSON keeps full precision).
 *
 * @example
 * ```ts
 * round('0.96618357487922705314', DISCOUNT_FACTOR_DISPLAY_ROUNDING); // '0.966184'
 * ```
 */
export const DISCOUNT_FACTOR_DISPLAY_ROUNDING: RoundingPolicy = {
  name: 'discount-factor-half-up-6dp',
  places: 6,
  mode: Dec.ROUND_HALF_UP,
};

/**
 * What `commonweal carbon` computed, ready for any output format (the carbon flow's result).
 *
 * @example
 * ```ts
 * const o: CarbonOutcome = await computeCarbon(io, { emissions: 'emissions.csv' });
 * ```
 */
export type CarbonOutcome = CarbonFlowResult;

/**
 * Values emissions as `commonweal carbon` does: checks the flags, reads the files into texts and
 * runs the carbon flow of `@commonweal/flows` (DESNZ carbon values, bundled or from
 * `--carbon-values`, rebased with the HMT GDP deflator, discounted from the base year). An input
 * that cannot be used throws `FatalIssues` (exit 2).
 *
 * @example
 * ```ts
 * const o = await computeCarbon(io, { emissions: 'examples/carbon/emissions.csv' });
 * o.valuation?.totals.presentValue.value.toString();
 * ```
 */
export async function computeCarbon(io: CliIO, values: Record<string, unknown>): Promise<CarbonOutcome> {
  const file = values.emissions;
  if (typeof file !== 'string' || file === '') throw new UsageError('--emissions is required');
  const scenario = (values.scenario ?? 'central') as CarbonScenario;
  if (!SCENARIOS.includes(scenario)) {
    throw new UsageError(
      `--scenario must be one of ${SCENARIOS.join(', ')} (got '${String(values.scenario)}')`,
    );
  }
  const discounting = typeof values.discounting === 'string' ? values.discounting : 'green-book';
  const schedule = discountingByName(discounting);
  if (!schedule.ok)
    throw new UsageError(`--discounting: ${schedule.issues.map((i) => i.message).join('; ')}`);
  const baseYear = intOption(values['base-year'], 'base-year');
  const priceYear = intOption(values['price-year'], 'price-year');
  const socialValuePV = moneyOption(values['social-value-pv'], 'social-value-pv');
  const valuesFile = values['carbon-values'];
  let carbonValuesText: FlowText | undefined;
  if (valuesFile !== undefined) {
    if (typeof valuesFile !== 'string' || extension(valuesFile, io) !== 'json') {
      throw new UsageError(
        '--carbon-values must be a .json file (a carbon values table: id, name, currency, priceYear, rows, source)',
      );
    }
    carbonValuesText = { name: valuesFile, text: readText(io, valuesFile) };
  }
  const cols = columnsOption(io, values, [{ name: 'emissions', fields: fieldsOf(EMISSION_COLUMNS) }]);
  const ext = extension(file, io);
  if (ext !== 'csv' && ext !== 'json') throw new UsageError(`${file}: expected a .csv or .json file`);
  const r = await carbonFlow({
    emissions: { name: file, text: readText(io, file) },
    carbonValues: carbonValuesText,
    columns: headersFor(cols, 'emissions'),
    scenario,
    discounting,
    baseYear,
    priceYear,
    socialValuePV,
  });
  if (!r.ok) throw r.issues.length ? new FatalIssues(r.headline, r.issues) : new UsageError(r.headline);
  return r;
}

const money = (d: Decimal) => formatMoney(d, 'GBP');

/**
 * Renders a carbon valuation as plain text (the default) or Markdown: the years, the totals,
 * and — with `--social-value-pv` — the net social value within limits with both parts.
 *
 * @example
 * ```ts
 * io.stdout(carbonTable(outcome, valuation));
 * ```
 */
export function carbonTable(o: CarbonOutcome, v: CarbonValuation, markdown = false): string {
  const headers = ['year', 't', 'tCO2e', '£ per tCO2e', 'carbon cost', 'discount factor', 'present value'];
  const align: ('left' | 'right')[] = ['right', 'right', 'right', 'right', 'right', 'right', 'right'];
  const rows = v.years.map((y) => [
    String(y.year),
    String(y.t),
    y.tco2e.toString(),
    money(y.carbonValue.value),
    money(y.undiscounted.value),
    round(y.discountFactor, DISCOUNT_FACTOR_DISPLAY_ROUNDING),
    money(y.presentValue.value),
  ]);
  const totals = [
    ['Total tCO2e (negative = avoided)', v.totals.tco2e.value.toString()],
    ['Carbon cost, undiscounted', money(v.totals.undiscounted.value)],
    ['Carbon cost, present value', money(v.totals.presentValue.value)],
  ];
  const net = o.net
    ? [
        ['Social value (present value)', money(o.net.socialValuePV.value)],
        ['less carbon cost (present value)', money(o.net.carbonCostPV.value)],
        ['Net social value within limits', money(o.net.value)],
      ]
    : [];
  const opt = v.options;
  const notes = [
    `A cost: avoided emissions (negative tCO2e) give negative values. ${opt.scenario} carbon values, ${opt.priceYear} prices${opt.indexSeries ? ` (rebased from ${opt.values.priceYear} with ${opt.indexSeries.name})` : ''}; base year ${opt.baseYear}; discounting: ${opt.discounting ? opt.discounting.name : 'none'}.`,
    `Carbon values: ${cite(opt.values.source)}.`,
    ...(o.net
      ? [
          'Net social value = social value PV − carbon cost PV: give the social value PV in the same price year and base year.',
        ]
      : []),
    `${o.file}: ${o.counts.read} rows read, ${o.counts.accepted} accepted, ${o.counts.rejected} rejected. Inputs sha256 ${o.sha256}.`,
    'Money is rounded half-up to pennies for display only; totals are summed at full precision.',
  ];
  if (markdown) {
    return [
      '# Carbon cost',
      '',
      markdownTable(headers, rows, align),
      '## Totals',
      '',
      markdownTable(['figure', 'value'], totals, ['left', 'right']),
      ...(net.length
        ? [
            '## Net social value within limits',
            '',
            markdownTable(['figure', 'value'], net, ['left', 'right']),
          ]
        : []),
      markdownList(notes),
      '',
    ].join('\n');
  }
  return [
    textTable(headers, rows, { align, title: 'Carbon cost by year' }),
    textTable(['figure', 'value'], totals, { align: ['left', 'right'], title: 'Totals' }),
    ...(net.length
      ? [
          textTable(['figure', 'value'], net, {
            align: ['left', 'right'],
            title: 'Net social value within limits',
          }),
        ]
      : []),
    `${notes.join('\n')}\n`,
  ].join('\n');
}

/**
 * `commonweal carbon`: the carbon cost of emissions by year with DESNZ carbon values,
 * discounted, and optionally the net social value within limits.
 *
 * @example
 * ```sh
 * commonweal carbon --emissions examples/carbon/emissions.csv --social-value-pv 250000
 * ```
 */
export const carbonCommand: Command = {
  name: 'carbon',
  summary: 'Value emissions with DESNZ carbon values (a cost), and net social value within limits',
  usage:
    'commonweal carbon --emissions <file.csv|file.json> [--scenario low|central|high] [--base-year Y] [--price-year Y] [options]',
  options: {
    ...COLUMN_OPTIONS,
    emissions: {
      type: 'string',
      value: 'FILE',
      description: 'Emissions by year: columns year,tco2e (negative = avoided), one row per year',
    },
    scenario: {
      type: 'string',
      value: 'NAME',
      choices: SCENARIOS,
      description: 'Carbon value series: low, central (default) or high',
    },
    'base-year': {
      type: 'string',
      value: 'YEAR',
      description: 'Year 0 of discounting (default: the first year in the file)',
    },
    'price-year': {
      type: 'string',
      value: 'YEAR',
      description:
        'Price year of the result (default: the carbon values’ own, 2022; others rebased with the HMT GDP deflator)',
    },
    discounting: {
      type: 'string',
      value: 'NAME',
      description: 'green-book (default), green-book-health, constant:0.035 or none',
    },
    'social-value-pv': {
      type: 'string',
      value: 'N',
      description:
        'Social value present value, to show net social value within limits (same price and base year)',
    },
    'carbon-values': {
      type: 'string',
      value: 'FILE',
      description:
        'A carbon values table (.json), e.g. the full DESNZ annual series 2010–2100 (bundled: 2020–2030, 2035, 2040, 2045, 2050)',
    },
    ...FORMAT_OPTION,
    ...REPORT_OPTION,
    ...OUT_OPTION,
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal carbon --emissions examples/carbon/emissions.csv',
    'commonweal carbon --emissions examples/carbon/emissions.csv --scenario high --price-year 2024 --format md',
    'commonweal carbon --emissions examples/carbon/emissions.csv --social-value-pv 250000 --format json --out carbon.json',
    'commonweal carbon --emissions emissions-2025-2040.csv --carbon-values desnz-carbon-values-full.json',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md']);
    const quiet = Boolean(values.quiet);
    reportKind(values.report);
    const outcome = await computeCarbon(io, values);
    const v = outcome.valuation;
    const document = outcome.document;
    if (!v || !document) {
      printIssues(io, outcome.issues, quiet);
      if (!quiet)
        io.stderr(`no year of ${outcome.file} could be valued (see the issues above); nothing written.\n`);
      return 1;
    }
    return finish(io, values, {
      issues: outcome.issues,
      output: () => (format === 'json' ? documentText(document) : carbonTable(outcome, v, format === 'md')),
      report: { html: () => renderCarbonHtml(v), md: () => renderCarbonMarkdown(v) },
      after: () => {
        if (outcome.counts.rejected > 0 && !quiet) {
          io.stderr(
            `${outcome.counts.rejected} of ${outcome.counts.read} rows rejected and left out of the totals (see the issues above).\n`,
          );
        }
      },
    });
  },
};
