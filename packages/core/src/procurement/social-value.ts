import type { Framework } from '../framework/schema';
import { fail, hasErrors, type Issue, issue, ok, type Result } from '../issues/issues';
import { type Decimal, dec, ZERO } from '../money/decimal';
import type { IndexSeries } from '../money/index-series';
import { Rational } from '../money/rational';
import { type Explained, explain, type InputLike, type Trace } from '../trace/trace';
// The one place procurement touches the valuation engine (see valueCommitments).
import { valueEntries } from '../valuation/index';
import type { DiscountSchedule, Entry } from '../valuation/schema';
import type { ValuationLine } from '../valuation/types';

const HUNDRED = dec(100);

/**
 * Options for valuing a bid's commitments: the common base year (every bid must be discounted
 * to the same year to be comparable), the price year, the index series that rebases proxies of
 * other price years to it (passed to the valuation engine, which records the rebasing in each
 * line's trace), and the discount schedule (`null` for none).
 *
 * @example
 * ```ts
 * const o: CommitmentValuationOptions = { baseYear: 2025, discounting: null };
 * const rebased: CommitmentValuationOptions = { baseYear: 2026, priceYear: 2024, indexSeries: hmtGdpDeflator, discounting: null };
 * ```
 */
export interface CommitmentValuationOptions {
  baseYear: number;
  priceYear?: number;
  indexSeries?: IndexSeries;
  discounting: DiscountSchedule | null;
  firstPeriodDiscounted?: boolean;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Everything about a commitment that can change its value, in a fixed order (not its line or position). */
function entryText(e: Entry): string {
  const d = (x: Decimal | undefined) => (x === undefined ? '' : x.toString());
  return [
    e.measure,
    String(e.year),
    e.quantity.toString(),
    String(e.duration ?? ''),
    d(e.deadweight),
    d(e.attribution),
    d(e.displacement),
    d(e.dropOff),
    e.local === undefined ? '' : String(e.local),
    e.supplier ?? '',
    e.contract ?? '',
    e.period ?? '',
    e.evidence ?? '',
    e.notes ?? '',
  ].join('\u0000');
}

/**
 * Names the valued commitments in a trace by what they are, not where they sit in the file:
 * `commitment <bid> <measure> <year>`, and ` (n of m)` only among commitments with the same name,
 * numbered in order of quantity then every other field. So shuffling the rows leaves the names,
 * and the trace, unchanged; the order of the returned list is the order of the names.
 */
function commitmentKeys(
  entries: readonly Entry[],
  lines: readonly ValuationLine[],
): { key: string; line: ValuationLine }[] {
  const named = lines
    .filter((l) => !l.recordOnly)
    .map((line) => {
      const e = entries[line.index] as Entry;
      const name = ['commitment', e.bid, e.measure, String(e.year)].filter((x) => x !== undefined).join(' ');
      return { name, e, text: entryText(e), line };
    })
    .sort((a, b) => cmp(a.name, b.name) || a.e.quantity.comparedTo(b.e.quantity) || cmp(a.text, b.text));
  const counts = new Map<string, number>();
  for (const n of named) counts.set(n.name, (counts.get(n.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  return named.map((n) => {
    const m = counts.get(n.name) as number;
    if (m === 1) return { key: n.name, line: n.line };
    const k = (seen.get(n.name) ?? 0) + 1;
    seen.set(n.name, k);
    return { key: `${n.name} (${k} of ${m})`, line: n.line };
  });
}

/**
 * Values one bid's social value commitments with the tender's framework: the present value
 * from the valuation engine (`valueEntries`), with a trace naming the framework, the price year
 * and index series, and each valued commitment's own trace (proxy, rebasing factor, adjustments,
 * counted years, discount factors). This adapter is the only coupling between procurement and
 * valuation. A commitment rejected by the valuation (unknown measure, a proxy that cannot be
 * rebased, bad year…) fails the result, so a bid is never scored on part of its offer.
 *
 * @example
 * ```ts
 * const r = valueCommitments(framework, entries, { baseYear: 2025, discounting: null });
 * if (r.ok) r.value.value.toString(); // the present value, e.g. '25539.36'
 * ```
 */
export function valueCommitments(
  framework: Framework,
  entries: readonly Entry[],
  options: CommitmentValuationOptions,
): Result<Explained> {
  const opts: Parameters<typeof valueEntries>[2] = {
    baseYear: options.baseYear,
    discounting: options.discounting,
  };
  if (options.priceYear !== undefined) opts.priceYear = options.priceYear;
  if (options.indexSeries !== undefined) opts.indexSeries = options.indexSeries;
  if (options.firstPeriodDiscounted !== undefined) opts.firstPeriodDiscounted = options.firstPeriodDiscounted;
  const r = valueEntries(framework, entries, opts);
  if (!r.ok) return fail(r.issues);
  const issues = [...r.issues, ...r.value.issues];
  if (hasErrors(issues)) return fail(issues);
  const v = r.value;
  const pv = v.totals.presentValue;
  const series = options.indexSeries;
  const inputs: Record<string, InputLike> = {
    framework: {
      value: `${framework.title}${framework.edition ? ` (${framework.edition})` : ''}`,
      ...(framework.source ? { source: framework.source } : {}),
    },
    commitments: String(v.counts.accepted),
    'base year': String(v.baseYear),
    'price year': v.priceYear === null ? 'none' : String(v.priceYear),
    discounting: options.discounting ? options.discounting.name : 'none',
  };
  if (series) inputs['index series'] = { value: `${series.name} (${series.id})`, source: series.source };
  // Each valued commitment with its own trace: where rebasing, adjustments and discounting show.
  for (const { key, line } of commitmentKeys(entries, v.lines)) {
    inputs[key] = { value: line.presentValue.toString(), trace: line.trace };
  }
  return ok(
    explain(
      pv,
      'social value = present value of the commitments (Σ quantity × proxy × rebasing factor to the price year × (1 − deadweight) × (1 − displacement) × (1 − attribution), with drop-off, discounted to the base year)',
      inputs,
      v.counts.accepted === 0 ? ['no commitments: social value 0'] : undefined,
    ),
    issues,
  );
}

/**
 * How quantitative social value is scored: `highest-ratio` (`M × SV_i ÷ SV_max`) or
 * `percent-of-price` (`SV_i ÷ P_i` relative to the highest share, or to `fullMarksAt`).
 * `cap` limits the social value counted per bid (money); `max` is the marks (default 100).
 *
 * @example
 * ```ts
 * const rule: SocialValueRule = { method: 'highest-ratio', max: dec(10) };
 * ```
 */
export interface SocialValueRule {
  method: 'highest-ratio' | 'percent-of-price';
  max?: Decimal;
  cap?: Decimal;
  fullMarksAt?: Decimal;
}

/**
 * A bid's social value to score (already valued) with its price and the valuation's trace.
 *
 * @example
 * ```ts
 * const b: SocialValueBid = { bid: 'A', value: dec('50000'), price: dec('1000000'), trace: null };
 * ```
 */
export interface SocialValueBid {
  bid: string;
  value: Decimal;
  price: Decimal;
  trace: Trace | null;
}

/**
 * A bid's quantitative social value score: raw marks, normalised (raw ÷ max), trace.
 *
 * @example
 * ```ts
 * s.raw.toString(); // '50'
 * ```
 */
export interface SocialValueScore {
  bid: string;
  raw: Decimal;
  normalised: Decimal;
  /** The normalised score as an exact fraction (`normalised` is it rounded once, to 40 digits). */
  exact: Rational;
  trace: Trace;
}

const R0 = Rational.of(0);
const R1 = Rational.of(1);

function clamp01(v: Rational): Rational {
  return v.sign() < 0 ? R0 : v.compare(R1) > 0 ? R1 : v;
}

/** A score from its exact raw marks out of M: raw and normalised rounded once, at the end. */
function scored(bid: string, exactRaw: Rational, m: Decimal, trace: Trace): SocialValueScore {
  const exact = exactRaw.div(m);
  return { bid, raw: exactRaw.toDecimal(), normalised: exact.toDecimal(), exact, trace };
}

/**
 * Scores compliant bids' social value (set-dependent: pass compliant bids only). Negative
 * social value scores 0; when the best counted value (or share) is not above 0 every bid
 * scores 0. `percent-of-price` needs prices above 0 (others get a `price_not_positive` issue
 * and no score).
 *
 * @example
 * ```ts
 * const r = scoreSocialValue({ method: 'highest-ratio', max: dec(10) }, [
 *   { bid: 'A', value: dec(50000), price: dec(900000), trace: null },
 *   { bid: 'B', value: dec(20000), price: dec(800000), trace: null },
 * ]);
 * r.ok && r.value.map((s) => s.raw.toString()); // ['10', '4']
 * ```
 */
export function scoreSocialValue(
  rule: SocialValueRule,
  bids: readonly SocialValueBid[],
): Result<SocialValueScore[]> {
  const m = rule.max ?? HUNDRED;
  const M = Rational.of(m);
  const issues: Issue[] = [];
  const counted = bids.map((b) => {
    const capped = rule.cap && b.value.gt(rule.cap) ? rule.cap : b.value;
    const input = b.trace ? { value: b.value.toString(), trace: b.trace } : { value: b.value.toString() };
    return { b, counted: capped, input };
  });
  const capNote = (v: Decimal, c: Decimal) =>
    rule.cap && !v.eq(c) ? [`social value ${v.toString()} capped at ${rule.cap.toString()}`] : [];
  if (rule.method === 'highest-ratio') {
    const best = counted.reduce((acc, c) => (c.counted.gt(acc) ? c.counted : acc), ZERO);
    return ok(
      counted.map(({ b, counted: c, input }) => {
        const notes = capNote(b.value, c);
        if (!best.gt(0)) notes.push('no bid offers social value above 0, so every bid scores 0');
        const exact = best.gt(0) ? M.times(clamp01(Rational.of(c).div(best))) : R0;
        const { trace } = explain(
          exact.toDecimal(),
          'raw = M × SV_i ÷ SV_max (SV_max: highest counted social value among compliant bids; negative scores 0)',
          { M: m, SV_i: input, SV_max: best },
          notes,
        );
        return scored(b.bid, exact, m, trace);
      }),
    );
  }
  const shares: { b: SocialValueBid; counted: Decimal; input: { value: string }; share: Rational }[] = [];
  for (const c of counted) {
    if (!c.b.price.gt(0)) {
      issues.push(
        issue(
          'price_not_positive',
          `bid "${c.b.bid}" has price ${c.b.price.toString()}: social value as a share of price needs a price above 0`,
          { field: 'price' },
        ),
      );
      continue;
    }
    shares.push({ ...c, share: Rational.of(c.counted).div(c.b.price) });
  }
  const best = shares.reduce((acc, s) => (s.share.compare(acc) > 0 ? s.share : acc), R0);
  const scores = shares.map(({ b, counted: c, input, share }) => {
    const notes = capNote(b.value, c);
    if (rule.fullMarksAt) {
      const exact = M.times(clamp01(share.div(rule.fullMarksAt)));
      const { trace } = explain(
        exact.toDecimal(),
        'raw = M × min(1, (SV_i ÷ P_i) ÷ full-marks share), at least 0',
        { M: m, SV_i: input, P_i: b.price, 'full-marks share': rule.fullMarksAt },
        notes,
      );
      return scored(b.bid, exact, m, trace);
    }
    if (best.sign() <= 0) notes.push('no bid offers social value above 0, so every bid scores 0');
    const exact = best.sign() > 0 ? M.times(clamp01(share.div(best))) : R0;
    const { trace } = explain(
      exact.toDecimal(),
      'raw = M × (SV_i ÷ P_i) ÷ highest (SV ÷ P) among compliant bids',
      { M: m, SV_i: input, P_i: b.price, 'highest share': best.toDecimal() },
      notes,
    );
    return scored(b.bid, exact, m, trace);
  });
  return ok(scores, issues);
}
