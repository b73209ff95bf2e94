import type { Issue } from '@commonweal/core/issues';
import {
  type CarbonJson,
  type CarbonScenario,
  type CarbonValuation,
  type NetSocialValue,
  netSocialValueWithinLimits,
  toCarbonJson,
  valueCarbon,
} from '@commonweal/core/limits';
import { Dec, type Decimal, formatMoney, type RoundingPolicy, round } from '@commonweal/core/money';
import { cite } from '@commonweal/core/trace';
import { EMISSION_COLUMNS, type EmissionRow, readEmissionsCsv } from '@commonweal/csv';
import { canonicalStringify, hashInputs, locateJsonPaths, parseWith, schemas } from '@commonweal/json';
import { renderCarbonHtml, renderCarbonMarkdown } from '@commonweal/report';
import {
  type CarbonValues,
  carbonValues,
  discountingByName,
  hmtGdpDeflator,
  loadCarbonValues,
} from '@commonweal/uk';
import type { Command } from '../command';
import { COLUMN_OPTIONS, columnsOption, fieldsOf, headersFor } from '../util/csv-options';
import { INPUT_OPTIONS } from '../util/encoding';
import { type CliIO, extension, readText, UsageError } from '../util/io';
import { FatalIssues, moneyOption } from '../util/load';
import { chooseFormat, emit, FORMAT_OPTION, intOption, printIssues } from '../util/output';
import { REPORT_OPTION, reportKind, writeReport } from '../util/report';
import { markdownList, markdownTable, textTable } from '../util/table';

const SCENARIOS: readonly CarbonScenario[] = ['low', 'central', 'high'];

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
 * What `commonweal carbon` computed, ready for any output format.
 *
 * @example
 * ```ts
 * const o: CarbonOutcome = await computeCarbon(io, { emissions: 'emissions.csv' });
 * ```
 */
export interface CarbonOutcome {
  /** `null` when no year could be valued (every row rejected). */
  valuation: CarbonValuation | null;
  /** Net social value within limits, when `--social-value-pv` was given. */
  net?: NetSocialValue;
  issues: Issue[];
  counts: { read: number; accepted: number; rejected: number };
  sha256: string;
  file: string;
  values: CarbonValues;
}

interface LoadedEmissions {
  rows: EmissionRow[];
  issues: Issue[];
  read: number;
  rejected: number;
  yearColumn?: { column: number; header: string };
  text: string;
}

async function loadEmissions(
  io: CliIO,
  file: string,
  columns: ReturnType<typeof headersFor>,
): Promise<LoadedEmissions> {
  const ext = extension(file, io);
  if (ext !== 'csv' && ext !== 'json') throw new UsageError(`${file}: expected a .csv or .json file`);
  const text = readText(io, file);
  if (ext === 'csv') {
    const r = await readEmissionsCsv(text, { file, ...columns });
    if (r.counts.read === 0 && r.issues.some((i) => i.severity !== 'warning')) {
      throw new FatalIssues(`${file} cannot be read as an emissions table (year,tco2e)`, r.issues);
    }
    const col = r.columns.find((c) => c.key === 'year');
    const out: LoadedEmissions = {
      rows: r.emissions,
      issues: r.issues,
      read: r.counts.read,
      rejected: r.counts.rejected,
      text,
    };
    if (col) out.yearColumn = { column: col.column, header: col.header };
    return out;
  }
  const schema = schemas['carbon-emissions'];
  if (!schema) throw new Error('the carbon-emissions schema is not registered');
  const r = parseWith(schema, text, { file });
  if (!r.ok) throw new FatalIssues(`${file} cannot be read as emissions`, r.issues);
  const items = r.value as { year: number; tco2e: Decimal }[];
  const at = locateJsonPaths(
    text,
    items.map((_, i) => [i, 'year']),
  );
  const rows = items.map((e, i) => ({ ...e, line: at.get(JSON.stringify([i, 'year']))?.line ?? 1 }));
  return { rows, issues: [], read: rows.length, rejected: 0, text };
}

function loadValues(io: CliIO, file: unknown): { values: CarbonValues; text: string } {
  if (file === undefined) return { values: carbonValues, text: carbonValues.id };
  if (typeof file !== 'string' || extension(file, io) !== 'json') {
    throw new UsageError(
      '--carbon-values must be a .json file (a carbon values table: id, name, currency, priceYear, rows, source)',
    );
  }
  const text = readText(io, file);
  const r = loadCarbonValues(text);
  if (!r.ok)
    throw new FatalIssues(
      `${file} cannot be used as carbon values`,
      r.issues.map((i) => ({ ...i, file })),
    );
  return { values: r.value, text };
}

/**
 * Values emissions as `commonweal carbon` does: DESNZ carbon values (bundled, or the full
 * series from `--carbon-values`), rebased with the HMT GDP deflator when the price year
 * differs, discounted (Green Book standard by default) from the base year (default: the first
 * year in the file). Rows whose year the values do not cover are rejected with a located issue.
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
  const discountingName = typeof values.discounting === 'string' ? values.discounting : 'green-book';
  const schedule = discountingByName(discountingName);
  if (!schedule.ok)
    throw new UsageError(`--discounting: ${schedule.issues.map((i) => i.message).join('; ')}`);
  const explicitBase = intOption(values['base-year'], 'base-year');
  const explicitPrice = intOption(values['price-year'], 'price-year');
  const socialValuePV = moneyOption(values['social-value-pv'], 'social-value-pv');
  const table = loadValues(io, values['carbon-values']);
  const priceYear = explicitPrice ?? table.values.priceYear;
  const cols = columnsOption(io, values, [{ name: 'emissions', fields: fieldsOf(EMISSION_COLUMNS) }]);
  const loaded = await loadEmissions(io, file, headersFor(cols, 'emissions'));

  const baseYear =
    explicitBase ??
    (loaded.rows.length
      ? loaded.rows.map((r) => r.year).reduce((m, v) => Math.min(m, v), Infinity)
      : undefined);
  const yearIssues: Issue[] = [];
  const kept: EmissionRow[] = [];
  for (const row of loaded.rows) {
    const where: Omit<Issue, 'code' | 'message'> = {
      line: row.line,
      field: loaded.yearColumn?.header ?? 'year',
      file,
    };
    if (loaded.yearColumn) where.column = loaded.yearColumn.column;
    const v = table.values.valueFor(row.year, scenario);
    if (!v.ok) {
      for (const i of v.issues) {
        yearIssues.push({
          ...i,
          ...where,
          message: `${i.message} On the command line: --carbon-values FILE.json. This row was left out.`,
        });
      }
      continue;
    }
    if (baseYear !== undefined && row.year < baseYear) {
      yearIssues.push({
        code: 'year_before_base_year',
        message: `year ${row.year} is before the base year ${baseYear}: choose --base-year ${row.year} or earlier. This row was left out.`,
        ...where,
      });
      continue;
    }
    kept.push(row);
  }
  const issues = [...loaded.issues, ...yearIssues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const rejected = loaded.rejected + yearIssues.length;
  const counts = { read: loaded.read, accepted: loaded.read - rejected, rejected };
  const sha256 = hashInputs(loaded.text, table.text, {
    scenario,
    baseYear: explicitBase ?? null,
    priceYear,
    discounting: discountingName,
    socialValuePV: socialValuePV ?? null,
  });
  const outcome: CarbonOutcome = { valuation: null, issues, counts, sha256, file, values: table.values };
  if (kept.length === 0 || baseYear === undefined) return outcome;

  const r = valueCarbon({
    emissions: kept.map((e) => ({ year: e.year, tco2e: e.tco2e })),
    values: table.values,
    scenario,
    baseYear,
    priceYear,
    indexSeries: hmtGdpDeflator,
    discounting: schedule.value,
  });
  if (!r.ok) {
    throw new UsageError(
      `${r.issues.map((i) => i.message).join('; ')} (the HMT GDP deflator covers ${Object.keys(hmtGdpDeflator.values).join(', ')})`,
    );
  }
  outcome.valuation = r.value;
  if (socialValuePV !== undefined) {
    outcome.net = netSocialValueWithinLimits({ socialValuePV, carbonCostPV: r.value.totals.presentValue });
  }
  return outcome;
}

/**
 * The JSON contract of `commonweal carbon`: core's `toCarbonJson` with every issue (rows left
 * out included), `inputs.sha256` and, with `--social-value-pv`, `netSocialValue` (valid
 * against `commonweal schema carbon-output`).
 *
 * @example
 * ```ts
 * const json = carbonJson(outcome, valuation);
 * ```
 */
export function carbonJson(
  o: CarbonOutcome,
  v: CarbonValuation,
): CarbonJson & {
  inputs: { sha256: string };
  netSocialValue?: { socialValuePV: string; carbonCostPV: string; net: string };
} {
  const out: ReturnType<typeof carbonJson> = {
    ...toCarbonJson({ ...v, issues: o.issues }),
    inputs: { sha256: o.sha256 },
  };
  if (o.net) {
    out.netSocialValue = {
      socialValuePV: plain(o.net.socialValuePV.value),
      carbonCostPV: plain(o.net.carbonCostPV.value),
      net: plain(o.net.value),
    };
  }
  return out;
}

function plain(d: Decimal): string {
  const s = d.toFixed();
  return s === '-0' ? '0' : s;
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
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'Write the result to FILE instead of stdout',
    },
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal carbon --emissions examples/carbon/emissions.csv',
    'commonweal carbon -e examples/carbon/emissions.csv --scenario high --price-year 2024 --format md',
    'commonweal carbon -e examples/carbon/emissions.csv --social-value-pv 250000 --format json --out carbon.json',
    'commonweal carbon -e emissions-2025-2040.csv --carbon-values desnz-carbon-values-full.json',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md']);
    const quiet = Boolean(values.quiet);
    reportKind(values.report);
    const outcome = await computeCarbon(io, values);
    printIssues(io, outcome.issues, quiet);
    const v = outcome.valuation;
    if (!v) {
      if (!quiet)
        io.stderr(`no year of ${outcome.file} could be valued (see the issues above); nothing written.\n`);
      return 1;
    }
    const text =
      format === 'json'
        ? canonicalStringify(carbonJson(outcome, v), { indent: 2, finalNewline: true })
        : carbonTable(outcome, v, format === 'md');
    emit(io, text, values.out, quiet);
    if (v)
      writeReport(
        io,
        values.report,
        { html: () => renderCarbonHtml(v), md: () => renderCarbonMarkdown(v) },
        quiet,
      );
    if (outcome.counts.rejected > 0 && !quiet) {
      io.stderr(
        `${outcome.counts.rejected} of ${outcome.counts.read} rows rejected and left out of the totals (see the issues above).\n`,
      );
    }
    return outcome.issues.some((i) => i.severity !== 'warning') ? 1 : 0;
  },
};
