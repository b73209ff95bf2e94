import type { WellbeingScenarioValue } from '@commonweal/core/limits';
import { type Decimal, formatMoney, parseDecimal, round } from '@commonweal/core/money';
import { cite } from '@commonweal/core/trace';
import {
  documentText,
  type WellbeingFlowResult,
  type WellbeingJson,
  type WellbeingScenarioJson,
  wellbeingFlow,
} from '@commonweal/flows';
import { discountingByName, wellbyValue } from '@commonweal/uk';
import type { Command } from '../command';
import { finish } from '../util/finish';
import { UsageError } from '../util/io';
import { chooseFormat, intOption, OUT_OPTION } from '../util/output';
import { REPORT_OPTION, reportKind } from '../util/report';
import { documentReport, wellbeingDocument } from '../util/reports';
import { markdownList, markdownTable, textTable } from '../util/table';
import { DISCOUNT_FACTOR_DISPLAY_ROUNDING } from './carbon';

export type { WellbeingJson, WellbeingScenarioJson };

/**
 * What `commonweal wellbeing` computed (the wellbeing flow's result).
 *
 * @example
 * ```ts
 * const o: WellbeingOutcome = await computeWellbeing({ delta: '0.2', people: '30', years: '2', 'start-year': '2026' });
 * ```
 */
export type WellbeingOutcome = WellbeingFlowResult;

function decimalOption(value: unknown, name: string, example: string): Decimal {
  if (value === undefined) throw new UsageError(`--${name} is required (e.g. --${name} ${example})`);
  const p = parseDecimal(String(value), { percent: false, currency: false, brackets: false });
  if (!p.ok) throw new UsageError(`--${name}: ${p.reason} (e.g. --${name} ${example})`);
  return p.value;
}

function requiredInt(value: unknown, name: string, example: string): number {
  const n = intOption(value, name);
  if (n === undefined) throw new UsageError(`--${name} is required (e.g. --${name} ${example})`);
  return n;
}

/**
 * Values a change in life satisfaction as `commonweal wellbeing` does: checks the flags and runs
 * the wellbeing flow of `@commonweal/flows` (HM Treasury's WELLBY value, 2019 prices, rebased
 * with the HMT GDP deflator for another `--price-year`; the Green Book health discount schedule
 * by default; base year = start year by default).
 *
 * @example
 * ```ts
 * const o = await computeWellbeing({ delta: '0.2', people: '30', years: '2', 'start-year': '2026' });
 * o.valuation.central.undiscounted.value.toString(); // '156000'
 * ```
 */
export async function computeWellbeing(values: Record<string, unknown>): Promise<WellbeingOutcome> {
  const delta = decimalOption(values.delta, 'delta', '0.2');
  const people = decimalOption(values.people, 'people', '30');
  const years = requiredInt(values.years, 'years', '2');
  const startYear = requiredInt(values['start-year'], 'start-year', '2026');
  const baseYear = intOption(values['base-year'], 'base-year');
  const priceYear = intOption(values['price-year'], 'price-year');
  const discounting = typeof values.discounting === 'string' ? values.discounting : 'green-book-health';
  const schedule = discountingByName(discounting);
  if (!schedule.ok)
    throw new UsageError(`--discounting: ${schedule.issues.map((i) => i.message).join('; ')}`);
  const r = await wellbeingFlow({
    deltaLifeSatisfaction: delta,
    people,
    years,
    startYear,
    baseYear,
    priceYear,
    discounting,
  });
  if (!r.ok) {
    const where = (p: (string | number)[] | undefined) =>
      p?.[0] === 'deltaLifeSatisfaction'
        ? '--delta: '
        : p?.[0] === 'people'
          ? '--people: '
          : p?.[0] === 'years'
            ? '--years: '
            : '';
    const bare = (i: { message: string; path?: (string | number)[] }) =>
      i.path?.length && i.message.startsWith(`${i.path.join('.')}: `)
        ? i.message.slice(i.path.join('.').length + 2)
        : i.message;
    throw new UsageError(
      r.issues.length ? r.issues.map((i) => `${where(i.path)}${bare(i)}`).join('; ') : r.headline,
    );
  }
  return r;
}

const money = (d: Decimal) => formatMoney(d, 'GBP');

/**
 * Renders a wellbeing valuation as plain text (the default) or Markdown.
 *
 * @example
 * ```ts
 * io.stdout(wellbeingTable(computeWellbeing(values)));
 * ```
 */
export function wellbeingTable(o: WellbeingOutcome, markdown = false): string {
  const v = o.valuation;
  const headers = ['', 'low', 'central', 'high'];
  const align: ('left' | 'right')[] = ['left', 'right', 'right', 'right'];
  const row = (label: string, pick: (s: WellbeingScenarioValue) => Decimal) => [
    label,
    money(pick(v.low)),
    money(pick(v.central)),
    money(pick(v.high)),
  ];
  const rows = [
    row(`WELLBY value (${v.options.priceYear} prices)`, (s) => s.wellbyValue.value),
    row('Value per person per year', (s) => s.perPersonPerYear.value),
    row('Undiscounted value', (s) => s.undiscounted.value),
    row('Present value', (s) => s.presentValue.value),
  ];
  const yearRows = v.years.map((y) => [
    String(y.year),
    String(y.t),
    round(y.discountFactor, DISCOUNT_FACTOR_DISPLAY_ROUNDING),
  ]);
  const opt = v.options;
  const notes = [
    `WELLBYs = ${o.deltaLifeSatisfaction.toString()} (change in life satisfaction, 0–10) × ${o.people.toString()} people × ${opt.years} years = ${v.wellbys.value.toString()}.`,
    `Years ${opt.startYear}–${opt.startYear + opt.years - 1}, base year ${opt.baseYear}; discounting: ${opt.discounting ? opt.discounting.name : 'none'}${opt.indexSeries ? `; WELLBY value rebased from ${wellbyValue.priceYear} with ${opt.indexSeries.name}` : ''}.`,
    `WELLBY value: ${cite(opt.wellbySource)}.`,
    `Inputs sha256 ${o.sha256}. Money is rounded half-up to pennies for display only.`,
  ];
  if (markdown) {
    return [
      '# Wellbeing (WELLBY) valuation',
      '',
      markdownTable(headers, rows, align),
      '## Discount factors',
      '',
      markdownTable(['year', 't', 'discount factor'], yearRows, ['right', 'right', 'right']),
      markdownList(notes),
      '',
    ].join('\n');
  }
  return [
    textTable(headers, rows, { align, title: 'Wellbeing (WELLBY) valuation' }),
    textTable(['year', 't', 'discount factor'], yearRows, {
      align: ['right', 'right', 'right'],
      title: 'Discount factors',
    }),
    `${notes.join('\n')}\n`,
  ].join('\n');
}

/**
 * `commonweal wellbeing`: the WELLBY value of a change in life satisfaction (HM Treasury
 * Wellbeing Guidance, 2021), low, central and high.
 *
 * @example
 * ```sh
 * commonweal wellbeing --delta 0.2 --people 30 --years 2 --start-year 2026
 * ```
 */
export const wellbeingCommand: Command = {
  name: 'wellbeing',
  summary: 'Value a change in life satisfaction in WELLBYs (low, central, high)',
  usage:
    'commonweal wellbeing --delta N --people N --years N --start-year Y [--base-year Y] [--price-year Y] [--discounting NAME]',
  options: {
    delta: {
      type: 'string',
      value: 'N',
      description:
        'Change in life satisfaction per person, 0–10 scale (e.g. 0.2; for a loss write --delta=-0.2)',
    },
    people: { type: 'string', value: 'N', description: 'Number of people affected' },
    years: { type: 'string', value: 'N', description: 'Years the change lasts (whole years, 1–300)' },
    'start-year': { type: 'string', value: 'YEAR', description: 'First year of the change' },
    'base-year': {
      type: 'string',
      value: 'YEAR',
      description: 'Year 0 of discounting (default: the start year)',
    },
    'price-year': {
      type: 'string',
      value: 'YEAR',
      description:
        'Price year of the result (default 2019, the WELLBY value’s; others rebased with the HMT GDP deflator)',
    },
    discounting: {
      type: 'string',
      value: 'NAME',
      description:
        'green-book-health (default, as the Wellbeing Guidance uses), green-book, constant:0.015 or none',
    },
    format: {
      type: 'string',
      value: 'FORMAT',
      choices: ['table', 'json', 'md'],
      description: 'table (default), json or md',
    },
    ...REPORT_OPTION,
    ...OUT_OPTION,
  },
  examples: [
    'commonweal wellbeing --delta 0.2 --people 30 --years 2 --start-year 2026',
    'commonweal wellbeing --delta 0.2 --people 30 --years 2 --start-year 2026 --price-year 2024 --format json',
    'commonweal wellbeing --delta 0.1 --people 120 --years 3 --start-year 2027 --base-year 2026 --format md',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md']);
    reportKind(values.report);
    const outcome = await computeWellbeing(values);
    return finish(io, values, {
      issues: outcome.issues,
      output: () =>
        format === 'json' ? documentText(outcome.document) : wellbeingTable(outcome, format === 'md'),
      report: documentReport(() => wellbeingDocument(outcome.document as unknown as Record<string, unknown>)),
    });
  },
};
