import type { Issue } from '@commonweal/core/issues';
import {
  assessPlaceBudget,
  type CarbonUnit,
  CarbonUnitSchema,
  type PlaceBudgetAssessment,
  type PlaceBudgetJson,
  PlaceCarbonBudgetSchema,
  toPlaceBudgetJson,
  unitFactor,
} from '@commonweal/core/limits';
import type { Decimal } from '@commonweal/core/money';
import { readEmissionsCsv } from '@commonweal/csv';
import { hashInputs, parseWith } from '@commonweal/json';
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
 * The inputs of {@link carbonBudgetFlow}: the place's carbon budget as published (JSON, the
 * `carbon-budget` schema: total, period, unit, pathway rate, source) and its emissions by year
 * (CSV `year,emissions`, e.g. the DESNZ local authority CO2 statistics, energy categories only).
 *
 * @example
 * ```ts
 * const input: CarbonBudgetFlowInput = {
 *   budget: { name: 'place-budget.json', text: budgetText },
 *   emissions: { name: 'place-emissions.csv', text: 'year,emissions\n2020,560\n' },
 * };
 * ```
 */
export interface CarbonBudgetFlowInput {
  budget: FlowText;
  emissions: FlowText;
  /** The unit of the emissions column (default: the budget's unit); converted to the budget's. */
  emissionsUnit?: CarbonUnit | undefined;
  /** Which header each column of the emissions CSV reads (the command line's `--columns`). */
  columns?: FlowColumns | undefined;
}

/**
 * A carbon budget check made by {@link carbonBudgetFlow}: the assessment, its JSON document,
 * every issue (the rows' by line, then the check's), the emissions rows read and the inputs hash.
 *
 * @example
 * ```ts
 * const r = await carbonBudgetFlow(input);
 * if (r.ok) r.document.summary.atCurrentEmissions.exhaustedIn; // 2027
 * ```
 */
export interface CarbonBudgetFlowResult {
  ok: true;
  assessment: PlaceBudgetAssessment;
  document: PlaceBudgetJson;
  issues: Issue[];
  counts: FlowCounts;
  sha256: string;
  /** The emissions input's name. */
  file: string;
  /** The unit the emissions were given in (converted to `assessment.unit`). */
  emissionsUnit: CarbonUnit;
}

/**
 * Checks a place's emissions to date against its carbon budget, as `commonweal carbon-budget`
 * does: parses the budget (located issues), reads the emissions CSV (a negative year, a year
 * outside the budget period or a repeated year is rejected with its line and left out; read =
 * accepted + rejected), converts the emissions to the budget's unit, then gives each year's
 * status against the published pathway, the budget left, the reduction rate needed, and the year
 * the budget is used up at the latest year's emissions and on the observed trend.
 *
 * @example
 * ```ts
 * const r = await carbonBudgetFlow({ budget: { name: 'b.json', text: budgetText },
 *   emissions: { name: 'e.csv', text: 'year,emissions\n2020,560\n2021,575\n' } });
 * if (r.ok) r.document.summary.requiredRate?.value;
 * ```
 */
export async function carbonBudgetFlow(
  input: CarbonBudgetFlowInput,
): Promise<CarbonBudgetFlowResult | FlowFailure> {
  return runFlow(async () => {
    const budgetText = textOf(input.budget);
    const parsed = parseWith(PlaceCarbonBudgetSchema, budgetText, { file: input.budget.name });
    if (!parsed.ok)
      throw new FlowFatal(`the carbon budget ${input.budget.name} cannot be used`, parsed.issues);
    const budget = parsed.value;
    const unit = budget.budget.unit;
    const emissionsUnit = input.emissionsUnit ?? unit;
    if (!CarbonUnitSchema.safeParse(emissionsUnit).success)
      throw new FlowFatal(`the emissions unit must be one of ${CarbonUnitSchema.options.join(', ')}`, []);
    const file = input.emissions.name;
    const text = textOf(input.emissions);
    const r = await readEmissionsCsv(text, { file, ...input.columns });
    requireRows(r, `${file} cannot be read as emissions by year (year,emissions)`);
    const col = (key: string) => r.columns.find((c) => c.key === key);
    const where = (key: string, line: number): Omit<Issue, 'code' | 'message'> => {
      const c = col(key);
      const w: Omit<Issue, 'code' | 'message'> = { file, line, field: c?.header ?? key };
      if (c) w.column = c.column;
      return w;
    };
    const rowIssues: Issue[] = [];
    const factor = unitFactor(emissionsUnit, unit);
    const kept: { year: number; emissions: Decimal }[] = [];
    const { fromYear, toYear } = budget.budget;
    for (const row of r.emissions) {
      if (row.tco2e.isNegative()) {
        rowIssues.push({
          code: 'negative_emissions',
          message: `${row.year}: emissions of ${row.tco2e.toString()} are negative: a place's territorial emissions are 0 or more (net removals belong in a separate LULUCF ledger). This row was left out.`,
          ...where('tco2e', row.line),
        });
        continue;
      }
      if (row.year < fromYear || row.year > toYear) {
        rowIssues.push({
          code: 'year_outside_budget',
          message: `${row.year} is outside the budget period ${fromYear}–${toYear}: it cannot count against the budget. This row was left out.`,
          ...where('year', row.line),
        });
        continue;
      }
      kept.push({ year: row.year, emissions: row.tco2e.times(factor) });
    }
    const rejected = r.counts.rejected + rowIssues.length;
    const counts: FlowCounts = { read: r.counts.read, accepted: r.counts.read - rejected, rejected };
    const inputIssues = [...r.issues, ...rowIssues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    if (kept.length === 0)
      throw new FlowFatal(`no year of ${file} can be checked against the budget`, inputIssues);
    const a = assessPlaceBudget({ budget, emissions: kept });
    if (!a.ok) throw new FlowFatal(`${file} cannot be checked against the budget`, a.issues);
    const issues = [...inputIssues, ...a.value.issues.map((i) => ({ ...i, file }))];
    const sha256 = hashInputs({ budget: budgetText, emissions: text, options: { emissionsUnit } });
    return {
      ok: true as const,
      assessment: a.value,
      document: toPlaceBudgetJson(a.value, sha256, issues),
      issues,
      counts,
      sha256,
      file,
      emissionsUnit,
    };
  });
}
