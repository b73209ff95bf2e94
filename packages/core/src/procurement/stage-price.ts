import { type Issue, issue } from '../issues/issues';
import type { Decimal } from '../money/decimal';
import { formatMoney } from '../money/round';
import { at, locate, scoredCell, unscored, type Work } from './cells';
import type { CriterionNode } from './model';
import { scorePrices } from './price';
import type { EvaluationModel } from './schema';

/** Why a disqualified bid has no price or social value score. */
export const EXCLUDED = 'the bid is disqualified, and relative scores are taken over compliant bids only';

/**
 * The price stage: every price criterion scored over the compliant bids (the whole price, or
 * the priced line the criterion names), by the criterion's method. A bid without the line, or
 * whose price the method cannot score, is unscored with an issue; disqualified bids are
 * excluded from the price set.
 *
 * @example
 * ```ts
 * scorePriceCriteria(works, compliant, nodes, model, bidIndex, issues);
 * works[0]?.cells.get('price')?.normalised?.toString(); // '1' for the lowest price
 * ```
 */
export function scorePriceCriteria(
  works: readonly Work[],
  compliant: readonly Work[],
  nodes: readonly CriterionNode[],
  model: EvaluationModel,
  bidIndex: ReadonlyMap<string, number>,
  issues: Issue[],
): void {
  const byBid = new Map(works.map((w) => [w.bid.bid, w]));
  for (const node of nodes) {
    const c = node.criterion;
    if (c.type !== 'price') continue;
    const priced: { bid: string; price: Decimal }[] = [];
    for (const w of compliant) {
      if (c.line === undefined) {
        priced.push({ bid: w.bid.bid, price: w.bid.price });
        continue;
      }
      const line = w.bid.lines?.find((l) => l.id === c.line);
      if (line) priced.push({ bid: w.bid.bid, price: line.amount });
      else {
        issues.push(
          issue(
            'price_line_missing',
            `bid "${w.bid.bid}" has no price line "${c.line}", which "${c.id}" scores: add it`,
            at(['bids', w.index, 'lines'], w.bid.line),
          ),
        );
        w.cells.set(node.id, unscored(`no price line "${c.line}"`, `${c.title} (no price line "${c.line}")`));
      }
    }
    const rule: Parameters<typeof scorePrices>[0] = { method: c.method };
    if (c.max) rule.max = c.max;
    if (c.reference) rule.reference = c.reference;
    if (c.ceiling) rule.ceiling = c.ceiling;
    const r = scorePrices(rule, priced);
    const scored = new Map(r.ok ? r.value.scores.map((s) => [s.bid, s]) : []);
    for (const i of r.issues) issues.push(locate(i, bidIndex));
    for (const p of priced) {
      const w = byBid.get(p.bid) as Work;
      const s = scored.get(p.bid);
      w.cells.set(
        node.id,
        s
          ? scoredCell(s.raw, s.normalised, s.exact, s.trace)
          : unscored(
              `price ${formatMoney(p.price, model.currency)} cannot be scored by "${c.method}"`,
              `${c.title} (price cannot be scored)`,
            ),
      );
    }
    for (const w of works) if (w.disqualify.length) w.cells.set(node.id, unscored(EXCLUDED, null));
  }
}
