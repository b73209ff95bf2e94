import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { eachMonthOfInterval } from 'date-fns/eachMonthOfInterval';
import { eachQuarterOfInterval } from 'date-fns/eachQuarterOfInterval';
import { endOfMonth } from 'date-fns/endOfMonth';
import { endOfQuarter } from 'date-fns/endOfQuarter';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { Dec, type Decimal, dec, ZERO } from '../money/decimal';
import { type Explained, explain, type Trace } from '../trace/trace';
import type { Accrual, RagStatus } from './monitoring';
import { codepointCompare } from './price';

/**
 * One contract measure's delivery profile as the portfolio keeps it: its windows (from
 * `monitorDelivery`), the proxy that values it (null without one), and whether anything is
 * committed (an `uncommitted` measure only has delivery).
 *
 * @example
 * ```ts
 * const p: PortfolioMeasureProfile = { measure: 'J1', proxy: dec(1000), committed: true,
 *   windows: [{ start: '2025-01-01', end: '2025-12-31', due: dec(5) }] };
 * ```
 */
export interface PortfolioMeasureProfile {
  measure: string;
  proxy: Decimal | null;
  committed: boolean;
  windows: { start: string; end: string; due: Decimal }[];
}

/**
 * What the period view needs of one contract: its accrual rule, RAG thresholds, dates, and its
 * measures' profiles.
 *
 * @example
 * ```ts
 * const c: PortfolioProfile = { accrual: 'pro-rata', thresholds: { green: dec('0.9'), amber: dec('0.7') },
 *   start: '2025-01-01', end: '2026-12-31', measures: [] };
 * ```
 */
export interface PortfolioProfile {
  accrual: Accrual;
  thresholds: { green: Decimal; amber: Decimal };
  start: string;
  end: string;
  measures: PortfolioMeasureProfile[];
}

/**
 * A reporting period: its label (`2026-Q2` or `2026-05`) and first and last days.
 *
 * @example
 * ```ts
 * reportingPeriods('2026-02-10', '2026-07-01', 'quarter').map((p) => p.period); // ['2026-Q1', '2026-Q2', '2026-Q3']
 * ```
 */
export interface ReportingPeriod {
  period: string;
  start: string;
  end: string;
}

const day = (d: Date) => format(d, 'yyyy-MM-dd');

/**
 * The reporting periods (calendar quarters or months, as `monitor --period`) from the one that
 * holds `from` to the one that holds `to`, in order.
 *
 * @example
 * ```ts
 * reportingPeriods('2026-03-31', '2026-04-01', 'month').map((p) => p.period); // ['2026-03', '2026-04']
 * ```
 */
export function reportingPeriods(
  from: string,
  to: string,
  periodicity: 'quarter' | 'month',
): ReportingPeriod[] {
  const q = periodicity === 'quarter';
  const a = (q ? startOfQuarter : startOfMonth)(parseISO(from));
  const b = (q ? startOfQuarter : startOfMonth)(parseISO(to));
  if (b < a) return [];
  const starts = q ? eachQuarterOfInterval({ start: a, end: b }) : eachMonthOfInterval({ start: a, end: b });
  return starts.map((s) => ({
    period: format(s, q ? "yyyy-'Q'Q" : 'yyyy-MM'),
    start: day(s),
    end: day(q ? endOfQuarter(s) : endOfMonth(s)),
  }));
}

// ISO dates order as strings.
const later = (a: string, b: string): string => [a, b].sort()[1] as string;
const earlier = (a: string, b: string): string => [a, b].sort()[0] as string;

/** Decimal places a window's share of a period is taken to, so that sums stay exact. */
const SHARE_PLACES = 20;

/** Days from `a` to `b`, both inclusive (0 when `b` is before `a`), as monitoring counts them. */
const daysIn = (a: string, b: string): number =>
  b < a ? 0 : differenceInCalendarDays(parseISO(b), parseISO(a)) + 1;

/**
 * The day-count rule of the period view, as stated in its traces.
 *
 * @example
 * ```ts
 * PERIOD_DUE_RULE['at-end']; // 'at the end: a window's whole due falls in the period holding its last day'
 * ```
 */
export const PERIOD_DUE_RULE: Record<Accrual, string> = {
  'pro-rata':
    "pro rata: due in a period = Σ over windows of due × (days of the window inside the period ÷ days in the window), days counted as monitoring does (calendar days, both ends inclusive); each share is taken to 20 decimal places and the last period a window reaches takes the rest of its due, so the periods add up exactly to the window's due; cumulative money = Σ cumulative quantity × proxy",
  'at-end': "at the end: a window's whole due falls in the period holding its last day",
};

/**
 * Lays one measure's profile windows onto reporting periods: the quantity due in each period
 * (see {@link PERIOD_DUE_RULE}). The periods must cover every window; over all of them the
 * quantities add up exactly to Σ due of the windows.
 *
 * @example
 * ```ts
 * const ps = reportingPeriods('2025-01-01', '2025-12-31', 'quarter');
 * const due = dueByPeriod([{ start: '2025-01-01', end: '2025-12-31', due: dec(365) }], ps, 'pro-rata');
 * due.get('2025-Q1')?.toString(); // '90'
 * ```
 */
export function dueByPeriod(
  windows: readonly { start: string; end: string; due: Decimal }[],
  periods: readonly ReportingPeriod[],
  accrual: Accrual,
): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  const add = (k: string, v: Decimal) => out.set(k, (out.get(k) ?? ZERO).plus(v));
  for (const w of windows) {
    if (accrual === 'at-end') {
      const p = periods.find((x) => x.start <= w.end && w.end <= x.end);
      if (p) add(p.period, w.due);
      continue;
    }
    const total = daysIn(w.start, w.end);
    const touched = periods.filter((x) => x.start <= w.end && w.start <= x.end);
    let given = ZERO;
    for (const [i, p] of touched.entries()) {
      if (i === touched.length - 1) {
        add(p.period, w.due.minus(given));
        break;
      }
      const inside = daysIn(later(w.start, p.start), earlier(w.end, p.end));
      const part = w.due.times(inside).dividedBy(total).toDecimalPlaces(SHARE_PLACES, Dec.ROUND_HALF_EVEN);
      given = given.plus(part);
      add(p.period, part);
    }
  }
  return out;
}

/**
 * One measure in one reporting period across the portfolio, in its own unit: delivered
 * (`quantity`) and due in the period, cumulative due and delivered to the period's end, and
 * (for periods ended by the report date) pace and RAG on those cumulative quantities.
 *
 * @example
 * ```ts
 * period.measures.find((m) => m.measure === 'EX-JOB')?.cumulativeDue.toString(); // '10'
 * ```
 */
export interface PortfolioPeriodMeasure {
  measure: string;
  quantity: Decimal;
  due: Decimal;
  cumulativeDue: Decimal;
  cumulativeDelivered: Decimal;
  /** cumulative due − cumulative delivered (negative: ahead). */
  shortfall: Decimal;
  pace: Decimal | null;
  status: RagStatus | null;
}

/**
 * Delivery against commitments in one reporting period across the portfolio. Money is gross
 * (quantity × proxy) over the contract measures with a proxy, as the groups are; `unvalued`
 * counts the contract measures due or delivered in the period without one. In the period: due
 * (the delivery profiles laid onto it), delivered, and the shortfall (due − delivered; negative
 * when ahead). Cumulative to the period's end: due, delivered, shortfall and, for periods ended
 * by the report date, pace (delivered ÷ due value) and RAG as monitoring rates a contract
 * overall: on money (`basis: 'value'`) when every committed contract measure has a proxy and
 * the contracts share RAG thresholds, else the worst contract measure's own status
 * (`'measures'`). `forward` periods end after the report date: what is due only.
 *
 * @example
 * ```ts
 * portfolio.periods.map((p) => [p.period, p.cumulative.status]); // [['2026-Q2', 'green'], …]
 * ```
 */
export interface PortfolioPeriod {
  period: string;
  start: string;
  end: string;
  forward: boolean;
  /** Contracts with a return in the period. */
  contracts: number;
  unvalued: number;
  dueValue: Decimal;
  deliveredValue: Decimal;
  shortfallValue: Decimal;
  cumulative: {
    basis: 'value' | 'measures';
    dueValue: Decimal;
    deliveredValue: Decimal;
    shortfallValue: Decimal;
    pace: Decimal | null;
    status: RagStatus | null;
  };
  measures: PortfolioPeriodMeasure[];
  trace: { dueValue: Trace; pace: Trace | null };
}

/**
 * Delivery per period per contract, as the portfolio accumulator keeps it: period → contract →
 * the period's value (null when not fully valued) and the quantity delivered per measure.
 *
 * @example
 * ```ts
 * const d: PeriodDelivery = new Map([['2025-Q3', new Map([['C1', { value: dec(1000), measures: new Map([['J1', dec(1)]]) }]])]]);
 * ```
 */
export type PeriodDelivery = Map<
  string,
  Map<string, { value: Decimal | null; measures: Map<string, Decimal> }>
>;

const ORDER: RagStatus[] = ['red', 'amber', 'green', 'not-due'];
/** Monitoring's default RAG thresholds (used only when a portfolio has no contracts). */
const DEFAULT_THRESHOLDS = { green: dec('0.9'), amber: dec('0.7') };

function rag(pace: Decimal, t: { green: Decimal; amber: Decimal }): RagStatus {
  return pace.gte(t.green) ? 'green' : pace.gte(t.amber) ? 'amber' : 'red';
}

/**
 * The period view of a portfolio: its contracts' profiles laid onto the reporting periods, with
 * delivery per period, from the first period any contract starts in to the last one anything is
 * due or delivered in. Pure; sums in contract and measure key order.
 *
 * @example
 * ```ts
 * const ps = portfolioPeriods(profiles, delivery, '2027-03-31', 'quarter');
 * ps.filter((p) => !p.forward).at(-1)?.cumulative.status; // 'amber'
 * ```
 */
export function portfolioPeriods(
  profiles: ReadonlyMap<string, PortfolioProfile>,
  delivery: PeriodDelivery,
  reportDate: string | null,
  periodicity: 'quarter' | 'month',
): PortfolioPeriod[] {
  const contracts = [...profiles.entries()].sort((x, y) => codepointCompare(x[0], y[0]));
  let first: string | null = null;
  let last: string | null = null;
  const see = (d: string) => {
    if (first === null || d < first) first = d;
    if (last === null || d > last) last = d;
  };
  for (const [, c] of contracts) {
    see(c.start);
    for (const m of c.measures)
      for (const w of m.windows) {
        see(w.start);
        see(w.end);
      }
  }
  if (first === null || last === null) return [];
  let periods = reportingPeriods(first, last, periodicity);
  // Delivery reported after the last window (late returns) extends the view.
  const lastDelivered = [...delivery.keys()].sort(codepointCompare).at(-1);
  if (lastDelivered && lastDelivered > (periods.at(-1)?.period ?? '')) {
    const more = reportingPeriods(first, periodEndOf(lastDelivered), periodicity);
    periods = more;
  }

  // contract → measure → period → due quantity
  const due = new Map<string, Map<string, Map<string, Decimal>>>();
  for (const [id, c] of contracts) {
    const per = new Map<string, Map<string, Decimal>>();
    for (const m of [...c.measures].sort((x, y) => codepointCompare(x.measure, y.measure)))
      per.set(m.measure, dueByPeriod(m.windows, periods, c.accrual));
    due.set(id, per);
  }
  const committed = contracts.flatMap(([id, c]) =>
    c.measures.filter((m) => m.committed).map((m) => ({ contract: id, profile: c, m })),
  );
  const allPriced = committed.length > 0 && committed.every((x) => x.m.proxy !== null);
  const t0 = contracts[0]?.[1].thresholds;
  const sameThresholds =
    t0 !== undefined &&
    contracts.every(([, c]) => c.thresholds.green.eq(t0.green) && c.thresholds.amber.eq(t0.amber));
  const rule = [...new Set(contracts.map(([, c]) => PERIOD_DUE_RULE[c.accrual]))];
  const valueBasis = allPriced && sameThresholds;
  const committedCodes = new Set(committed.map((x) => x.m.measure));

  const cumDue = new Map<string, Decimal>(); // `contract\0measure` → cumulative due
  const cumDel = new Map<string, Decimal>();
  const out: PortfolioPeriod[] = [];
  for (const p of periods) {
    const forward = reportDate === null || p.end > reportDate;
    const deliveredHere = delivery.get(p.period) ?? new Map();
    const byMeasure = new Map<
      string,
      { due: Decimal; quantity: Decimal; cumDue: Decimal; cumDel: Decimal }
    >();
    const dueInputs: Record<string, Explained> = {};
    let dueValue = ZERO;
    let deliveredValue = ZERO;
    // Cumulative money from cumulative quantities, so the last period's equals committed value.
    let cumDueValue = ZERO;
    let cumDelValue = ZERO;
    let unvalued = 0;
    const statuses: RagStatus[] = [];
    for (const [id, c] of contracts) {
      const got = deliveredHere.get(id)?.measures ?? new Map<string, Decimal>();
      const codes = new Set([...c.measures.map((m) => m.measure), ...got.keys()]);
      for (const code of [...codes].sort(codepointCompare)) {
        const k = `${id}\u0000${code}`;
        const d = due.get(id)?.get(code)?.get(p.period) ?? ZERO;
        const q = got.get(code) ?? ZERO;
        const cd = (cumDue.get(k) ?? ZERO).plus(d);
        const cq = (cumDel.get(k) ?? ZERO).plus(q);
        cumDue.set(k, cd);
        cumDel.set(k, cq);
        const m = c.measures.find((x) => x.measure === code);
        const proxy = m?.proxy ?? null;
        if (proxy) {
          dueValue = dueValue.plus(d.times(proxy));
          deliveredValue = deliveredValue.plus(q.times(proxy));
          cumDueValue = cumDueValue.plus(cd.times(proxy));
          cumDelValue = cumDelValue.plus(cq.times(proxy));
        } else if (!(d.isZero() && q.isZero())) unvalued++;
        if (proxy && !d.isZero())
          dueInputs[`${id} ${code}`] = explain(d.times(proxy), 'due quantity in the period × proxy', {
            due: d,
            proxy,
          });
        if (m?.committed) statuses.push(cd.isZero() ? 'not-due' : rag(cq.dividedBy(cd), c.thresholds));
        const agg = byMeasure.get(code) ?? { due: ZERO, quantity: ZERO, cumDue: ZERO, cumDel: ZERO };
        agg.due = agg.due.plus(d);
        agg.quantity = agg.quantity.plus(q);
        agg.cumDue = agg.cumDue.plus(cd);
        agg.cumDel = agg.cumDel.plus(cq);
        byMeasure.set(code, agg);
      }
    }
    const measures: PortfolioPeriodMeasure[] = [...byMeasure.entries()]
      .filter(([, a]) => !(a.due.isZero() && a.quantity.isZero() && a.cumDue.isZero() && a.cumDel.isZero()))
      .sort((x, y) => codepointCompare(x[0], y[0]))
      .map(([measure, a]) => {
        const pace = forward || a.cumDue.isZero() ? null : a.cumDel.dividedBy(a.cumDue);
        let status: RagStatus | null = null;
        if (!forward)
          status =
            pace !== null
              ? rag(pace, t0 ?? DEFAULT_THRESHOLDS)
              : committedCodes.has(measure)
                ? 'not-due'
                : 'uncommitted';
        return {
          measure,
          quantity: a.quantity,
          due: a.due,
          cumulativeDue: a.cumDue,
          cumulativeDelivered: a.cumDel,
          shortfall: a.cumDue.minus(a.cumDel),
          pace,
          status,
        };
      });
    const dueTrace = {
      ...explain(
        dueValue,
        'due value in the period = Σ over contract measures with a proxy of the due quantity laid onto the period × proxy',
        dueInputs,
      ).trace,
      notes: rule,
    };
    let pace: Decimal | null = null;
    let paceTrace: Trace | null = null;
    let status: RagStatus | null = null;
    const rule2 = valueBasis
      ? `${'green ≥ '}${t0?.green.toString()}, amber ≥ ${t0?.amber.toString()}, else red`
      : "the worst committed contract measure's status (not every committed measure has a proxy, or the contracts' RAG thresholds differ)";
    if (!forward) {
      if (!cumDueValue.isZero()) {
        pace = cumDelValue.dividedBy(cumDueValue);
        paceTrace = explain(pace, `pace = value delivered ÷ value due to ${p.end}`, {
          delivered: cumDelValue,
          due: cumDueValue,
        }).trace;
      }
      if (valueBasis)
        status = pace === null ? 'not-due' : rag(pace, t0 as { green: Decimal; amber: Decimal });
      else status = ORDER.find((x) => statuses.includes(x)) ?? 'not-due';
      if (paceTrace) paceTrace.notes = [`RAG: ${status} (${rule2})`];
    }
    out.push({
      period: p.period,
      start: p.start,
      end: p.end,
      forward,
      contracts: deliveredHere.size,
      unvalued,
      dueValue,
      deliveredValue,
      shortfallValue: dueValue.minus(deliveredValue),
      cumulative: {
        basis: valueBasis ? 'value' : 'measures',
        dueValue: cumDueValue,
        deliveredValue: cumDelValue,
        shortfallValue: cumDueValue.minus(cumDelValue),
        pace,
        status,
      },
      measures,
      trace: { dueValue: dueTrace, pace: paceTrace },
    });
  }
  return out;
}

/** The last day of a `YYYY-Qn` or `YYYY-MM` period label. */
function periodEndOf(label: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(label);
  const first = q ? `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}-01` : `${label}-01`;
  return day(q ? endOfQuarter(parseISO(first)) : endOfMonth(parseISO(first)));
}
