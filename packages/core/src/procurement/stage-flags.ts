import { type Issue, issue } from '../issues/issues';
import { sum } from '../money/decimal';
import { formatMoney } from '../money/round';
import { at, moneyBelow, moneyPair, shownShare, type Work } from './cells';
import { combineScores } from './moderation';
import type { EvaluationModel } from './schema';

/**
 * The flags stage, price lines: a bid whose priced lines do not add up to its price is flagged
 * (with a warning on the bid's row); the price is used.
 *
 * @example
 * ```ts
 * flagPriceLines(works, model, issues);
 * works[0]?.flags[0]?.code; // 'price-lines-mismatch'
 * ```
 */
export function flagPriceLines(works: readonly Work[], model: EvaluationModel, issues: Issue[]): void {
  for (const w of works) {
    const lines = w.bid.lines;
    if (!lines?.length) continue;
    const total = sum(lines.map((l) => l.amount));
    if (total.eq(w.bid.price)) continue;
    const [shown, price] = moneyPair(total, w.bid.price, model.currency);
    const msg = `the price lines of bid "${w.bid.bid}" add up to ${shown}, not the price ${price}: the price is used; clarify with the bidder`;
    w.flags.push({ code: 'price-lines-mismatch', criterion: null, message: msg });
    issues.push(
      issue('price_lines_mismatch', msg, {
        ...at(['bids', w.index, 'lines'], w.bid.line),
        severity: 'warning',
      }),
    );
  }
}

/**
 * The flags stage, abnormally low prices: a compliant bid priced below the model's share of the
 * mean (or median) compliant price is flagged — a flag only, never a disqualification (PA 2023
 * s19(4)–(5): the supplier must be asked first).
 *
 * @example
 * ```ts
 * flagAbnormallyLow(compliant, model); // model.abnormallyLow = { share: dec('0.8') }
 * compliant[0]?.flags[0]?.code; // 'abnormally-low'
 * ```
 */
export function flagAbnormallyLow(compliant: readonly Work[], model: EvaluationModel): void {
  const low = model.abnormallyLow;
  if (!low || compliant.length === 0) return;
  const basisName = low.basis ?? 'mean';
  const basis = combineScores(
    compliant.map((w) => w.bid.price),
    basisName,
  );
  const threshold = low.share.times(basis);
  for (const w of compliant) {
    if (w.bid.price.lt(threshold)) {
      w.flags.push({
        code: 'abnormally-low',
        criterion: null,
        message: `price ${moneyBelow(w.bid.price, threshold, model.currency)} is below ${shownShare(low.share)} of the ${basisName} compliant price (${formatMoney(basis, model.currency)}): ask the supplier to show it can perform at this price before deciding (Procurement Act 2023 s19(4)–(5)); this is a flag, not a disqualification`,
      });
    }
  }
}
