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
import { type Decimal, plainDecimal as plain } from '@commonweal/core/money';
import { type EmissionRow, readEmissionsCsv } from '@commonweal/csv';
import { hashInputs, locateJsonPaths, parseWith, schemas } from '@commonweal/json';
import {
  type CarbonValues,
  carbonValues,
  discountingByName,
  hmtGdpDeflator,
  loadCarbonValues,
} from '@commonweal/uk';
import {
  type FlowColumns,
  type FlowCounts,
  type FlowFailure,
  FlowFatal,
  type FlowText,
  requireRows,
  runFlow,
  textOf,
} from '../inputs/inputs';

/**
 * The carbon value series a flow can use.
 *
 * @example
 * ```ts
 * CARBON_SCENARIOS.includes('central'); // true
 * ```
 */
export const CARBON_SCENARIOS: readonly CarbonScenario[] = ['low', 'central', 'high'];

/**
 * The inputs of {@link carbonFlow}: emissions by year (a `.csv` table `year,tco2e` or a `.json`
 * array, told by the name), and optionally a carbon values table (`.json`) instead of the bundled
 * DESNZ values.
 *
 * @example
 * ```ts
 * const input: CarbonFlowInput = { emissions: { name: 'emissions.csv', text: 'year,tco2e\n2025,120\n' } };
 * ```
 */
export interface CarbonFlowInput {
  emissions: FlowText;
  /** A carbon values table (JSON, see `loadCarbonValues`); default the bundled DESNZ values. */
  carbonValues?: FlowText | undefined;
  /** Which header each column of the emissions CSV reads (the command line's `--columns`). */
  columns?: FlowColumns | undefined;
  /** Carbon value series (default `central`). */
  scenario?: CarbonScenario | undefined;
  /** Discounting by name (default `green-book`), see `discountingByName`. */
  discounting?: string | undefined;
  /** Year 0 of discounting (default: the first year of the emissions). */
  baseYear?: number | undefined;
  /** Price year of the result (default: the carbon values' own). */
  priceYear?: number | undefined;
  /** A social value present value, for the net social value within limits. */
  socialValuePV?: Decimal | undefined;
}

/**
 * The JSON document of a carbon valuation (`commonweal carbon --format json`, the
 * `carbon-output` schema): core's `toCarbonJson` with every issue, `inputs.sha256` and, when a
 * social value was given, `netSocialValue`.
 *
 * @example
 * ```ts
 * const d: CarbonDocument = r.document; // r from carbonFlow
 * d.totals.presentValue; // '78036.7254…'
 * ```
 */
export type CarbonDocument = CarbonJson & {
  inputs: { sha256: string };
  netSocialValue?: { socialValuePV: string; carbonCostPV: string; net: string };
};

/**
 * A carbon valuation made by {@link carbonFlow}. `valuation` and `document` are `null` when no
 * year could be valued (every row rejected: see `issues`).
 *
 * @example
 * ```ts
 * const r = await carbonFlow(input);
 * if (r.ok && r.valuation) r.valuation.totals.presentValue.value.toFixed(2); // '78036.73'
 * ```
 */
export interface CarbonFlowResult {
  ok: true;
  valuation: CarbonValuation | null;
  /** The stable JSON contract, or `null` with no valuation. */
  document: CarbonDocument | null;
  /** Net social value within limits, when a social value PV was given. */
  net?: NetSocialValue;
  /** Every issue, the emissions' and the years the values do not cover, by line. */
  issues: Issue[];
  /** Rows of the emissions input: rows whose year cannot be valued are rejected. */
  counts: FlowCounts;
  sha256: string;
  /** The emissions input's name. */
  file: string;
  /** The carbon values used. */
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

async function loadEmissions(input: FlowText, columns: FlowColumns | undefined): Promise<LoadedEmissions> {
  const file = input.name;
  const text = textOf(input);
  if (!/\.json$/i.test(file)) {
    const r = await readEmissionsCsv(text, { file, ...columns });
    requireRows(r, `${file} cannot be read as an emissions table (year,tco2e)`);
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
  if (!r.ok) throw new FlowFatal(`${file} cannot be read as emissions`, r.issues);
  const items = r.value as { year: number; tco2e: Decimal }[];
  const at = locateJsonPaths(
    text,
    items.map((_, i) => [i, 'year']),
  );
  const rows = items.map((e, i) => ({ ...e, line: at.get(JSON.stringify([i, 'year']))?.line ?? 1 }));
  return { rows, issues: [], read: rows.length, rejected: 0, text };
}

function loadValues(input: FlowText | undefined): { values: CarbonValues; text: string } {
  if (input === undefined) return { values: carbonValues, text: carbonValues.id };
  const text = textOf(input);
  const r = loadCarbonValues(text);
  if (!r.ok)
    throw new FlowFatal(
      `${input.name} cannot be used as carbon values`,
      r.issues.map((i) => ({ ...i, file: input.name })),
    );
  return { values: r.value, text };
}

/**
 * Values emissions by year as `commonweal carbon` does: DESNZ carbon values (bundled, or a table
 * given), rebased with the HMT GDP deflator when the price year differs, discounted (Green Book
 * standard by default) from the base year (default: the first year). A row whose year the values
 * do not cover, or that is before the base year, is rejected with a located issue. No file
 * system: the caller reads the files.
 *
 * @example
 * ```ts
 * const r = await carbonFlow({ emissions: { name: 'emissions.csv', text: 'year,tco2e\n2025,120\n' } });
 * if (r.ok && r.valuation) r.valuation.totals.presentValue.value.toFixed(2); // '32767.20'
 * ```
 */
export async function carbonFlow(input: CarbonFlowInput): Promise<CarbonFlowResult | FlowFailure> {
  return runFlow(async () => {
    const scenario = input.scenario ?? 'central';
    if (!CARBON_SCENARIOS.includes(scenario))
      throw new FlowFatal(
        `the scenario must be one of ${CARBON_SCENARIOS.join(', ')} (got '${scenario}')`,
        [],
      );
    const discountingName = input.discounting ?? 'green-book';
    const schedule = discountingByName(discountingName);
    if (!schedule.ok)
      throw new FlowFatal(`discounting: ${schedule.issues.map((i) => i.message).join('; ')}`, []);
    const table = loadValues(input.carbonValues);
    const priceYear = input.priceYear ?? table.values.priceYear;
    const file = input.emissions.name;
    const loaded = await loadEmissions(input.emissions, input.columns);

    const baseYear =
      input.baseYear ??
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
      baseYear: input.baseYear ?? null,
      priceYear,
      discounting: discountingName,
      socialValuePV: input.socialValuePV ?? null,
    });
    const out: CarbonFlowResult = {
      ok: true,
      valuation: null,
      document: null,
      issues,
      counts,
      sha256,
      file,
      values: table.values,
    };
    if (kept.length === 0 || baseYear === undefined) return out;

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
      throw new FlowFatal(
        `${r.issues.map((i) => i.message).join('; ')} (the HMT GDP deflator covers ${Object.keys(hmtGdpDeflator.values).join(', ')})`,
        [],
      );
    }
    out.valuation = r.value;
    if (input.socialValuePV !== undefined) {
      out.net = netSocialValueWithinLimits({
        socialValuePV: input.socialValuePV,
        carbonCostPV: r.value.totals.presentValue,
      });
    }
    const document: CarbonDocument = { ...toCarbonJson({ ...r.value, issues }), inputs: { sha256 } };
    if (out.net) {
      document.netSocialValue = {
        socialValuePV: plain(out.net.socialValuePV.value),
        carbonCostPV: plain(out.net.carbonCostPV.value),
        net: plain(out.net.value),
      };
    }
    out.document = document;
    return out;
  });
}
