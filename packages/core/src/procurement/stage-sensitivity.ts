import type { Rational } from '../money/rational';
import { type WeightSensitivity, weightSensitivity } from './sensitivity';
import type { Ranked } from './stage-ranking';
import { type ExactFigures, R0, type WeighingPlan } from './stage-totals';

/**
 * The sensitivity stage: with a single winner, the weight of each top-level criterion at which
 * it would change (from the ranked bids' exact normalised scores); otherwise one row per
 * criterion saying why there is none.
 *
 * @example
 * ```ts
 * const s = sensitivityOf(ranked, exactOf, plan);
 * s[0]?.flipsAt?.toFixed(2); // '57.14'
 * ```
 */
export function sensitivityOf(
  r: Ranked,
  exact: ReadonlyMap<string, ExactFigures>,
  plan: WeighingPlan,
): WeightSensitivity[] {
  const top = plan.top.map((i) => ({ i, node: plan.nodes[i] as WeighingPlan['nodes'][number] }));
  const criteria = top.map(({ node }) => ({ id: node.id, weight: node.weight }));
  if (r.winner) {
    return weightSensitivity({
      criteria,
      bids: r.ranked.map((e) => {
        const x = exact.get(e.bid) as ExactFigures;
        const scores: Record<string, Rational> = {};
        for (const { i, node } of top) scores[node.id] = x.normalised[i] ?? R0;
        return { bid: e.bid, scores };
      }),
      winner: r.winner,
    });
  }
  const note =
    r.first.length > 1
      ? `no single winner: ${r.first.map((x) => x.bid).join(', ')} tie for first`
      : 'no bid is ranked';
  return criteria.map((t) => ({
    criterion: t.id,
    weight: t.weight,
    flipsAt: null,
    newWinner: null,
    direction: null,
    note,
    trace: null,
  }));
}
