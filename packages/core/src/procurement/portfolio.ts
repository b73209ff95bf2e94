import { z } from 'zod';
import type { Framework } from '../framework/schema';
import { CommonwealError, fail, issue, ok, type Result } from '../issues/issues';
import { type Decimal, ZERO } from '../money/decimal';
import { DecimalStringSchema } from '../money/schema';
import { traceJson } from '../trace/json';
import { explain, type Trace, type TraceInput } from '../trace/trace';
import { TraceJsonSchema } from '../valuation/json';
import { IssueJsonSchema } from './json';
import type { DeliveryReport, RagStatus } from './monitoring';
import { type PortfolioPeriod, type PortfolioProfile, portfolioPeriods } from './portfolio-periods';
import { codepointCompare } from './price';

export type {
  PeriodDelivery,
  PortfolioMeasureProfile,
  PortfolioPeriod,
  PortfolioPeriodMeasure,
  PortfolioProfile,
  ReportingPeriod,
} from './portfolio-periods';
export { dueByPeriod, PERIOD_DUE_RULE, portfolioPeriods, reportingPeriods } from './portfolio-periods';

/**
 * One contract of a portfolio: who delivers it, where, and its delivery report from
 * `monitorDelivery` (all contracts monitored at the same report date). `framework` names each
 * measure's theme and outcome.
 *
 * @example
 * ```ts
 * const r = monitorDelivery(input);
 * if (r.ok) addContract(acc, { contract: 'HC-2026-01', supplier: 'Northside Care', area: 'North ward', report: r.value, framework });
 * ```
 */
export interface PortfolioContract {
  contract: string;
  supplier: string;
  /** The ward or area the contract serves (null when the manifest does not say). */
  area: string | null;
  report: DeliveryReport;
  framework?: Framework | undefined;
}

/**
 * What one measure of one contract adds to a group, kept per contract so merges are exact.
 *
 * @example
 * ```ts
 * const c: PortfolioContribution = { contract: 'C1', measure: 'J1', status: 'green', committedValue: dec(10000), expectedValue: dec(5000), deliveredValue: dec(5000) };
 * ```
 */
export interface PortfolioContribution {
  contract: string;
  measure: string;
  status: RagStatus;
  committedValue: Decimal | null;
  expectedValue: Decimal | null;
  deliveredValue: Decimal | null;
}

/**
 * A measure's quantities in one contract (units add only within one measure).
 *
 * @example
 * ```ts
 * const q: PortfolioQuantity = { contract: 'C1', title: 'Local jobs', unit: 'FTE', committed: dec(10), expected: dec(5), delivered: dec(5), status: 'green' };
 * ```
 */
export interface PortfolioQuantity {
  contract: string;
  title: string | null;
  unit: string | null;
  committed: Decimal;
  expected: Decimal;
  delivered: Decimal;
  status: RagStatus;
}

/** The dimensions a portfolio is rolled up by, besides measures and periods. */
export type PortfolioDimension = 'theme' | 'outcome' | 'supplier' | 'area';

/** The dimensions in the order reports list them. */
export const PORTFOLIO_DIMENSIONS: readonly PortfolioDimension[] = ['theme', 'outcome', 'supplier', 'area'];

/**
 * Who and what a contract of the portfolio is, with its overall monitoring status.
 *
 * @example
 * ```ts
 * const c: PortfolioContractInfo = { contract: 'C1', supplier: 'Northside Care', area: null, start: '2025-01-01', end: '2026-12-31', status: 'red', priceYear: 2024 };
 * ```
 */
export interface PortfolioContractInfo {
  contract: string;
  supplier: string;
  area: string | null;
  start: string;
  end: string;
  status: RagStatus;
  priceYear: number | null;
}

/**
 * A mergeable portfolio roll-up (DESIGN rule 7): every contract's contribution to every group,
 * keyed by contract and measure. {@link finishPortfolio} sums in key order, so the result does
 * not depend on the order contracts were added or halves merged.
 *
 * @example
 * ```ts
 * const acc = emptyPortfolio();
 * addContract(acc, contract);
 * ```
 */
export interface PortfolioAccumulator {
  reportDate: string | null;
  /** The reporting periods of the contracts' monitoring (all the same). */
  periodicity: 'quarter' | 'month' | null;
  contracts: Map<string, PortfolioContractInfo>;
  /** dimension → group key → `contract/measure` → contribution. */
  groups: Record<
    PortfolioDimension,
    Map<string, { title: string; items: Map<string, PortfolioContribution> }>
  >;
  /** measure → contract → quantities. */
  measures: Map<string, Map<string, PortfolioQuantity>>;
  /** period → contract → { value, measure quantities }. */
  periods: Map<string, Map<string, { value: Decimal | null; measures: Map<string, Decimal> }>>;
  /** contract → its measures' delivery profiles (laid onto the periods when finished). */
  profiles: Map<string, PortfolioProfile>;
}

/**
 * An empty portfolio roll-up.
 *
 * @example
 * ```ts
 * const acc = emptyPortfolio();
 * acc.contracts.size; // 0
 * ```
 */
export function emptyPortfolio(): PortfolioAccumulator {
  return {
    reportDate: null,
    periodicity: null,
    contracts: new Map(),
    groups: { theme: new Map(), outcome: new Map(), supplier: new Map(), area: new Map() },
    measures: new Map(),
    periods: new Map(),
    profiles: new Map(),
  };
}

const NO_AREA = '(no area given)';
const NO_THEME = '(not in the framework)';

function groupOf(
  acc: PortfolioAccumulator,
  dim: PortfolioDimension,
  key: string,
  title: string,
): Map<string, PortfolioContribution> {
  let g = acc.groups[dim].get(key);
  if (!g) {
    g = { title, items: new Map() };
    acc.groups[dim].set(key, g);
  }
  return g.items;
}

/**
 * Adds one contract's delivery report to a portfolio roll-up (mutates and returns `acc`).
 * Contracts are told apart by id: adding one twice, or one monitored at another report date,
 * is a programmer error (the flow checks the manifest first).
 *
 * @example
 * ```ts
 * addContract(emptyPortfolio(), { contract: 'C1', supplier: 'Northside Care', area: 'North', report });
 * ```
 */
export function addContract(acc: PortfolioAccumulator, c: PortfolioContract): PortfolioAccumulator {
  if (acc.contracts.has(c.contract))
    throw new CommonwealError('duplicate_contract', `contract ${c.contract} is already in the portfolio`);
  if (acc.reportDate !== null && acc.reportDate !== c.report.reportDate)
    throw new CommonwealError(
      'mixed_report_dates',
      `contract ${c.contract} is monitored at ${c.report.reportDate}, the portfolio at ${acc.reportDate}`,
    );
  if (acc.periodicity !== null && acc.periodicity !== c.report.periodicity)
    throw new CommonwealError(
      'mixed_periodicity',
      `contract ${c.contract} is monitored by ${c.report.periodicity}, the portfolio by ${acc.periodicity}`,
    );
  acc.reportDate = c.report.reportDate;
  acc.periodicity = c.report.periodicity;
  const r = c.report;
  acc.profiles.set(c.contract, {
    accrual: r.profile.accrual,
    thresholds: { ...r.thresholds },
    start: r.contract.start,
    end: r.contract.end,
    measures: r.measures.map((m) => ({
      measure: m.measure,
      proxy: m.proxy,
      committed: m.status !== 'uncommitted',
      windows: m.profile.map((w) => ({ start: w.start, end: w.end, due: w.due })),
    })),
  });
  acc.contracts.set(c.contract, {
    contract: c.contract,
    supplier: c.supplier,
    area: c.area,
    start: r.contract.start,
    end: r.contract.end,
    status: r.overall.status,
    priceYear: r.priceYear,
  });
  const fw = c.framework;
  for (const m of r.measures) {
    const fm = fw?.measures.find((x) => x.code === m.measure);
    const theme = fm?.theme ?? NO_THEME;
    const themeTitle = fw?.themes.find((t) => t.id === theme)?.title ?? theme;
    const outcome = fm?.outcome ?? (fm ? `${theme}: (no outcome)` : NO_THEME);
    const outcomeTitle = fw?.outcomes.find((o) => o.id === outcome)?.title ?? outcome;
    const item: PortfolioContribution = {
      contract: c.contract,
      measure: m.measure,
      status: m.status,
      committedValue: m.committedValue,
      expectedValue: m.proxy === null ? null : m.expected.times(m.proxy),
      deliveredValue: m.deliveredValue,
    };
    const k = `${c.contract}\u0000${m.measure}`;
    groupOf(acc, 'theme', theme, themeTitle).set(k, item);
    groupOf(acc, 'outcome', outcome, outcomeTitle).set(k, item);
    groupOf(acc, 'supplier', c.supplier, c.supplier).set(k, item);
    groupOf(acc, 'area', c.area ?? NO_AREA, c.area ?? NO_AREA).set(k, item);
    let q = acc.measures.get(m.measure);
    if (!q) {
      q = new Map();
      acc.measures.set(m.measure, q);
    }
    q.set(c.contract, {
      contract: c.contract,
      title: m.title,
      unit: m.unit,
      committed: m.committed,
      expected: m.expected,
      delivered: m.delivered,
      status: m.status,
    });
  }
  for (const p of r.periods) {
    let per = acc.periods.get(p.period);
    if (!per) {
      per = new Map();
      acc.periods.set(p.period, per);
    }
    per.set(c.contract, {
      value: p.value,
      measures: new Map(p.measures.map((x) => [x.measure, x.quantity])),
    });
  }
  return acc;
}

/**
 * Merges two portfolio roll-ups of disjoint contracts into a new one (neither is changed): the
 * roll-up of a portfolio equals the merge of its halves' roll-ups.
 *
 * @example
 * ```ts
 * const whole = mergePortfolios(northAcc, southAcc);
 * ```
 */
export function mergePortfolios(a: PortfolioAccumulator, b: PortfolioAccumulator): PortfolioAccumulator {
  for (const k of b.contracts.keys())
    if (a.contracts.has(k))
      throw new CommonwealError('duplicate_contract', `contract ${k} is in both portfolios`);
  if (a.reportDate !== null && b.reportDate !== null && a.reportDate !== b.reportDate)
    throw new CommonwealError(
      'mixed_report_dates',
      `the portfolios are monitored at ${a.reportDate} and ${b.reportDate}`,
    );
  if (a.periodicity !== null && b.periodicity !== null && a.periodicity !== b.periodicity)
    throw new CommonwealError(
      'mixed_periodicity',
      `the portfolios are monitored by ${a.periodicity} and ${b.periodicity}`,
    );
  const out = emptyPortfolio();
  out.reportDate = a.reportDate ?? b.reportDate;
  out.periodicity = a.periodicity ?? b.periodicity;
  for (const src of [a, b]) {
    for (const [k, v] of src.contracts) out.contracts.set(k, v);
    for (const [k, v] of src.profiles) out.profiles.set(k, v);
    for (const dim of PORTFOLIO_DIMENSIONS)
      for (const [key, g] of src.groups[dim]) {
        const items = groupOf(out, dim, key, g.title);
        for (const [k, v] of g.items) items.set(k, v);
      }
    for (const [m, per] of src.measures) {
      const q = out.measures.get(m) ?? new Map<string, PortfolioQuantity>();
      for (const [k, v] of per) q.set(k, v);
      out.measures.set(m, q);
    }
    for (const [p, per] of src.periods) {
      const q = out.periods.get(p) ?? new Map();
      for (const [k, v] of per) q.set(k, v);
      out.periods.set(p, q);
    }
  }
  return out;
}

/** RAG counts of the measures in a group. */
export interface RagCounts {
  green: number;
  amber: number;
  red: number;
  notDue: number;
  uncommitted: number;
}

/**
 * One group of a portfolio (a theme, outcome, supplier, area, or the whole): committed,
 * expected-by-now and delivered social value in money (gross, the report's price year; only
 * measures with a proxy — `unvalued` counts the others), RAG counts of its contracts' measures,
 * and the contracts behind (any measure red or amber).
 *
 * @example
 * ```ts
 * portfolio.by.theme[0]?.deliveredValue.toString(); // '52500'
 * ```
 */
export interface PortfolioGroup {
  key: string;
  title: string;
  contracts: string[];
  behind: string[];
  measures: number;
  unvalued: number;
  rag: RagCounts;
  committedValue: Decimal;
  expectedValue: Decimal;
  deliveredValue: Decimal;
  /** delivered ÷ committed value (null when nothing valued is committed). */
  deliveredShare: Decimal | null;
  /** delivered ÷ expected value by now (null when nothing valued is due). */
  pace: Decimal | null;
  trace: { committedValue: Trace; expectedValue: Trace; deliveredValue: Trace; pace: Trace | null };
}

/**
 * One measure across the portfolio: quantities in its own unit, summed over contracts.
 *
 * @example
 * ```ts
 * portfolio.measures.find((m) => m.measure === 'EX-JOB')?.delivered.toString(); // '11'
 * ```
 */
export interface PortfolioMeasure {
  measure: string;
  title: string | null;
  unit: string | null;
  contracts: string[];
  behind: string[];
  committed: Decimal;
  expected: Decimal;
  delivered: Decimal;
  deliveredShare: Decimal | null;
  rag: RagCounts;
  trace: Trace;
}

/**
 * A contract of the portfolio with its own overall status and money totals.
 *
 * @example
 * ```ts
 * portfolio.contracts.filter((c) => c.behind).map((c) => c.contract); // ['HC-2026-01']
 * ```
 */
export interface PortfolioContractLine extends PortfolioContractInfo {
  behind: boolean;
  committedValue: Decimal;
  expectedValue: Decimal;
  deliveredValue: Decimal;
  unvalued: number;
  rag: RagCounts;
}

/**
 * A council-wide view of social value delivery: every contract, the whole, and groups by theme,
 * outcome, supplier and area, measures and periods, each sorted by key.
 *
 * @example
 * ```ts
 * const p = finishPortfolio(acc);
 * if (p.ok) p.value.total.behind; // ['HC-2026-01', 'PK-2025-07']
 * ```
 */
export interface Portfolio {
  reportDate: string | null;
  priceYear: number | null;
  contracts: PortfolioContractLine[];
  total: PortfolioGroup;
  by: Record<PortfolioDimension, PortfolioGroup[]>;
  measures: PortfolioMeasure[];
  periods: PortfolioPeriod[];
}

const byKey = <T>(m: Map<string, T>): [string, T][] =>
  [...m.entries()].sort((x, y) => codepointCompare(x[0], y[0]));

function rag(statuses: Iterable<RagStatus>): RagCounts {
  const r: RagCounts = { green: 0, amber: 0, red: 0, notDue: 0, uncommitted: 0 };
  for (const s of statuses) {
    if (s === 'not-due') r.notDue++;
    else r[s]++;
  }
  return r;
}

const isBehind = (s: RagStatus) => s === 'red' || s === 'amber';

function sumTrace(
  items: [string, PortfolioContribution][],
  pick: (c: PortfolioContribution) => Decimal | null,
  formula: string,
): { value: Decimal; trace: Trace } {
  let total = ZERO;
  const inputs: Record<string, TraceInput> = {};
  for (const [, c] of items) {
    const v = pick(c);
    if (v === null) continue;
    total = total.plus(v);
    inputs[`${c.contract} ${c.measure}`] = { value: v.toString() };
  }
  return explain(total, formula, inputs);
}

function group(key: string, title: string, items: Map<string, PortfolioContribution>): PortfolioGroup {
  const sorted = byKey(items);
  const committed = sumTrace(
    sorted,
    (c) => c.committedValue,
    'Σ committed value (counted units × proxy) of the measures',
  );
  const expected = sumTrace(
    sorted,
    (c) => c.expectedValue,
    'Σ value due by the report date (expected by each delivery profile × proxy) of the measures',
  );
  const delivered = sumTrace(
    sorted,
    (c) => c.deliveredValue,
    'Σ delivered value (counted units × proxy) of the measures',
  );
  const contracts = [...new Set(sorted.map(([, c]) => c.contract))].sort(codepointCompare);
  const behind = [...new Set(sorted.filter(([, c]) => isBehind(c.status)).map(([, c]) => c.contract))].sort(
    codepointCompare,
  );
  const pace = expected.value.isZero()
    ? null
    : explain(delivered.value.dividedBy(expected.value), 'pace = delivered value ÷ value due by now', {
        delivered,
        expected,
      });
  return {
    key,
    title,
    contracts,
    behind,
    measures: sorted.length,
    unvalued: sorted.filter(([, c]) => c.committedValue === null).length,
    rag: rag(sorted.map(([, c]) => c.status)),
    committedValue: committed.value,
    expectedValue: expected.value,
    deliveredValue: delivered.value,
    deliveredShare: committed.value.isZero() ? null : delivered.value.dividedBy(committed.value),
    pace: pace?.value ?? null,
    trace: {
      committedValue: committed.trace,
      expectedValue: expected.trace,
      deliveredValue: delivered.trace,
      pace: pace?.trace ?? null,
    },
  };
}

/**
 * Finishes a portfolio roll-up: sums every group in key order, with traces naming each
 * contract's measure. Fails when the contracts' money is in different price years (sums would
 * mix prices).
 *
 * @example
 * ```ts
 * const p = finishPortfolio(mergePortfolios(a, b));
 * if (p.ok) p.value.total.committedValue.toString();
 * ```
 */
export function finishPortfolio(acc: PortfolioAccumulator): Result<Portfolio> {
  const years = new Set<number>();
  for (const c of acc.contracts.values()) if (c.priceYear !== null) years.add(c.priceYear);
  if (years.size > 1)
    return fail([
      issue(
        'mixed_price_years',
        `the contracts' money is in ${[...years].sort().join(' and ')} prices: value them with one framework (one price year) so they can be added`,
        { path: ['contracts'] },
      ),
    ]);
  const all = new Map<string, PortfolioContribution>();
  for (const g of acc.groups.supplier.values()) for (const [k, v] of g.items) all.set(k, v);
  const by = {} as Record<PortfolioDimension, PortfolioGroup[]>;
  for (const dim of PORTFOLIO_DIMENSIONS)
    by[dim] = byKey(acc.groups[dim]).map(([key, g]) => group(key, g.title, g.items));
  const contracts = byKey(acc.contracts).map(([id, line]): PortfolioContractLine => {
    const items = new Map([...all].filter(([, c]) => c.contract === id));
    const g = group(id, id, items);
    return {
      ...line,
      behind: isBehind(line.status),
      committedValue: g.committedValue,
      expectedValue: g.expectedValue,
      deliveredValue: g.deliveredValue,
      unvalued: g.unvalued,
      rag: g.rag,
    };
  });
  const measures = byKey(acc.measures).map(([measure, per]): PortfolioMeasure => {
    const rows = byKey(per).map(([, q]) => q);
    const committed = rows.reduce((s, q) => s.plus(q.committed), ZERO);
    const delivered = rows.reduce((s, q) => s.plus(q.delivered), ZERO);
    const first = rows[0];
    return {
      measure,
      title: first?.title ?? null,
      unit: first?.unit ?? null,
      contracts: rows.map((q) => q.contract),
      behind: rows.filter((q) => isBehind(q.status)).map((q) => q.contract),
      committed,
      expected: rows.reduce((s, q) => s.plus(q.expected), ZERO),
      delivered,
      deliveredShare: committed.isZero() ? null : delivered.dividedBy(committed),
      rag: rag(rows.map((q) => q.status)),
      trace: explain(
        delivered,
        'Σ delivered quantity (counted units) of the measure over contracts',
        Object.fromEntries(rows.map((q) => [q.contract, q.delivered])),
      ).trace,
    };
  });
  const periods = portfolioPeriods(acc.profiles, acc.periods, acc.reportDate, acc.periodicity ?? 'quarter');
  return ok({
    reportDate: acc.reportDate,
    priceYear: years.size ? ([...years][0] as number) : null,
    contracts,
    total: group('all', 'All contracts', all),
    by,
    measures,
    periods,
  });
}

/**
 * Rolls up a portfolio in one pass: {@link addContract} for each, then {@link finishPortfolio}.
 *
 * @example
 * ```ts
 * const p = rollUpPortfolio([north, south]);
 * if (p.ok) p.value.by.supplier.map((g) => g.key);
 * ```
 */
export function rollUpPortfolio(contracts: readonly PortfolioContract[]): Result<Portfolio> {
  const acc = emptyPortfolio();
  const seen = new Set<string>();
  for (const [i, c] of contracts.entries()) {
    if (seen.has(c.contract))
      return fail([
        issue('duplicate_contract', `contract ${c.contract} appears twice: give each contract one line`, {
          path: ['contracts', i, 'contract'],
        }),
      ]);
    seen.add(c.contract);
    addContract(acc, c);
  }
  return finishPortfolio(acc);
}

const DEC = DecimalStringSchema;
const RAG_COUNTS = z.object({
  green: z.number().int(),
  amber: z.number().int(),
  red: z.number().int(),
  notDue: z.number().int(),
  uncommitted: z.number().int(),
});
const RAG = z.enum(['green', 'amber', 'red', 'not-due', 'uncommitted']);
const GROUP = z.object({
  key: z.string(),
  title: z.string(),
  contracts: z.array(z.string()),
  behind: z.array(z.string()),
  measures: z.number().int(),
  unvalued: z.number().int(),
  rag: RAG_COUNTS,
  committedValue: DEC,
  expectedValue: DEC,
  deliveredValue: DEC,
  deliveredShare: DEC.nullable(),
  pace: DEC.nullable(),
  trace: z.object({
    committedValue: TraceJsonSchema,
    expectedValue: TraceJsonSchema,
    deliveredValue: TraceJsonSchema,
    pace: TraceJsonSchema.nullable(),
  }),
});

/**
 * The JSON `commonweal portfolio --format json` writes (format `commonweal.portfolio.v1`):
 * decimals as strings at full precision, every group sorted by key, the inputs' SHA-256.
 *
 * @example
 * ```ts
 * PortfolioJsonSchema.parse(JSON.parse(stdout)).total.behind; // ['HC-2026-01']
 * ```
 */
export const PortfolioJsonSchema = z.object({
  format: z.literal('commonweal.portfolio.v1'),
  sha256: z.string(),
  reportDate: z.string().nullable(),
  periodicity: z.enum(['quarter', 'month']),
  priceYear: z.number().int().nullable(),
  currency: z.string().nullable(),
  counts: z.object({ read: z.number().int(), accepted: z.number().int(), rejected: z.number().int() }),
  contracts: z.array(
    z.object({
      contract: z.string(),
      supplier: z.string(),
      area: z.string().nullable(),
      start: z.string(),
      end: z.string(),
      status: RAG,
      behind: z.boolean(),
      committedValue: DEC,
      expectedValue: DEC,
      deliveredValue: DEC,
      unvalued: z.number().int(),
      rag: RAG_COUNTS,
    }),
  ),
  total: GROUP,
  by: z.object({
    theme: z.array(GROUP),
    outcome: z.array(GROUP),
    supplier: z.array(GROUP),
    area: z.array(GROUP),
  }),
  measures: z.array(
    z.object({
      measure: z.string(),
      title: z.string().nullable(),
      unit: z.string().nullable(),
      contracts: z.array(z.string()),
      behind: z.array(z.string()),
      committed: DEC,
      expected: DEC,
      delivered: DEC,
      deliveredShare: DEC.nullable(),
      rag: RAG_COUNTS,
      trace: TraceJsonSchema,
    }),
  ),
  periods: z.array(
    z.object({
      period: z.string(),
      start: z.string(),
      end: z.string(),
      forward: z.boolean(),
      contracts: z.number().int(),
      unvalued: z.number().int(),
      dueValue: DEC,
      deliveredValue: DEC,
      shortfallValue: DEC,
      cumulative: z.object({
        basis: z.enum(['value', 'measures']),
        dueValue: DEC,
        deliveredValue: DEC,
        shortfallValue: DEC,
        pace: DEC.nullable(),
        status: RAG.nullable(),
      }),
      measures: z.array(
        z.object({
          measure: z.string(),
          quantity: DEC,
          due: DEC,
          cumulativeDue: DEC,
          cumulativeDelivered: DEC,
          shortfall: DEC,
          pace: DEC.nullable(),
          status: RAG.nullable(),
        }),
      ),
      trace: z.object({ dueValue: TraceJsonSchema, pace: TraceJsonSchema.nullable() }),
    }),
  ),
  issues: z.array(IssueJsonSchema),
});

/** The JSON form of a portfolio (see {@link PortfolioJsonSchema}). */
export type PortfolioJson = z.output<typeof PortfolioJsonSchema>;

const s = (d: Decimal): string => d.toFixed();
const sn = (d: Decimal | null): string | null => (d === null ? null : d.toFixed());

function groupJson(g: PortfolioGroup): PortfolioJson['total'] {
  return {
    key: g.key,
    title: g.title,
    contracts: [...g.contracts],
    behind: [...g.behind],
    measures: g.measures,
    unvalued: g.unvalued,
    rag: { ...g.rag },
    committedValue: s(g.committedValue),
    expectedValue: s(g.expectedValue),
    deliveredValue: s(g.deliveredValue),
    deliveredShare: sn(g.deliveredShare),
    pace: sn(g.pace),
    trace: {
      committedValue: traceJson(g.trace.committedValue),
      expectedValue: traceJson(g.trace.expectedValue),
      deliveredValue: traceJson(g.trace.deliveredValue),
      pace: g.trace.pace ? traceJson(g.trace.pace) : null,
    },
  };
}

/**
 * The JSON document of a portfolio (see {@link PortfolioJsonSchema}).
 *
 * @example
 * ```ts
 * const doc = toPortfolioJson(p, { sha256, periodicity: 'quarter', currency: 'GBP', counts, issues: [] });
 * ```
 */
export function toPortfolioJson(
  p: Portfolio,
  meta: Pick<PortfolioJson, 'sha256' | 'periodicity' | 'currency' | 'counts' | 'issues'>,
): PortfolioJson {
  return {
    format: 'commonweal.portfolio.v1',
    sha256: meta.sha256,
    reportDate: p.reportDate,
    periodicity: meta.periodicity,
    priceYear: p.priceYear,
    currency: meta.currency,
    counts: { ...meta.counts },
    contracts: p.contracts.map((c) => ({
      contract: c.contract,
      supplier: c.supplier,
      area: c.area,
      start: c.start,
      end: c.end,
      status: c.status,
      behind: c.behind,
      committedValue: s(c.committedValue),
      expectedValue: s(c.expectedValue),
      deliveredValue: s(c.deliveredValue),
      unvalued: c.unvalued,
      rag: { ...c.rag },
    })),
    total: groupJson(p.total),
    by: {
      theme: p.by.theme.map(groupJson),
      outcome: p.by.outcome.map(groupJson),
      supplier: p.by.supplier.map(groupJson),
      area: p.by.area.map(groupJson),
    },
    measures: p.measures.map((m) => ({
      measure: m.measure,
      title: m.title,
      unit: m.unit,
      contracts: [...m.contracts],
      behind: [...m.behind],
      committed: s(m.committed),
      expected: s(m.expected),
      delivered: s(m.delivered),
      deliveredShare: sn(m.deliveredShare),
      rag: { ...m.rag },
      trace: traceJson(m.trace),
    })),
    periods: p.periods.map((x) => ({
      period: x.period,
      start: x.start,
      end: x.end,
      forward: x.forward,
      contracts: x.contracts,
      unvalued: x.unvalued,
      dueValue: s(x.dueValue),
      deliveredValue: s(x.deliveredValue),
      shortfallValue: s(x.shortfallValue),
      cumulative: {
        basis: x.cumulative.basis,
        dueValue: s(x.cumulative.dueValue),
        deliveredValue: s(x.cumulative.deliveredValue),
        shortfallValue: s(x.cumulative.shortfallValue),
        pace: sn(x.cumulative.pace),
        status: x.cumulative.status,
      },
      measures: x.measures.map((m) => ({
        measure: m.measure,
        quantity: s(m.quantity),
        due: s(m.due),
        cumulativeDue: s(m.cumulativeDue),
        cumulativeDelivered: s(m.cumulativeDelivered),
        shortfall: s(m.shortfall),
        pace: sn(m.pace),
        status: m.status,
      })),
      trace: {
        dueValue: traceJson(x.trace.dueValue),
        pace: x.trace.pace ? traceJson(x.trace.pace) : null,
      },
    })),
    issues: meta.issues.map((i) => ({ ...i })),
  };
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One line of a portfolio manifest: the contract, its supplier, the ward or area it serves, its
 * period, and the names of its monitoring files (the `commonweal monitor` inputs): commitments
 * (entries, with `bid` when the file holds several bids) and the supplier's outcome returns.
 *
 * @example
 * ```ts
 * PortfolioManifestLineSchema.parse({ contract: 'HC-2026-01', supplier: 'Northside Care', area: 'North ward',
 *   start: '2026-04-01', end: '2028-03-31', commitments: 'home-care/commitments.csv', outcomes: 'home-care/outcomes.csv', bid: 'B1' });
 * ```
 */
export const PortfolioManifestLineSchema = z.object({
  contract: z.string().min(1),
  supplier: z.string().min(1),
  area: z.string().min(1).optional(),
  start: z.string().regex(ISO, 'a date written YYYY-MM-DD'),
  end: z.string().regex(ISO, 'a date written YYYY-MM-DD'),
  commitments: z.string().min(1),
  outcomes: z.string().min(1),
  bid: z.string().min(1).optional(),
});

/** A parsed manifest line. */
export type PortfolioManifestLine = z.output<typeof PortfolioManifestLineSchema>;

/**
 * A portfolio manifest in JSON: `{ "contracts": [ … ] }` (see {@link PortfolioManifestLineSchema});
 * the CSV form has the same columns.
 *
 * @example
 * ```ts
 * PortfolioManifestSchema.parse({ contracts: [] }).contracts.length; // 0
 * ```
 */
export const PortfolioManifestSchema = z.object({ contracts: z.array(PortfolioManifestLineSchema) });
