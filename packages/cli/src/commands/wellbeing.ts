import type { IssueCode } from '@commonweal/core/issues';
import {
  valueWellbeing,
  type WellbeingScenarioValue,
  type WellbeingValuation,
} from '@commonweal/core/limits';
import { type Decimal, formatMoney, parseDecimal, round } from '@commonweal/core/money';
import { cite } from '@commonweal/core/trace';
import { canonicalStringify, hashInputs } from '@commonweal/json';
import { discountingByName, hmtGdpDeflator, wellbyValue } from '@commonweal/uk';
import type { Command } from '../command';
import { UsageError } from '../util/io';
import { chooseFormat, emit, intOption } from '../util/output';
import { REPORT_OPTION, reportKind, writeReport } from '../util/report';
import { documentReport, wellbeingDocument } from '../util/reports';
import { markdownList, markdownTable, textTable } from '../util/table';
import { DISCOUNT_FACTOR_DISPLAY_ROUNDING } from './carbon';

/**
 * One scenario (low, central or high) in the wellbeing JSON: decimals as plain strings.
 *
 * @example
 * ```ts
 * const s: WellbeingScenarioJson = { wellbyValue: '13000', perPersonPerYear: '2600', undiscounted: '156000',
 *   presentValue: '154847.2906403940886699507389162561576354' };
 * ```
 */
export interface WellbeingScenarioJson {
  wellbyValue: string;
  perPersonPerYear: string;
  undiscounted: string;
  presentValue: string;
}

/**
 * The JSON contract of `commonweal wellbeing`: WELLBYs, the low, central and high valuations
 * (decimals as plain strings), the discount factor of each year, the options used and the
 * inputs hash.
 *
 * @example
 * ```ts
 * const json: WellbeingJson = JSON.parse(stdout);
 * json.central.presentValue;
 * ```
 */
export interface WellbeingJson {
  wellbys: string;
  low: WellbeingScenarioJson;
  central: WellbeingScenarioJson;
  high: WellbeingScenarioJson;
  years: { year: number; t: number; discountFactor: string }[];
  options: {
    deltaLifeSatisfaction: string;
    people: string;
    startYear: number;
    years: number;
    baseYear: number;
    priceYear: number;
    discounting: { id: string; name: string } | null;
    indexSeries?: { id: string; name: string };
    wellbySource: string;
  };
  inputs: { sha256: string };
  issues: { code: IssueCode; message: string }[];
}

/**
 * What `commonweal wellbeing` computed.
 *
 * @example
 * ```ts
 * const o: WellbeingOutcome = computeWellbeing({ delta: '0.2', people: '30', years: '2', 'start-year': '2026' });
 * ```
 */
export interface WellbeingOutcome {
  valuation: WellbeingValuation;
  deltaLifeSatisfaction: Decimal;
  people: Decimal;
  sha256: string;
}

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
 * Values a change in life satisfaction as `commonweal wellbeing` does: HM Treasury's WELLBY
 * value (2019 prices; rebased with the HMT GDP deflator for another `--price-year`), the
 * Green Book health discount schedule by default, base year = start year by default.
 *
 * @example
 * ```ts
 * const o = computeWellbeing({ delta: '0.2', people: '30', years: '2', 'start-year': '2026' });
 * o.valuation.central.undiscounted.value.toString(); // '156000'
 * ```
 */
export function computeWellbeing(values: Record<string, unknown>): WellbeingOutcome {
  const delta = decimalOption(values.delta, 'delta', '0.2');
  const people = decimalOption(values.people, 'people', '30');
  const years = requiredInt(values.years, 'years', '2');
  const startYear = requiredInt(values['start-year'], 'start-year', '2026');
  const baseYear = intOption(values['base-year'], 'base-year') ?? startYear;
  const priceYear = intOption(values['price-year'], 'price-year') ?? wellbyValue.priceYear;
  const discountingName = typeof values.discounting === 'string' ? values.discounting : 'green-book-health';
  const schedule = discountingByName(discountingName);
  if (!schedule.ok)
    throw new UsageError(`--discounting: ${schedule.issues.map((i) => i.message).join('; ')}`);
  const r = valueWellbeing({
    deltaLifeSatisfaction: delta,
    people,
    years,
    startYear,
    baseYear,
    priceYear,
    wellby: wellbyValue,
    indexSeries: hmtGdpDeflator,
    discounting: schedule.value,
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
    throw new UsageError(r.issues.map((i) => `${where(i.path)}${bare(i)}`).join('; '));
  }
  return {
    valuation: r.value,
    deltaLifeSatisfaction: delta,
    people,
    sha256: hashInputs({
      delta: delta.toString(),
      people: people.toString(),
      years,
      startYear,
      baseYear,
      priceYear,
      discounting: discountingName,
      wellby: {
        low: wellbyValue.low.toString(),
        central: wellbyValue.central.toString(),
        high: wellbyValue.high.toString(),
        priceYear: wellbyValue.priceYear,
      },
    }),
  };
}

function plain(d: Decimal): string {
  const s = d.toFixed();
  return s === '-0' ? '0' : s;
}

const scenarioJson = (s: WellbeingScenarioValue): WellbeingScenarioJson => ({
  wellbyValue: plain(s.wellbyValue.value),
  perPersonPerYear: plain(s.perPersonPerYear.value),
  undiscounted: plain(s.undiscounted.value),
  presentValue: plain(s.presentValue.value),
});

/**
 * Turns a wellbeing outcome into its JSON contract (see {@link WellbeingJson}).
 *
 * @example
 * ```ts
 * canonicalStringify(wellbeingJson(computeWellbeing(values)));
 * ```
 */
export function wellbeingJson(o: WellbeingOutcome): WellbeingJson {
  const v = o.valuation;
  const options: WellbeingJson['options'] = {
    deltaLifeSatisfaction: plain(o.deltaLifeSatisfaction),
    people: plain(o.people),
    startYear: v.options.startYear,
    years: v.options.years,
    baseYear: v.options.baseYear,
    priceYear: v.options.priceYear,
    discounting: v.options.discounting ? { ...v.options.discounting } : null,
    wellbySource: cite(v.options.wellbySource),
  };
  if (v.options.indexSeries) options.indexSeries = { ...v.options.indexSeries };
  return {
    wellbys: plain(v.wellbys.value),
    low: scenarioJson(v.low),
    central: scenarioJson(v.central),
    high: scenarioJson(v.high),
    years: v.years.map((y) => ({ year: y.year, t: y.t, discountFactor: plain(y.discountFactor) })),
    options,
    inputs: { sha256: o.sha256 },
    issues: [],
  };
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
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'Write the result to FILE instead of stdout',
    },
  },
  examples: [
    'commonweal wellbeing --delta 0.2 --people 30 --years 2 --start-year 2026',
    'commonweal wellbeing --delta 0.2 --people 30 --years 2 --start-year 2026 --price-year 2024 --format json',
    'commonweal wellbeing --delta 0.1 --people 120 --years 3 --start-year 2027 --base-year 2026 --format md',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md']);
    reportKind(values.report);
    const outcome = computeWellbeing(values);
    const text =
      format === 'json'
        ? canonicalStringify(wellbeingJson(outcome), { indent: 2, finalNewline: true })
        : wellbeingTable(outcome, format === 'md');
    emit(io, text, values.out, Boolean(values.quiet));
    writeReport(
      io,
      values.report,
      documentReport(() => wellbeingDocument(wellbeingJson(outcome) as unknown as Record<string, unknown>)),
      Boolean(values.quiet),
    );
    return 0;
  },
};
