import { type Proxy as FrameworkProxy, ProxySchema } from '@commonweal/core/framework';
import { fail, fromZodError, type Issue, issue, ok, type Result } from '@commonweal/core/issues';
import { type Decimal, DecimalInputSchema } from '@commonweal/core/money';
import { ProvenanceSchema } from '@commonweal/core/trace';
import { z } from 'zod';

/**
 * A carbon value scenario: DESNZ publishes low, central and high series.
 *
 * @example
 * ```ts
 * CarbonScenarioSchema.parse('central'); // 'central'
 * ```
 */
export const CarbonScenarioSchema = z.enum(['low', 'central', 'high']);

/**
 * `'low' | 'central' | 'high'`.
 *
 * @example
 * ```ts
 * const scenario: CarbonScenario = 'high';
 * ```
 */
export type CarbonScenario = z.output<typeof CarbonScenarioSchema>;

/**
 * One year of carbon values: £ (or other currency) per unit of emissions, by scenario.
 * Values must not be negative and must satisfy low ≤ central ≤ high.
 *
 * @example
 * ```ts
 * CarbonValueRowSchema.parse({ year: 2025, low: '136.53', central: '273.06', high: '409.60' });
 * ```
 */
export const CarbonValueRowSchema = z
  .object({
    year: z.number().int().min(1900).max(2200),
    low: DecimalInputSchema,
    central: DecimalInputSchema,
    high: DecimalInputSchema,
  })
  .superRefine((row, ctx) => {
    for (const s of ['low', 'central', 'high'] as const) {
      if (row[s].isNegative())
        ctx.addIssue({ code: 'custom', path: [s], message: `the ${s} value must not be negative` });
    }
    if (row.low.gt(row.central) || row.central.gt(row.high)) {
      ctx.addIssue({
        code: 'custom',
        path: ['central'],
        message: `${row.year}: values must satisfy low ≤ central ≤ high (got ${row.low}, ${row.central}, ${row.high}); check the columns are in order`,
      });
    }
  });

/**
 * A table of carbon values by year, in one currency and price year, with its provenance —
 * the shape {@link loadCarbonValues} reads. Years must be unique; rows are sorted by year.
 *
 * @example
 * ```ts
 * const table = CarbonValuesTableSchema.parse({
 *   id: 'desnz-carbon-values-2023-11-full', name: 'DESNZ carbon values (Nov 2023, Table 3)',
 *   currency: 'GBP', unit: 'tCO2e', priceYear: 2022,
 *   rows: [{ year: 2031, low: '149.49', central: '298.98', high: '448.48' }],
 *   source: { title: 'Valuation of energy use and greenhouse gas emissions for appraisal', licence: 'OGL-UK-3.0' },
 * });
 * ```
 */
export const CarbonValuesTableSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as GBP'),
    unit: z.string().min(1).default('tCO2e'),
    priceYear: z.number().int().min(1900).max(2200),
    rows: z.array(CarbonValueRowSchema).min(1, 'the table needs at least one year'),
    source: ProvenanceSchema,
  })
  .superRefine((table, ctx) => {
    const seen = new Map<number, number>();
    table.rows.forEach((row, i) => {
      const first = seen.get(row.year);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', i, 'year'],
          message: `year ${row.year} appears twice (rows ${first} and ${i}); keep one row per year`,
        });
      } else seen.set(row.year, i);
    });
  })
  .transform((table) => ({ ...table, rows: [...table.rows].sort((a, b) => a.year - b.year) }));

/**
 * A carbon values table as written in JSON (decimal strings or numbers).
 *
 * @example
 * ```ts
 * const json: CarbonValuesTableInput = { id: 'x', name: 'x', currency: 'GBP', priceYear: 2022,
 *   rows: [{ year: 2031, low: '149.49', central: '298.98', high: '448.48' }],
 *   source: { title: 'x', licence: 'OGL-UK-3.0' } };
 * ```
 */
export type CarbonValuesTableInput = z.input<typeof CarbonValuesTableSchema>;

/**
 * A parsed carbon values table (decimals, rows sorted by year).
 *
 * @example
 * ```ts
 * const table: CarbonValuesTable = carbonValues;
 * table.rows[0]?.year; // 2020
 * ```
 */
export type CarbonValuesTable = z.output<typeof CarbonValuesTableSchema>;

/**
 * A carbon values table with look-ups. Years not in the table are answered with an issue,
 * never interpolated.
 *
 * @example
 * ```ts
 * const r = carbonValues.valueFor(2030, 'central');
 * if (r.ok) r.value.toString(); // '294.5'
 * carbonValues.years(); // [2020, 2021, …, 2030, 2035, 2040, 2045, 2050]
 * ```
 */
export interface CarbonValues extends CarbonValuesTable {
  /** The value per unit of emissions in `year` under `scenario` (default central), in the table's price year. */
  valueFor(year: number, scenario?: CarbonScenario): Result<Decimal>;
  /** The years the table covers, ascending. */
  years(): number[];
}

function describeYears(years: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < years.length) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === (years[j] as number) + 1) j++;
    parts.push(j - i >= 2 ? `${years[i]}–${years[j]}` : years.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

function withLookups(table: CarbonValuesTable): CarbonValues {
  const byYear = new Map(table.rows.map((r) => [r.year, r]));
  const years = table.rows.map((r) => r.year);
  return {
    ...table,
    years: () => [...years],
    valueFor(year: number, scenario: CarbonScenario = 'central'): Result<Decimal> {
      const field = 'year';
      if (!Number.isInteger(year)) {
        return fail([
          issue('invalid_year', `carbon value year must be a whole year such as 2030, got ${year}`, {
            field,
          }),
        ]);
      }
      if (!CarbonScenarioSchema.safeParse(scenario).success) {
        return fail([
          issue(
            'unknown_carbon_scenario',
            `unknown carbon value scenario "${String(scenario)}": use low, central or high`,
            {
              field: 'scenario',
            },
          ),
        ]);
      }
      const row = byYear.get(year);
      if (!row) {
        return fail([
          issue(
            'carbon_year_not_covered',
            `${table.name} has no value for ${year} (it covers ${describeYears(years)}). ` +
              'Values are never interpolated: load the full annual series from the source ' +
              '(DESNZ data tables, Table 3, 2010–2100) with loadCarbonValues(json).',
            { field },
          ),
        ]);
      }
      return ok(row[scenario]);
    },
  };
}

/**
 * Reads a carbon values table (e.g. the full DESNZ annual series 2010–2100 transcribed from
 * the data tables) from parsed JSON or JSON text, validating it with
 * {@link CarbonValuesTableSchema}. Problems come back as issues with JSON paths.
 *
 * @example
 * ```ts
 * const r = loadCarbonValues({ id: 'desnz-2023-full', name: 'DESNZ carbon values (full series)',
 *   currency: 'GBP', priceYear: 2022,
 *   rows: [{ year: 2031, low: '149.49', central: '298.98', high: '448.48' }],
 *   source: { title: 'Valuation of energy use and greenhouse gas emissions for appraisal', licence: 'OGL-UK-3.0' } });
 * if (r.ok) r.value.valueFor(2031).ok; // true
 * ```
 */
export function loadCarbonValues(json: unknown): Result<CarbonValues> {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return fail([issue('invalid_json', `the carbon values are not valid JSON (${why}); check the file`)]);
    }
  }
  const parsed = CarbonValuesTableSchema.safeParse(data);
  if (!parsed.success) return fail(fromZodError(parsed.error));
  return ok(withLookups(parsed.data));
}

const DESNZ_TABLE_3: CarbonValuesTableInput = {
  id: 'desnz-carbon-values-2023-11',
  name: 'DESNZ carbon values for appraisal (November 2023, Table 3, 2022 prices)',
  currency: 'GBP',
  unit: 'tCO2e',
  priceYear: 2022,
  rows: [
    { year: 2020, low: '126.60', central: '253.19', high: '379.79' },
    { year: 2021, low: '128.52', central: '257.05', high: '385.57' },
    { year: 2022, low: '130.48', central: '260.96', high: '391.44' },
    { year: 2023, low: '132.47', central: '264.93', high: '397.40' },
    { year: 2024, low: '134.48', central: '268.97', high: '403.45' },
    { year: 2025, low: '136.53', central: '273.06', high: '409.60' },
    { year: 2026, low: '138.61', central: '277.22', high: '415.83' },
    { year: 2027, low: '140.72', central: '281.44', high: '422.17' },
    { year: 2028, low: '142.87', central: '285.73', high: '428.60' },
    { year: 2029, low: '145.04', central: '290.08', high: '435.12' },
    { year: 2030, low: '147.25', central: '294.50', high: '441.75' },
    { year: 2035, low: '158.81', central: '317.62', high: '476.42' },
    { year: 2040, low: '171.27', central: '342.55', high: '513.82' },
    { year: 2045, low: '184.51', central: '369.02', high: '553.53' },
    { year: 2050, low: '198.77', central: '397.54', high: '596.31' },
  ],
  source: {
    title: 'Valuation of energy use and greenhouse gas emissions for appraisal: data tables 1–19',
    publisher: 'Department for Energy Security and Net Zero (DESNZ)',
    edition:
      'November 2023, Table 3 (carbon values, £/tCO2e, 2022 prices); years 2020–2030, 2035, 2040, 2045, 2050 only',
    url: 'https://assets.publishing.service.gov.uk/media/6567994fcc1ec5000d8eef17/data-tables-1-19.xlsx',
    licence: 'OGL-UK-3.0',
    priceYear: 2022,
    notes:
      'One target-consistent series for all sectors (no traded/non-traded split) with low, central and high ' +
      'scenarios. Values as read from Table 3 into the MIT-licensed greenbook R package ' +
      '(github.com/charlescoverdale/greenbook), the cross-check. Only the years listed are bundled and nothing ' +
      'is interpolated: load the full annual series (2010–2100) with loadCarbonValues. Publication page: ' +
      'https://www.gov.uk/government/publications/valuation-of-energy-use-and-greenhouse-gas-emissions-for-appraisal',
  },
};

/**
 * DESNZ carbon values for appraisal, £ per tonne CO2e in 2022 prices, low/central/high, for
 * 2020–2030, 2035, 2040, 2045 and 2050 (Valuation of energy use and greenhouse gas emissions
 * for appraisal, November 2023, data tables 1–19, Table 3; OGL v3.0). Other years are
 * answered with an issue: load the full series with {@link loadCarbonValues}.
 *
 * @example
 * ```ts
 * const r = carbonValues.valueFor(2025, 'central');
 * if (r.ok) r.value.toString(); // '273.06'
 * carbonValues.valueFor(2031).ok; // false: issue 'carbon_year_not_covered'
 * ```
 */
export const carbonValues: CarbonValues = withLookups(CarbonValuesTableSchema.parse(DESNZ_TABLE_3));

/**
 * A framework proxy for one tonne of emissions in `year`: the central value, with low and
 * high from the same table for sensitivity, in the table's price year and with its
 * provenance. Answers an issue for a year the table does not cover.
 *
 * @example
 * ```ts
 * const r = carbonProxyFor(2025);
 * if (r.ok) [r.value.value.toString(), r.value.low?.toString(), r.value.high?.toString()];
 * // ['273.06', '136.53', '409.6']
 * ```
 */
export function carbonProxyFor(year: number, values: CarbonValues = carbonValues): Result<FrameworkProxy> {
  const issues: Issue[] = [];
  const get = (s: CarbonScenario): Decimal | undefined => {
    const r = values.valueFor(year, s);
    if (r.ok) return r.value;
    for (const x of r.issues) issues.push(x);
    return undefined;
  };
  const central = get('central');
  if (!central) return fail(issues);
  const low = get('low');
  const high = get('high');
  if (!low || !high) return fail(issues);
  return ok(
    ProxySchema.parse({
      value: central.toString(),
      low: low.toString(),
      high: high.toString(),
      currency: values.currency,
      priceYear: values.priceYear,
      basis: `per ${values.unit} emitted or avoided in ${year} (${values.name})`,
      source: values.source,
    }),
  );
}
