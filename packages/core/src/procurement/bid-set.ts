import { fail, ok, type Result } from '../issues/issues';
import { evaluate } from './evaluate';
import { codepointCompare } from './price';
import type { EvaluationInput } from './schema';

/**
 * What happens when one bid is left out: the winner of the remaining set, whether it differs
 * from the full-set winner (only for a bid other than the winner: a losing bid that changes the
 * winner is a rank reversal), and whether the order of the other ranked bids changed.
 *
 * @example
 * ```ts
 * const c: BidSetChange = { removed: 'C', winner: 'A', winnerChanged: true, orderChanged: true, note: '…' };
 * ```
 */
export interface BidSetChange {
  removed: string;
  winner: string | null;
  winnerChanged: boolean;
  orderChanged: boolean;
  note: string;
}

/**
 * Bid-set ("leave-one-out") sensitivity, separate from weight sensitivity: relative price
 * formulas move with the set of bids, so a cheap, losing bid can change who wins between two
 * others (independence of irrelevant alternatives, procurement.md §3). Each bid is left out in
 * turn (with its scores, gates, moderation and commitments) and the tender evaluated again.
 *
 * @example
 * ```ts
 * const r = bidSetSensitivity(input);
 * if (r.ok) r.value.changes.filter((c) => c.winnerChanged); // losing bids whose presence decides the winner
 * ```
 */
export function bidSetSensitivity(
  input: EvaluationInput,
): Result<{ winner: string | null; changes: BidSetChange[] }> {
  const full = evaluate(input);
  if (!full.ok) return fail(full.issues);
  const winner = full.value.winner;
  const order = full.value.ranking.map((r) => r.bid);
  const ids = input.bids.map((b) => b.bid).sort(codepointCompare);
  const changes = ids.map((removed): BidSetChange => {
    const keep = <T extends { bid?: string | undefined }>(rows: readonly T[]) =>
      rows.filter((r) => r.bid !== removed);
    const reduced: EvaluationInput = { ...input, bids: keep(input.bids), scores: keep(input.scores) };
    if (input.gates) reduced.gates = keep(input.gates);
    if (input.moderation) reduced.moderation = keep(input.moderation);
    if (input.commitments) reduced.commitments = keep(input.commitments);
    const r = evaluate(reduced);
    const w = r.ok ? r.value.winner : null;
    const newOrder = r.ok ? r.value.ranking.map((x) => x.bid) : [];
    const both = new Set(newOrder);
    const before = order.filter((b) => b !== removed && both.has(b));
    const after = newOrder.filter((b) => before.includes(b));
    const orderChanged = before.join('\u0000') !== after.join('\u0000');
    const winnerChanged = removed !== winner && w !== winner;
    const note =
      removed === winner
        ? `without the winner, "${w ?? 'no bid'}" would win`
        : winnerChanged
          ? `leaving out "${removed}" changes the winner from "${winner ?? 'none'}" to "${w ?? 'none'}": its price moves the others' relative scores`
          : orderChanged
            ? `leaving out "${removed}" keeps the winner but changes the order of the other bids`
            : `leaving out "${removed}" changes neither the winner nor the order`;
    return { removed, winner: w, winnerChanged, orderChanged, note };
  });
  return ok({ winner, changes }, full.issues);
}
