import { type Issue, issue } from '../issues/issues';
import type { Decimal } from '../money/decimal';
import type { Rational } from '../money/rational';
import { codepointCompare } from './price';
import { type ExactFigures, R0 } from './stage-totals';
import type { BidEvaluation, RankedBid } from './types';

/** Orders bids on exact totals, then the tie-break criteria's exact weighted scores. */
function compareForRank(tieBreak: readonly number[], exact: ReadonlyMap<string, ExactFigures>) {
  return (a: BidEvaluation, b: BidEvaluation): number => {
    const ea = exact.get(a.bid) as ExactFigures;
    const eb = exact.get(b.bid) as ExactFigures;
    const t = (eb.total as Rational).compare(ea.total as Rational);
    if (t !== 0) return t;
    for (const i of tieBreak) {
      const d = (eb.weighted[i] ?? R0).compare(ea.weighted[i] ?? R0);
      if (d !== 0) return d;
    }
    return 0;
  };
}

/** The ranking stage's result: ranked bids in rank order (ranks set), the ranking, the winner. */
export interface Ranked {
  ranked: BidEvaluation[];
  ranking: RankedBid[];
  /** Bids sharing rank 1 (more than one: a tie for first). */
  first: RankedBid[];
  winner: string | null;
}

/**
 * The ranking stage (ties): ranked bids ordered on their exact totals, then the tie-break
 * criteria's exact weighted scores, then bid id (so input order never matters); equal bids share
 * a rank (competition ranking). A tie for first leaves no winner, with a warning.
 *
 * @example
 * ```ts
 * const r = rankBids(evaluations, exactOf, [nodeIndexOfQuality], issues);
 * r.ranking.map((x) => [x.bid, x.rank]); // [['B', 1], ['A', 2]]
 * ```
 */
export function rankBids(
  evaluations: readonly BidEvaluation[],
  exact: ReadonlyMap<string, ExactFigures>,
  tieBreak: readonly number[],
  issues: Issue[],
): Ranked {
  const compare = compareForRank(tieBreak, exact);
  const ranked = evaluations
    .filter((e) => e.status === 'ranked')
    .sort((a, b) => compare(a, b) || codepointCompare(a.bid, b.bid));
  ranked.forEach((e, i) => {
    const prev = ranked[i - 1];
    e.rank = prev && compare(prev, e) === 0 ? (prev.rank as number) : i + 1;
  });
  const ranking: RankedBid[] = ranked.map((e) => ({
    bid: e.bid,
    bidder: e.bidder,
    rank: e.rank as number,
    total: e.total as Decimal,
  }));
  const first = ranking.filter((r) => r.rank === 1);
  let winner: string | null = first.length === 1 ? (first[0] as RankedBid).bid : null;
  if (first.length > 1) {
    issues.push(
      issue(
        'tie_for_first',
        `bids ${first.map((r) => `"${r.bid}"`).join(', ')} tie for first at full precision${tieBreak.length ? ' after the tie-breaks' : ''}: apply the tie-break published in the methodology`,
        { severity: 'warning' },
      ),
    );
    winner = null;
  }
  return { ranked, ranking, first, winner };
}
