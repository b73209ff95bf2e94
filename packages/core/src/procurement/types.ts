import type { Issue } from '../issues/issues';
import type { Decimal } from '../money/decimal';
import type { Explained, Trace } from '../trace/trace';
import type { CriterionNode } from './model';
import type { EvaluatorScore, ModeratedScore } from './moderation';
import type { Criterion, EvaluationModel } from './schema';
import type { WeightSensitivity } from './sensitivity';

/**
 * A flag on a bid: something a commissioner must look at, which does not by itself disqualify.
 * Codes: `abnormally-low` (price below the set share of the compliant mean/median: ask the
 * supplier, PA 2023 s19(4)–(5)), `divergent-scores` (evaluators disagree beyond the threshold:
 * moderate), `incomplete` (missing or invalid data: the bid is not ranked),
 * `price-lines-mismatch` (price lines do not add up to the price).
 *
 * @example
 * ```ts
 * const f: BidFlag = { code: 'abnormally-low', criterion: null, message: 'price £50,000.00 is below 80% of the mean compliant price (£90,000.00): …' };
 * ```
 */
export interface BidFlag {
  code: 'abnormally-low' | 'divergent-scores' | 'incomplete' | 'price-lines-mismatch';
  criterion: string | null;
  message: string;
}

/**
 * A bid's result on one criterion: raw score on the criterion's scale, normalised (raw ÷ scale
 * max, 0–1) and weighted (normalised × effective weight, in points of the 0–100 total), each
 * null when not scored; the gate result for pass/fail criteria; the evaluators' scores, the
 * moderated score and the recorded reasons; and the trace (weighted → normalised → raw).
 * `trace` and `reasons` are made each time they are read (same content, a new object): an
 * evaluation keeps compact numbers per cell, not every cell's trace.
 *
 * @example
 * ```ts
 * const c = evaluation.bids[0]!.criteria.find((c) => c.criterion === 'price')!;
 * c.weighted?.toString(); // '40'
 * traceToText(c.trace);
 * ```
 */
export interface CriterionResult {
  criterion: string;
  title: string;
  type: Criterion['type'];
  parent: string | null;
  depth: number;
  weight: Decimal;
  effectiveWeight: Decimal;
  raw: Decimal | null;
  normalised: Decimal | null;
  weighted: Decimal | null;
  gate: 'pass' | 'fail' | null;
  scores: EvaluatorScore[];
  moderated: ModeratedScore | null;
  reasons: string[];
  trace: Trace;
}

/**
 * Where a bid ended up: `ranked`, `disqualified` (a gate failed or a minimum was not met; the
 * reasons say which) or `incomplete` (scores, gate results or a scorable price are missing or
 * invalid: not ranked until the issues are resolved).
 *
 * @example
 * ```ts
 * const s: BidStatus = 'ranked';
 * ```
 */
export type BidStatus = 'ranked' | 'disqualified' | 'incomplete';

/**
 * One bid's evaluation. `total` (0–100) is null when the bid could not be fully scored
 * (incomplete, or disqualified: relative price and social value scores are taken over compliant
 * bids only). `reasons` are the disqualification reasons.
 *
 * @example
 * ```ts
 * for (const b of evaluation.bids) console.log(b.bid, b.status, b.total?.toFixed(2));
 * ```
 */
export interface BidEvaluation {
  bid: string;
  bidder: string;
  supplierId: string | null;
  address: string | null;
  price: Decimal;
  status: BidStatus;
  rank: number | null;
  total: Decimal | null;
  totalTrace: Trace | null;
  disqualified: boolean;
  reasons: string[];
  flags: BidFlag[];
  socialValue: Explained | null;
  criteria: CriterionResult[];
}

/**
 * A place in the ranking: competition ranking (equal totals and tie-breaks share a rank; the
 * next rank skips), totals compared at full precision.
 *
 * @example
 * ```ts
 * evaluation.ranking.map((r) => `${r.rank}. ${r.bidder} ${r.total.toFixed(2)}`);
 * ```
 */
export interface RankedBid {
  bid: string;
  bidder: string;
  rank: number;
  total: Decimal;
}

/**
 * Bids read = ranked + disqualified + incomplete.
 *
 * @example
 * ```ts
 * const { bids, ranked, disqualified, incomplete } = evaluation.counts;
 * ```
 */
export interface EvaluationCounts {
  bids: number;
  ranked: number;
  disqualified: number;
  incomplete: number;
}

/**
 * The evaluation of a tender: the model, its criteria with effective weights, every bid's
 * result (ranked bids in rank order, then the others by bid id), the ranking, the winner (null
 * when no bid is ranked or bids tie for first without a tie-break), weight sensitivity per
 * top-level criterion, counts, and the issues (the same list as the `Result`'s).
 *
 * @example
 * ```ts
 * const r = evaluate(input);
 * if (r.ok) console.log(r.value.winner, r.value.ranking);
 * ```
 */
export interface TenderEvaluation {
  model: EvaluationModel;
  criteria: CriterionNode[];
  bids: BidEvaluation[];
  ranking: RankedBid[];
  winner: string | null;
  sensitivity: WeightSensitivity[];
  counts: EvaluationCounts;
  issues: Issue[];
}
